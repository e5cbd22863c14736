//! The participant's declarations: what the harness cannot test (a DPIA, revocation checks, the
//! processing log), stated and signed for by the organisation, one per requirement verified by
//! declaration. A complete certification needs every declaration requirement of the profile
//! covered by a declaration that is not older than the catalogue allows.
//!
//! ```toml
//! organisatie = "Gemeente Testdorp"
//!
//! [[verklaring]]
//! eis = "AV-LOG-001"
//! uitspraak = "voldaan"            # voldaan | niet-voldaan | niet-van-toepassing
//! verklaring = "Voor elk verstrekt profiel wordt een verwerking vastgelegd voordat het antwoord vertrekt."
//! ondertekend_door = "J. Jansen, CISO"
//! datum = "2026-11-20"
//! onderbouwing = "interne audit 2026-11"   # optional
//! ```

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;
use vum_spec::profielen::Profiel;
use vum_spec::requirements::{Eis, Niveau, Verificatie};

/// What the organisation declares about a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Uitspraak {
    /// The requirement is met.
    Voldaan,
    /// The requirement is not met: a MUST declared so fails the run.
    NietVoldaan,
    /// The requirement does not apply; the statement says why, and the certificate shows it so
    /// the programme office can judge.
    NietVanToepassing,
}

impl Uitspraak {
    /// The word in reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Voldaan => "voldaan",
            Self::NietVoldaan => "niet voldaan",
            Self::NietVanToepassing => "niet van toepassing",
        }
    }
}

/// One declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verklaring {
    /// The requirement it covers.
    pub eis: String,
    /// Met, not met, or not applicable.
    pub uitspraak: Uitspraak,
    /// What the organisation declares, in its own words.
    pub verklaring: String,
    /// Who signs for the organisation (name and function).
    pub ondertekend_door: String,
    /// When it was signed (`YYYY-MM-DD`).
    pub datum: String,
    /// Where the statement rests on, if given (an audit, a test, a document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onderbouwing: Option<String>,
}

/// A declarations file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verklaringen {
    /// The organisation that declares.
    pub organisatie: String,
    /// The declarations.
    #[serde(default)]
    pub verklaring: Vec<Verklaring>,
}

/// A declarations file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum VerklaringenError {
    /// Not TOML of the expected shape (the message names line and column).
    #[error("{0}")]
    Syntax(#[from] toml::de::Error),
    /// A declaration that breaks a rule.
    #[error("verklaring {index} (eis {eis}): {reason}")]
    Invalid {
        /// Its position in the file, from 1.
        index: usize,
        /// The requirement it names.
        eis: String,
        /// Why.
        reason: String,
    },
}

/// Parses a date `YYYY-MM-DD`.
pub fn date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

impl Verklaringen {
    /// Parses a declarations file and checks it against the catalogue: every declaration names a
    /// requirement verified by declaration, once, with a date and a signatory.
    pub fn parse(text: &str, catalogue: &[Eis]) -> Result<Self, VerklaringenError> {
        let file: Self = toml::from_str(text)?;
        let mut seen = std::collections::BTreeSet::new();
        for (i, v) in file.verklaring.iter().enumerate() {
            let invalid = |reason: &str| VerklaringenError::Invalid {
                index: i + 1,
                eis: v.eis.clone(),
                reason: reason.to_owned(),
            };
            match catalogue.iter().find(|e| e.id == v.eis) {
                None => return Err(invalid("deze eis staat niet in de eisencatalogus")),
                Some(e) if e.verificatie != Verificatie::Verklaring => {
                    return Err(invalid(
                        "deze eis wordt door het harnas getoetst, niet met een verklaring",
                    ));
                }
                Some(_) => {}
            }
            if !seen.insert(v.eis.clone()) {
                return Err(invalid("deze eis heeft al een verklaring"));
            }
            if date(&v.datum).is_none() {
                return Err(invalid("datum is geen datum JJJJ-MM-DD"));
            }
            if v.verklaring.trim().is_empty() || v.ondertekend_door.trim().is_empty() {
                return Err(invalid("verklaring en ondertekend_door zijn verplicht"));
            }
            if v.uitspraak == Uitspraak::NietVanToepassing && v.verklaring.trim().len() < 20 {
                return Err(invalid(
                    "bij niet-van-toepassing zegt de verklaring waarom (minstens een zin)",
                ));
            }
        }
        Ok(file)
    }
}

impl Verklaringen {
    /// Re-affirms every declaration on `datum`: for declarations that rest on tests that run with
    /// every build (the reference node's), so that they are as fresh as the build.
    pub fn herbevestig(&mut self, datum: Date) {
        for verklaring in &mut self.verklaring {
            verklaring.datum = datum.to_string();
        }
    }
}

/// How a declaration requirement of the profile is covered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "staat")]
pub enum Dekking {
    /// A valid declaration.
    Geldig {
        /// The declaration.
        verklaring: Verklaring,
        /// The last day it is valid.
        geldig_tot: String,
    },
    /// No declaration.
    Ontbreekt,
    /// A declaration older than the catalogue allows, or dated in the future.
    Verlopen {
        /// The declaration.
        verklaring: Verklaring,
        /// Why it does not count.
        reden: String,
    },
}

/// A declaration requirement of the profile with its coverage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verklaringsuitslag {
    /// The requirement.
    pub eis: String,
    /// MUST or SHOULD.
    pub niveau: Niveau,
    /// Its coverage.
    #[serde(flatten)]
    pub dekking: Dekking,
}

impl Verklaringsuitslag {
    /// Whether the requirement is covered by a valid declaration.
    pub fn geldig(&self) -> bool {
        matches!(self.dekking, Dekking::Geldig { .. })
    }

    /// What a valid declaration says, if there is one.
    pub fn uitspraak(&self) -> Option<Uitspraak> {
        match &self.dekking {
            Dekking::Geldig { verklaring, .. } => Some(verklaring.uitspraak),
            _ => None,
        }
    }

    /// What is wrong, in words, when it is not.
    pub fn gebrek(&self) -> Option<String> {
        match &self.dekking {
            Dekking::Geldig { .. } => None,
            Dekking::Ontbreekt => Some(format!("{}: geen verklaring", self.eis)),
            Dekking::Verlopen { reden, .. } => Some(format!("{}: {reden}", self.eis)),
        }
    }
}

/// The declarations in one line: how many say what, which say "not met", which are missing or
/// no longer count (`verklaringen: 9 voldaan, 6 niet van toepassing, …`).
pub fn samenvatting(uitslagen: &[Verklaringsuitslag]) -> String {
    let count = |u: Uitspraak| {
        uitslagen
            .iter()
            .filter(|d| d.uitspraak() == Some(u))
            .count()
    };
    let unmet: Vec<String> = uitslagen
        .iter()
        .filter(|d| d.uitspraak() == Some(Uitspraak::NietVoldaan))
        .map(|d| format!("{} {}", d.eis, d.niveau))
        .collect();
    let gaps: Vec<&str> = uitslagen
        .iter()
        .filter(|d| !d.geldig())
        .map(|d| d.eis.as_str())
        .collect();
    let mut line = format!(
        "{} voldaan, {} niet van toepassing, {} niet voldaan",
        count(Uitspraak::Voldaan),
        count(Uitspraak::NietVanToepassing),
        unmet.len()
    );
    if !unmet.is_empty() {
        line.push_str(&format!(" ({})", unmet.join(", ")));
    }
    line.push_str(&format!(", {} ontbreken of gelden niet", gaps.len()));
    if !gaps.is_empty() {
        line.push_str(&format!(" ({})", gaps.join(", ")));
    }
    line
}

/// The coverage of every declaration requirement of the profile on `today`.
pub fn toets(
    verklaringen: Option<&Verklaringen>,
    profiel: &Profiel,
    catalogue: &[Eis],
    today: Date,
) -> Vec<Verklaringsuitslag> {
    profiel
        .eisen(catalogue)
        .into_iter()
        .filter(|e| e.verificatie == Verificatie::Verklaring)
        .map(|eis| {
            let found = verklaringen.and_then(|v| v.verklaring.iter().find(|d| d.eis == eis.id));
            let dekking = match found {
                None => Dekking::Ontbreekt,
                Some(v) => {
                    let days = i64::from(eis.geldigheid_dagen.unwrap_or(365));
                    match date(&v.datum) {
                        Some(signed) if signed > today => Dekking::Verlopen {
                            verklaring: v.clone(),
                            reden: format!(
                                "de verklaring is gedateerd in de toekomst ({})",
                                v.datum
                            ),
                        },
                        Some(signed) if (today - signed).whole_days() > days => Dekking::Verlopen {
                            verklaring: v.clone(),
                            reden: format!(
                                "de verklaring van {} is ouder dan {days} dagen",
                                v.datum
                            ),
                        },
                        Some(signed) => Dekking::Geldig {
                            verklaring: v.clone(),
                            geldig_tot: (signed + time::Duration::days(days)).to_string(),
                        },
                        None => Dekking::Verlopen {
                            verklaring: v.clone(),
                            reden: "de datum is geen datum".to_owned(),
                        },
                    }
                }
            };
            Verklaringsuitslag {
                eis: eis.id.clone(),
                niveau: eis.niveau,
                dekking,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Vec<Eis> {
        vum_spec::requirements::catalogue().unwrap()
    }

    #[test]
    fn declarations_are_checked_against_the_catalogue_and_named_by_position() {
        let c = catalogue();
        let ok = "organisatie = \"X\"\n[[verklaring]]\neis = \"AV-LOG-001\"\nuitspraak = \"voldaan\"\nverklaring = \"ja\"\nondertekend_door = \"A, CISO\"\ndatum = \"2026-11-01\"\n";
        assert_eq!(Verklaringen::parse(ok, &c).unwrap().verklaring.len(), 1);
        let tested = ok.replace("AV-LOG-001", "AV-KOP-001");
        assert!(
            Verklaringen::parse(&tested, &c)
                .unwrap_err()
                .to_string()
                .starts_with("verklaring 1 (eis AV-KOP-001)")
        );
        assert!(Verklaringen::parse(&ok.replace("2026-11-01", "1 nov"), &c).is_err());
        assert!(
            Verklaringen::parse(&format!("{ok}{}", &ok[18..]), &c)
                .unwrap_err()
                .to_string()
                .contains("al een verklaring")
        );
        assert!(
            Verklaringen::parse("organisatie = 1", &c)
                .unwrap_err()
                .to_string()
                .contains("line 1")
        );
    }

    #[test]
    fn a_declaration_counts_only_within_its_validity() {
        let c = catalogue();
        let profiel = vum_spec::profielen::profiel("bron").unwrap();
        let file = Verklaringen::parse(
            "organisatie = \"X\"\n[[verklaring]]\neis = \"AV-ORG-004\"\nuitspraak = \"voldaan\"\nverklaring = \"ja\"\nondertekend_door = \"A\"\ndatum = \"2026-01-01\"\n",
            &c,
        )
        .unwrap();
        let on = |d: &str| {
            toets(Some(&file), &profiel, &c, date(d).unwrap())
                .into_iter()
                .find(|u| u.eis == "AV-ORG-004")
                .unwrap()
        };
        assert!(on("2026-02-01").geldig());
        assert!(
            on("2026-12-01")
                .gebrek()
                .unwrap()
                .contains("ouder dan 90 dagen")
        );
        assert!(on("2025-12-01").gebrek().unwrap().contains("toekomst"));
        let all = toets(Some(&file), &profiel, &c, date("2026-02-01").unwrap());
        assert_eq!(all.len(), 16);
        assert_eq!(all.iter().filter(|u| u.geldig()).count(), 1);
    }
}
