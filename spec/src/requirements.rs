//! The requirement catalogue: the connection conditions (*aansluitvoorwaarden*) as data, one per
//! version (`requirements/<version>.toml`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Kind;
use crate::versie::{NIEUWSTE_ACTIEVE, Versie, Versienummer};

/// How binding a requirement is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Niveau {
    /// Must be met to connect.
    Must,
    /// Should be met; a failure is reported, not blocking.
    Should,
    /// May be met.
    May,
}

impl Niveau {
    /// The Gherkin tag of the level (`@must`).
    pub fn tag(self) -> &'static str {
        match self {
            Self::Must => "must",
            Self::Should => "should",
            Self::May => "may",
        }
    }
}

impl fmt::Display for Niveau {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Must => "MUST",
            Self::Should => "SHOULD",
            Self::May => "MAY",
        })
    }
}

/// How a requirement is verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verificatie {
    /// By the conformance harness, with Gherkin scenarios.
    Scenario,
    /// By a declaration the participant signs.
    Verklaring,
}

/// The areas of the catalogue, with the code that appears in the ids.
pub const GEBIEDEN: [(&str, &str); 9] = [
    ("koppelvlak", "KOP"),
    ("gegevens", "GEG"),
    ("selectie", "SEL"),
    ("privacy", "PRIV"),
    ("beveiliging", "BEV"),
    ("logging", "LOG"),
    ("betrouwbaarheid", "BET"),
    ("organisatie", "ORG"),
    ("bemiddeling", "BEM"),
];

/// One requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eis {
    /// `AV-<AREA>-<NNN>`.
    pub id: String,
    /// Dutch title.
    pub titel: String,
    /// MUST, SHOULD or MAY.
    pub niveau: Niveau,
    /// One of [`GEBIEDEN`].
    pub gebied: String,
    /// Roles it applies to (`bron` now, `uitwisseling` later).
    pub rollen: Vec<String>,
    /// Where it comes from: contract path, section of the standard, external norm.
    pub bron: String,
    /// How it is verified.
    pub verificatie: Verificatie,
    /// The kinds of profile it is about; empty when it holds for both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub soorten: Vec<Kind>,
    /// For a requirement verified by declaration: how many days a declaration stays valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geldigheid_dagen: Option<u32>,
}

impl Eis {
    /// Whether it holds for profiles of `kind`.
    pub fn about(&self, kind: Kind) -> bool {
        self.soorten.is_empty() || self.soorten.contains(&kind)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    eis: Vec<Eis>,
}

/// A catalogue that breaks its own rules, naming the file and the requirement at fault.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// Not TOML of the expected shape.
    #[error("{file}: {error}")]
    Syntax {
        /// The file (`requirements/3.0.0.toml`).
        file: String,
        /// What the parser said.
        error: toml::de::Error,
    },
    /// A requirement that breaks a rule.
    #[error("{file}: {id}: {reason}")]
    Invalid {
        /// The file.
        file: String,
        /// The requirement.
        id: String,
        /// Why.
        reason: String,
    },
    /// A version without a committed catalogue.
    #[error("requirements/{versie}.toml is not committed")]
    NotCommitted {
        /// The version.
        versie: String,
    },
}

/// The file name of a version's catalogue (`requirements/3.0.0.toml`).
pub fn file_name(versie: Versienummer) -> String {
    format!("requirements/{versie}.toml")
}

/// The committed text of the catalogue of the newest `actief` version (for its hash in reports and
/// certificates).
pub fn text() -> &'static str {
    text_at(NIEUWSTE_ACTIEVE).unwrap_or_default()
}

/// The committed text of a version's catalogue, if committed.
pub fn text_for(versie: &Versie) -> Option<&'static str> {
    text_at(versie.nummer)
}

fn text_at(versie: Versienummer) -> Option<&'static str> {
    crate::committed::of_version(crate::committed::REQUIREMENTS, versie)
}

/// The catalogue of the newest `actief` version.
pub fn catalogue() -> Result<Vec<Eis>, CatalogueError> {
    catalogue_at(NIEUWSTE_ACTIEVE)
}

/// The catalogue of a version of the registry.
pub fn catalogue_for(versie: &Versie) -> Result<Vec<Eis>, CatalogueError> {
    catalogue_at(versie.nummer)
}

fn catalogue_at(versie: Versienummer) -> Result<Vec<Eis>, CatalogueError> {
    let text = text_at(versie).ok_or_else(|| CatalogueError::NotCommitted {
        versie: versie.to_string(),
    })?;
    parse_named(&file_name(versie), text)
}

/// Parses and checks a catalogue (see [`parse_named`]); errors name it "catalogus".
pub fn parse(text: &str) -> Result<Vec<Eis>, CatalogueError> {
    parse_named("catalogus", text)
}

/// Parses and checks a catalogue: ids unique and of the form `AV-<AREA>-<NNN>` with the code of
/// their area, at least one role, a source. Errors name `file`.
pub fn parse_named(file: &str, text: &str) -> Result<Vec<Eis>, CatalogueError> {
    let parsed: File = toml::from_str(text).map_err(|error| CatalogueError::Syntax {
        file: file.to_owned(),
        error,
    })?;
    let mut seen = std::collections::BTreeSet::new();
    for eis in &parsed.eis {
        let invalid = |reason: String| CatalogueError::Invalid {
            file: file.to_owned(),
            id: eis.id.clone(),
            reason,
        };
        let code = GEBIEDEN
            .iter()
            .find(|(name, _)| *name == eis.gebied)
            .map(|(_, code)| *code)
            .ok_or_else(|| invalid(format!("unknown area {:?}", eis.gebied)))?;
        let number = eis.id.strip_prefix(&format!("AV-{code}-")).ok_or_else(|| {
            invalid(format!(
                "the id of an {} requirement starts with AV-{code}-",
                eis.gebied
            ))
        })?;
        if number.len() != 3 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid("the id ends in three digits".to_owned()));
        }
        if !seen.insert(eis.id.clone()) {
            return Err(invalid("the id occurs twice".to_owned()));
        }
        if eis.rollen.is_empty() || eis.titel.trim().is_empty() || eis.bron.trim().is_empty() {
            return Err(invalid(
                "title, source and at least one role are required".to_owned(),
            ));
        }
        match (eis.verificatie, eis.geldigheid_dagen) {
            (Verificatie::Verklaring, None) => {
                return Err(invalid(
                    "a declaration requirement says how long a declaration stays valid (geldigheid_dagen)".to_owned(),
                ));
            }
            (Verificatie::Scenario, Some(_)) => {
                return Err(invalid(
                    "geldigheid_dagen belongs to requirements verified by declaration".to_owned(),
                ));
            }
            _ => {}
        }
    }
    Ok(parsed.eis)
}

/// The catalogue as a Markdown table.
pub fn markdown(catalogue: &[Eis]) -> String {
    let mut out = String::from(
        "| id | eis | niveau | gebied | rollen | verificatie | bron |\n|---|---|---|---|---|---|---|\n",
    );
    for e in catalogue {
        let verificatie = match e.verificatie {
            Verificatie::Scenario => "scenario",
            Verificatie::Verklaring => "verklaring",
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            e.id,
            e.titel.replace('|', "\\|"),
            e.niveau,
            e.gebied,
            e.rollen.join(", "),
            verificatie,
            e.bron.replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_is_valid_and_large_enough() {
        let catalogue = catalogue().unwrap();
        assert!(catalogue.len() >= 60, "{} requirements", catalogue.len());
        for (area, _) in GEBIEDEN {
            assert!(
                catalogue.iter().any(|e| e.gebied == area),
                "no requirement in {area}"
            );
        }
        assert!(
            catalogue
                .iter()
                .any(|e| e.verificatie == Verificatie::Verklaring)
        );
        assert!(markdown(&catalogue).lines().count() == catalogue.len() + 2);
    }

    #[test]
    fn broken_catalogues_are_named_by_id() {
        let base = "[[eis]]\nid = \"AV-KOP-001\"\ntitel = \"t\"\nniveau = \"MUST\"\ngebied = \"koppelvlak\"\nrollen = [\"bron\"]\nbron = \"b\"\nverificatie = \"scenario\"\n";
        assert!(parse(base).is_ok());
        let twice = format!("{base}{base}");
        assert!(
            parse(&twice)
                .unwrap_err()
                .to_string()
                .contains("AV-KOP-001: the id occurs twice")
        );
        let wrong_area = base.replace("koppelvlak", "privacy");
        assert!(
            parse(&wrong_area)
                .unwrap_err()
                .to_string()
                .contains("starts with AV-PRIV-")
        );
        assert!(parse(&base.replace("MUST", "MOET")).is_err());
    }
}
