//! Certification profiles (`profiles/<version>.toml`): what a node of one role, offering some
//! kinds of profile, must meet in a version. A profile's requirements are those of the catalogue for its role and
//! one of its kinds; its scenarios are those tagged with its role and with no kind tag or one of
//! its kinds (`@werkzoekenden`, `@vacatures`).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::Kind;
use crate::requirements::{Eis, Niveau, Verificatie};
use crate::versie::{NIEUWSTE_ACTIEVE, Versie, Versienummer};

/// The roles a node can be certified in.
pub const ROLLEN: [&str; 3] = ["bron", "uitwisseling", "bemiddelaar"];

/// One certification profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiel {
    /// Its name (`bron-vacatures`), as `--profiel` takes it.
    pub naam: String,
    /// In Dutch, for reports and certificates.
    pub titel: String,
    /// The role (`bron`, `uitwisseling`, `bemiddelaar`).
    pub rol: String,
    /// The kinds of profile the node offers.
    pub soorten: Vec<Kind>,
}

impl Profiel {
    /// Whether a requirement belongs to the profile.
    pub fn omvat(&self, eis: &Eis) -> bool {
        eis.rollen.contains(&self.rol) && self.soorten.iter().any(|k| eis.about(*k))
    }

    /// The requirements of the profile, in catalogue order.
    pub fn eisen<'a>(&self, catalogue: &'a [Eis]) -> Vec<&'a Eis> {
        catalogue.iter().filter(|e| self.omvat(e)).collect()
    }

    /// Whether a scenario with these tags (without `@`) belongs to the profile: its role, and
    /// no kind tag or one of the profile's kinds.
    pub fn selecteert(&self, tags: &[String]) -> bool {
        let role = tags.contains(&self.rol);
        let kinds: Vec<Kind> = tags.iter().filter_map(|t| kind_tag(t)).collect();
        role && (kinds.is_empty() || kinds.iter().any(|k| self.soorten.contains(k)))
    }
}

/// The kind a tag names (`werkzoekenden`, `vacatures`), if it names one.
pub fn kind_tag(tag: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.plural() == tag)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    profiel: Vec<Profiel>,
}

/// Profiles that break their own rules, naming the file and the profile at fault.
#[derive(Debug, thiserror::Error)]
pub enum ProfielError {
    /// Not TOML of the expected shape.
    #[error("{file}: {error}")]
    Syntax {
        /// The file (`profiles/3.0.0.toml`).
        file: String,
        /// What the parser said.
        error: toml::de::Error,
    },
    /// A profile that breaks a rule.
    #[error("{file}: profiel {naam}: {reason}")]
    Invalid {
        /// The file.
        file: String,
        /// The profile.
        naam: String,
        /// Why.
        reason: String,
    },
    /// A name that is no profile.
    #[error("{0:?} is geen certificeringsprofiel; kies uit {1}")]
    Unknown(String, String),
    /// A version without committed profiles.
    #[error("profiles/{versie}.toml is not committed")]
    NotCommitted {
        /// The version.
        versie: String,
    },
}

/// The file name of a version's profiles (`profiles/3.0.0.toml`).
pub fn file_name(versie: Versienummer) -> String {
    format!("profiles/{versie}.toml")
}

/// The committed text of the profiles of the newest `actief` version (for hashes and the
/// published bundle).
pub fn text() -> &'static str {
    text_at(NIEUWSTE_ACTIEVE).unwrap_or_default()
}

/// The committed text of a version's profiles, if committed.
pub fn text_for(versie: &Versie) -> Option<&'static str> {
    text_at(versie.nummer)
}

fn text_at(versie: Versienummer) -> Option<&'static str> {
    crate::committed::of_version(crate::committed::PROFILES, versie)
}

/// The profiles of the newest `actief` version.
pub fn profielen() -> Result<Vec<Profiel>, ProfielError> {
    profielen_at(NIEUWSTE_ACTIEVE)
}

/// The profiles of a version of the registry.
pub fn profielen_for(versie: &Versie) -> Result<Vec<Profiel>, ProfielError> {
    profielen_at(versie.nummer)
}

fn profielen_at(versie: Versienummer) -> Result<Vec<Profiel>, ProfielError> {
    let text = text_at(versie).ok_or_else(|| ProfielError::NotCommitted {
        versie: versie.to_string(),
    })?;
    parse_named(&file_name(versie), text)
}

/// Parses and checks profiles (see [`parse_named`]); errors name them "profielen".
pub fn parse(text: &str) -> Result<Vec<Profiel>, ProfielError> {
    parse_named("profielen", text)
}

/// Parses and checks profiles: unique names, a known role, at least one kind. Errors name `file`.
pub fn parse_named(file: &str, text: &str) -> Result<Vec<Profiel>, ProfielError> {
    let parsed: File = toml::from_str(text).map_err(|error| ProfielError::Syntax {
        file: file.to_owned(),
        error,
    })?;
    let mut seen = std::collections::BTreeSet::new();
    for p in &parsed.profiel {
        let invalid = |reason: &str| ProfielError::Invalid {
            file: file.to_owned(),
            naam: p.naam.clone(),
            reason: reason.to_owned(),
        };
        if !seen.insert(p.naam.clone()) {
            return Err(invalid("de naam komt twee keer voor"));
        }
        if !ROLLEN.contains(&p.rol.as_str()) {
            return Err(invalid("de rol is niet bron, uitwisseling of bemiddelaar"));
        }
        if p.soorten.is_empty() {
            return Err(invalid("een profiel biedt minstens één soort profielen"));
        }
    }
    Ok(parsed.profiel)
}

/// The profile with this name, in the newest `actief` version.
pub fn profiel(naam: &str) -> Result<Profiel, ProfielError> {
    named(profielen()?, naam)
}

/// The profile with this name, in a version of the registry.
pub fn profiel_for(versie: &Versie, naam: &str) -> Result<Profiel, ProfielError> {
    named(profielen_for(versie)?, naam)
}

fn named(all: Vec<Profiel>, naam: &str) -> Result<Profiel, ProfielError> {
    let names = all
        .iter()
        .map(|p| p.naam.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    all.into_iter()
        .find(|p| p.naam == naam)
        .ok_or_else(|| ProfielError::Unknown(naam.to_owned(), names))
}

/// The profiles as Markdown: per profile its requirements by level and verification.
pub fn markdown(profielen: &[Profiel], catalogue: &[Eis]) -> String {
    let mut out = String::from(
        "| profiel | rol | soorten | MUST (scenario) | MUST (verklaring) | SHOULD/MAY | titel |\n|---|---|---|---|---|---|---|\n",
    );
    for p in profielen {
        let eisen = p.eisen(catalogue);
        let count = |niveau: bool, verificatie: Option<Verificatie>| {
            eisen
                .iter()
                .filter(|e| (e.niveau == Niveau::Must) == niveau)
                .filter(|e| verificatie.is_none_or(|v| e.verificatie == v))
                .count()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            p.naam,
            p.rol,
            p.soorten
                .iter()
                .map(|k| k.plural())
                .collect::<Vec<_>>()
                .join(", "),
            count(true, Some(Verificatie::Scenario)),
            count(true, Some(Verificatie::Verklaring)),
            count(false, None),
            p.titel
        );
    }
    for p in profielen {
        let _ = writeln!(out, "\n### {} ({})\n", p.naam, p.titel);
        let eisen = p.eisen(catalogue);
        if eisen.is_empty() {
            out.push_str("Nog geen eisen: de eisen van deze rol worden nog vastgesteld.\n");
        }
        for e in eisen {
            let _ = writeln!(out, "- {} [{}] {}", e.id, e.niveau, e.titel);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_select_requirements_by_role_and_kind() {
        let catalogue = crate::requirements::catalogue().unwrap();
        let bron = profiel("bron").unwrap();
        let vacatures = profiel("bron-vacatures").unwrap();
        let werkzoekenden = profiel("bron-werkzoekenden").unwrap();
        let ids = |p: &Profiel| -> Vec<String> {
            p.eisen(&catalogue).iter().map(|e| e.id.clone()).collect()
        };
        assert!(ids(&vacatures).contains(&"AV-KOP-002".to_owned()));
        assert!(!ids(&vacatures).contains(&"AV-KOP-001".to_owned()));
        assert!(ids(&werkzoekenden).contains(&"AV-KOP-001".to_owned()));
        assert!(
            ids(&vacatures).contains(&"AV-KOP-005".to_owned()),
            "kind-neutral"
        );
        assert_eq!(
            ids(&bron).len(),
            catalogue
                .iter()
                .filter(|e| e.rollen.contains(&"bron".to_owned()))
                .count()
        );
        assert!(profiel("uitwisseling").is_ok() && profiel("bemiddelaar").is_ok());
        assert!(
            profiel("bron-alles")
                .unwrap_err()
                .to_string()
                .contains("bron-vacatures")
        );
        let tags = |t: &[&str]| -> Vec<String> { t.iter().map(|s| (*s).to_owned()).collect() };
        assert!(vacatures.selecteert(&tags(&["bron", "vacatures", "must"])));
        assert!(vacatures.selecteert(&tags(&["bron", "must"])));
        assert!(!vacatures.selecteert(&tags(&["bron", "werkzoekenden"])));
        assert!(!vacatures.selecteert(&tags(&["uitwisseling"])));
    }

    #[test]
    fn broken_profiles_are_named() {
        let one =
            "[[profiel]]\nnaam = \"x\"\ntitel = \"t\"\nrol = \"bron\"\nsoorten = [\"vacature\"]\n";
        assert!(parse(one).is_ok());
        assert!(
            parse(&format!("{one}{one}"))
                .unwrap_err()
                .to_string()
                .contains("twee keer")
        );
        assert!(parse(&one.replace("\"bron\"", "\"baas\"")).is_err());
        assert!(parse(&one.replace("[\"vacature\"]", "[]")).is_err());
        assert!(parse(&one.replace("vacature", "baan")).is_err());
    }
}
