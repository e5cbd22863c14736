//! The versions of the standard as data (`versions.toml`): each version's number, status and dates.
//!
//! Everything else is per version and found by the number: the schemas and OpenAPI contracts
//! (`schema/<nummer>/`, generated from the types, where a field marked `x-vum-sinds` exists from
//! that version on), the requirement catalogue (`requirements/<nummer>.toml`), the certification
//! profiles (`profiles/<nummer>.toml`) and the certification test set (`testdata/<nummer>/`).
//!
//! | status | served by a node | new certificates |
//! |---|---|---|
//! | `concept` | only when the node is started with it enabled | no |
//! | `actief` | yes | yes, expiring at the latest on `einddatum` when one is announced |
//! | `uitfaserend` | yes, up to `einddatum` | no; existing ones expire at the latest on `einddatum` |
//! | `ingetrokken` | no | no |
//!
//! [`crate::VERSION`] is the newest `actief` version (computed from the same file at build time).

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::kwaliteit::Kalenderdatum;

/// A version number `MAJOR.MINOR.PATCH` in canonical form (no leading zeros, no suffix).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Versienummer {
    /// Incompatible changes; in the base path (`/api/v3`).
    pub major: u32,
    /// Compatible additions.
    pub minor: u32,
    /// Corrections.
    pub patch: u32,
}

impl Versienummer {
    /// The number `major.minor.patch`.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }

    /// The base path of the API of this major version (`/api/v3`).
    pub fn basispad(self) -> String {
        format!("/api/v{}", self.major)
    }
}

impl fmt::Display for Versienummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The number of the newest `actief` version ([`crate::VERSION`]), computed at build time.
pub const NIEUWSTE_ACTIEVE: Versienummer = {
    let (major, minor, patch) = crate::committed::NIEUWSTE_ACTIEVE_NUMMER;
    Versienummer::new(major, minor, patch)
};

/// A text that is no version number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is geen versienummer (MAJOR.MINOR.PATCH, zoals 3.0.0)")]
pub struct OngeldigVersienummer(pub String);

impl FromStr for Versienummer {
    type Err = OngeldigVersienummer;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || OngeldigVersienummer(s.to_owned());
        let parts: Vec<&str> = s.split('.').collect();
        let [major, minor, patch] = parts[..] else {
            return Err(invalid());
        };
        let number = |part: &str| -> Result<u32, OngeldigVersienummer> {
            let canonical = !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'));
            if !canonical {
                return Err(invalid());
            }
            part.parse().map_err(|_| invalid())
        };
        Ok(Self::new(number(major)?, number(minor)?, number(patch)?))
    }
}

impl Serialize for Versienummer {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Where a version is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A draft: generated and compared, served only when a node enables it, never certified.
    Concept,
    /// Served and certified.
    Actief,
    /// Still served up to its end date; no new certificates.
    Uitfaserend,
    /// No longer served.
    Ingetrokken,
}

impl Status {
    /// The word in `versions.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Concept => "concept",
            Self::Actief => "actief",
            Self::Uitfaserend => "uitfaserend",
            Self::Ingetrokken => "ingetrokken",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One version of the standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Versie {
    /// Its number.
    pub nummer: Versienummer,
    /// Where it is in its life.
    pub status: Status,
    /// One line in Dutch: what the version is.
    pub omschrijving: String,
    /// When its bundle was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gepubliceerd: Option<Kalenderdatum>,
    /// From when nodes serve it and are certified on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actief_vanaf: Option<Kalenderdatum>,
    /// The last day it is served; caps the expiry of its certificates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub einddatum: Option<Kalenderdatum>,
    /// The file of `deviations/` with its differences from the upstream contracts (without
    /// `.toml`), when it follows upstream contracts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub afwijkingen: Option<String>,
}

impl Versie {
    /// The number as text (`3.0.0`), as the headers and directories carry it.
    pub fn naam(&self) -> String {
        self.nummer.to_string()
    }

    /// The base path of its API (`/api/v3`).
    pub fn basispad(&self) -> String {
        self.nummer.basispad()
    }

    /// Whether a node serves it: `actief` and `uitfaserend` always, `concept` only when the node
    /// was started with concept versions enabled, `ingetrokken` never.
    pub fn bediend(&self, concept_toegestaan: bool) -> bool {
        match self.status {
            Status::Actief | Status::Uitfaserend => true,
            Status::Concept => concept_toegestaan,
            Status::Ingetrokken => false,
        }
    }

    /// Whether a node can be certified on it today (`actief` only).
    pub fn certificeerbaar(&self) -> bool {
        self.status == Status::Actief
    }

    /// The expiry of a certificate on this version that would otherwise expire on `gevraagd`:
    /// at the latest the version's end date.
    pub fn certificaat_geldig_tot(&self, gevraagd: Kalenderdatum) -> Kalenderdatum {
        match self.einddatum {
            Some(eind) if eind < gevraagd => eind,
            _ => gevraagd,
        }
    }

    /// Whether something introduced in `sinds` exists in this version.
    pub fn kent(&self, sinds: Versienummer) -> bool {
        sinds <= self.nummer
    }
}

impl fmt::Display for Versie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.nummer, self.status)
    }
}

/// Every version of the standard, oldest first; at least one is `actief`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Register {
    versies: Vec<Versie>,
    /// The index of the newest `actief` version (`parse` refuses a registry without one).
    nieuwste_actieve: usize,
}

/// A registry that breaks its own rules, naming the version and field at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegisterFout {
    /// Not TOML of the expected shape.
    #[error("versions.toml: {0}")]
    Syntax(String),
    /// A version that breaks a rule.
    #[error("versions.toml: versie {versie}: {reden}")]
    Ongeldig {
        /// The version as written.
        versie: String,
        /// Why.
        reden: String,
    },
    /// No version is `actief`.
    #[error("versions.toml: geen enkele versie is actief")]
    GeenActieve,
}

/// A version that is not in the registry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("versie {gevraagd} staat niet in het versieregister; bekend: {bekend}")]
pub struct OnbekendeVersie {
    /// The version asked for.
    pub gevraagd: String,
    /// The versions that exist, comma-separated.
    pub bekend: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bestand {
    versie: Vec<Regel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Regel {
    nummer: String,
    status: Status,
    omschrijving: String,
    gepubliceerd: Option<String>,
    actief_vanaf: Option<String>,
    einddatum: Option<String>,
    afwijkingen: Option<String>,
}

impl Register {
    /// Parses and checks a registry: canonical numbers in ascending order, a description, the
    /// dates each status needs and in order (published ≤ active from < end), an `actief` one.
    pub fn parse(text: &str) -> Result<Self, RegisterFout> {
        let bestand: Bestand =
            toml::from_str(text).map_err(|e| RegisterFout::Syntax(e.to_string()))?;
        let mut versies: Vec<Versie> = Vec::new();
        for regel in bestand.versie {
            let fout = |reden: String| RegisterFout::Ongeldig {
                versie: regel.nummer.clone(),
                reden,
            };
            let nummer: Versienummer = regel.nummer.parse().map_err(|e| fout(format!("{e}")))?;
            if let Some(vorige) = versies.last()
                && vorige.nummer >= nummer
            {
                return Err(fout(format!(
                    "de versies staan oplopend en elk één keer; {} gaat eraan vooraf",
                    vorige.nummer
                )));
            }
            let datum = |veld: &str, tekst: &Option<String>| -> Result<_, RegisterFout> {
                tekst
                    .as_deref()
                    .map(|t| {
                        t.parse::<Kalenderdatum>()
                            .map_err(|_| fout(format!("{veld} {t:?} is geen datum (JJJJ-MM-DD)")))
                    })
                    .transpose()
            };
            let versie = Versie {
                nummer,
                status: regel.status,
                omschrijving: regel.omschrijving.trim().to_owned(),
                gepubliceerd: datum("gepubliceerd", &regel.gepubliceerd)?,
                actief_vanaf: datum("actief_vanaf", &regel.actief_vanaf)?,
                einddatum: datum("einddatum", &regel.einddatum)?,
                afwijkingen: regel.afwijkingen.clone(),
            };
            check(&versie).map_err(fout)?;
            versies.push(versie);
        }
        let nieuwste_actieve = versies
            .iter()
            .rposition(|v| v.status == Status::Actief)
            .ok_or(RegisterFout::GeenActieve)?;
        Ok(Self {
            versies,
            nieuwste_actieve,
        })
    }

    /// Every version, oldest first.
    pub fn versies(&self) -> &[Versie] {
        &self.versies
    }

    /// The version with this number (`3.1.0`).
    pub fn versie(&self, nummer: &str) -> Result<&Versie, OnbekendeVersie> {
        self.versies
            .iter()
            .find(|v| v.nummer.to_string() == nummer)
            .ok_or_else(|| OnbekendeVersie {
                gevraagd: nummer.to_owned(),
                bekend: self.namen().join(", "),
            })
    }

    /// The numbers, oldest first.
    pub fn namen(&self) -> Vec<String> {
        self.versies.iter().map(Versie::naam).collect()
    }

    /// The newest `actief` version: what a node serves and the harness certifies by default.
    pub fn nieuwste_actieve(&self) -> &Versie {
        &self.versies[self.nieuwste_actieve]
    }

    /// The newest version before `versie` that is or was in use (`actief` or `uitfaserend`): what
    /// its changelog compares with. `None` for the first.
    pub fn vorige_actieve(&self, versie: &Versie) -> Option<&Versie> {
        self.versies
            .iter()
            .rev()
            .filter(|v| v.nummer < versie.nummer)
            .find(|v| matches!(v.status, Status::Actief | Status::Uitfaserend))
    }

    /// The versions a node serves (see [`Versie::bediend`]), oldest first.
    pub fn bediend(&self, concept_toegestaan: bool) -> Vec<&Versie> {
        self.versies
            .iter()
            .filter(|v| v.bediend(concept_toegestaan))
            .collect()
    }

    /// The registry as a Markdown table (`vum-spec versies`).
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| versie | status | gepubliceerd | actief vanaf | einddatum | omschrijving |\n|---|---|---|---|---|---|\n",
        );
        let datum = |d: Option<Kalenderdatum>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
        for v in &self.versies {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                v.nummer,
                v.status,
                datum(v.gepubliceerd),
                datum(v.actief_vanaf),
                datum(v.einddatum),
                v.omschrijving.replace('|', "\\|")
            ));
        }
        out
    }
}

/// The rules of one version's status and dates.
fn check(v: &Versie) -> Result<(), String> {
    if v.omschrijving.is_empty() {
        return Err("omschrijving is verplicht".to_owned());
    }
    let needs: &[(&str, bool)] = match v.status {
        Status::Concept => &[("einddatum", v.einddatum.is_none())],
        Status::Actief => &[
            ("gepubliceerd", v.gepubliceerd.is_some()),
            ("actief_vanaf", v.actief_vanaf.is_some()),
        ],
        Status::Uitfaserend | Status::Ingetrokken => &[
            ("gepubliceerd", v.gepubliceerd.is_some()),
            ("actief_vanaf", v.actief_vanaf.is_some()),
            ("einddatum", v.einddatum.is_some()),
        ],
    };
    for (veld, ok) in needs {
        if !ok {
            let wat = if v.status == Status::Concept {
                "heeft geen"
            } else {
                "heeft een"
            };
            return Err(format!("een versie met status {} {wat} {veld}", v.status));
        }
    }
    if let (Some(p), Some(a)) = (v.gepubliceerd, v.actief_vanaf)
        && a < p
    {
        return Err(format!(
            "actief_vanaf {a} ligt voor gepubliceerd {p}; een versie wordt eerst gepubliceerd"
        ));
    }
    if let (Some(a), Some(e)) = (v.actief_vanaf, v.einddatum)
        && e <= a
    {
        return Err(format!("einddatum {e} ligt niet na actief_vanaf {a}"));
    }
    if let Some(a) = &v.afwijkingen
        && a.parse::<Versienummer>().is_err()
    {
        return Err(format!(
            "afwijkingen {a:?} noemt geen versie (het bestand deviations/<versie>.toml)"
        ));
    }
    Ok(())
}

const TEXT: &str = include_str!("../versions.toml");

/// The committed text of `versions.toml`.
pub fn text() -> &'static str {
    TEXT
}

/// The registry of this workspace (`versions.toml`, embedded at build time).
pub fn registry() -> Result<&'static Register, RegisterFout> {
    static REGISTER: OnceLock<Result<Register, RegisterFout>> = OnceLock::new();
    REGISTER
        .get_or_init(|| Register::parse(TEXT))
        .as_ref()
        .map_err(Clone::clone)
}

/// The newest `actief` version of this workspace's registry.
pub fn nieuwste_actieve() -> Result<&'static Versie, RegisterFout> {
    Ok(registry()?.nieuwste_actieve())
}

/// A version of this workspace's registry by number.
pub fn versie(nummer: &str) -> Result<&'static Versie, VersieFout> {
    Ok(registry()?.versie(nummer)?)
}

/// Why a version cannot be had.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VersieFout {
    /// The registry itself is broken.
    #[error(transparent)]
    Register(#[from] RegisterFout),
    /// Not in the registry.
    #[error(transparent)]
    Onbekend(#[from] OnbekendeVersie),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datum(s: &str) -> Kalenderdatum {
        s.parse().unwrap()
    }

    #[test]
    fn the_registry_holds_3_0_0_active_and_3_1_0_as_concept() {
        let register = registry().unwrap();
        assert_eq!(register.namen(), ["3.0.0", "3.1.0"]);
        let nieuwste = register.nieuwste_actieve();
        assert_eq!(nieuwste.naam(), "3.0.0");
        assert_eq!(
            nieuwste.naam(),
            crate::VERSION,
            "VERSION follows the registry"
        );
        assert_eq!(nieuwste.nummer, NIEUWSTE_ACTIEVE);
        assert_eq!(nieuwste.basispad(), crate::headers::BASE_PATH);
        let concept = register.versie("3.1.0").unwrap();
        assert_eq!(concept.status, Status::Concept);
        assert!(!concept.bediend(false) && concept.bediend(true));
        assert!(!concept.certificeerbaar());
        assert_eq!(register.vorige_actieve(concept), Some(nieuwste));
        assert_eq!(register.vorige_actieve(nieuwste), None);
        assert_eq!(register.bediend(false), [nieuwste]);
        assert_eq!(register.bediend(true).len(), 2);
        assert!(
            register
                .versie("2.0.0")
                .unwrap_err()
                .to_string()
                .contains("bekend: 3.0.0, 3.1.0")
        );
        assert!(register.markdown().contains("| 3.1.0 | concept | - |"));
    }

    #[test]
    fn version_numbers_are_canonical_and_ordered_by_number() {
        let v: Versienummer = "3.10.0".parse().unwrap();
        assert!(v > "3.9.1".parse().unwrap());
        assert_eq!(v.to_string(), "3.10.0");
        assert_eq!(v.basispad(), "/api/v3");
        for bad in [
            "3.0",
            "3.0.0.1",
            "03.0.0",
            "3.0.0-rc1",
            "v3.0.0",
            "",
            "3..0",
        ] {
            assert!(bad.parse::<Versienummer>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_end_date_caps_certificates_and_statuses_need_their_dates() {
        let text = "[[versie]]\nnummer = \"3.0.0\"\nstatus = \"uitfaserend\"\nomschrijving = \"x\"\ngepubliceerd = \"2026-05-04\"\nactief_vanaf = \"2026-05-04\"\neinddatum = \"2027-06-30\"\n\n[[versie]]\nnummer = \"3.1.0\"\nstatus = \"actief\"\nomschrijving = \"y\"\ngepubliceerd = \"2027-01-01\"\nactief_vanaf = \"2027-01-01\"\n";
        let register = Register::parse(text).unwrap();
        let oud = register.versie("3.0.0").unwrap();
        assert_eq!(
            oud.certificaat_geldig_tot(datum("2028-01-01")),
            datum("2027-06-30")
        );
        assert_eq!(
            oud.certificaat_geldig_tot(datum("2027-01-01")),
            datum("2027-01-01")
        );
        assert!(oud.bediend(false) && !oud.certificeerbaar());
        assert_eq!(register.nieuwste_actieve().naam(), "3.1.0");
        assert_eq!(
            register.vorige_actieve(register.nieuwste_actieve()),
            Some(oud)
        );
        let broken = |from: &str, to: &str| Register::parse(&text.replacen(from, to, 1));
        let e = broken("einddatum = \"2027-06-30\"\n", "").unwrap_err();
        assert_eq!(
            e.to_string(),
            "versions.toml: versie 3.0.0: een versie met status uitfaserend heeft een einddatum"
        );
        let e = broken("2027-06-30", "2026-01-01").unwrap_err();
        assert!(
            e.to_string().contains("einddatum 2026-01-01 ligt niet na"),
            "{e}"
        );
        let e = broken("nummer = \"3.1.0\"", "nummer = \"2.9.0\"").unwrap_err();
        assert!(
            e.to_string()
                .contains("versie 2.9.0: de versies staan oplopend"),
            "{e}"
        );
        let e = broken("\"2027-01-01\"", "\"1 januari\"").unwrap_err();
        assert!(
            e.to_string()
                .contains("gepubliceerd \"1 januari\" is geen datum"),
            "{e}"
        );
        let e = broken("status = \"actief\"", "status = \"gepland\"").unwrap_err();
        assert!(matches!(e, RegisterFout::Syntax(_)), "{e}");
        let e = broken("status = \"actief\"", "status = \"concept\"").unwrap_err();
        assert_eq!(e, RegisterFout::GeenActieve);
        let e = broken("nummer = \"3.0.0\"", "nummer = \"3.0\"").unwrap_err();
        assert!(
            e.to_string().contains("\"3.0\" is geen versienummer"),
            "{e}"
        );
    }
}
