//! Header names, the interface version and the organisation identity number (OIN).

use std::fmt;
use std::str::FromStr;

use crate::versie::{Register, Versie};

/// The newest `actief` version of the registry ([`crate::versie`]): what a node serves and the
/// harness certifies when nothing else is asked for. Computed from `versions.toml` at build time.
pub const VERSION: &str = crate::committed::NIEUWSTE_ACTIEVE;
/// The major version of [`VERSION`] as it appears in the base path (`/api/v3`).
pub const BASE_PATH: &str = crate::committed::NIEUWSTE_ACTIEVE_BASISPAD;

/// Message version; required on every request and response, equal to the version the message
/// follows (see [`Versiekeuze`] for a node that serves several).
pub const X_VUM_BERICHT_VERSIE: &str = "X-VUM-berichtVersie";
/// API version (NL API Design Rules); required on every request and response.
pub const API_VERSION: &str = "API-Version";
/// OIN of the sending party (see `vum-standard.md` §3.2 for who fills what).
pub const X_VUM_FROM_PARTY: &str = "X-VUM-fromParty";
/// OIN of the receiving party.
pub const X_VUM_TO_PARTY: &str = "X-VUM-toParty";
/// OIN of the processor involved.
pub const X_VUM_VIA_PARTY: &str = "X-VUM-viaParty";
/// Whether the asking controller takes part in SUWI (`true`/`false`); requests to sources only.
/// Header names are case-insensitive: `X-VUM-SUWIParty` is the same header.
pub const X_VUM_SUWI_PARTY: &str = "X-VUM-SUWIparty";
/// The headers every request to a source must carry.
pub const BRON_REQUEST_HEADERS: [&str; 6] = [
    X_VUM_BERICHT_VERSIE,
    API_VERSION,
    X_VUM_FROM_PARTY,
    X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
    X_VUM_SUWI_PARTY,
];
/// The headers every request of a mediator to the exchange must carry (no `X-VUM-SUWIparty`: the
/// exchange takes that from its participant registry).
pub const BEMIDDELAAR_REQUEST_HEADERS: [&str; 5] = [
    X_VUM_BERICHT_VERSIE,
    API_VERSION,
    X_VUM_FROM_PARTY,
    X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
];
/// The headers every response carries (the contract lists them on every status).
pub const RESPONSE_HEADERS: [&str; 5] = [
    X_VUM_BERICHT_VERSIE,
    X_VUM_FROM_PARTY,
    X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
    API_VERSION,
];

/// The versions a node serves, and the one a request asks for by its two version headers.
///
/// A node may serve several versions of one major at one base path (`/api/v3`): every request
/// names its version in `X-VUM-berichtVersie` and `API-Version`, and the node answers in that
/// version (its schemas, its criteria, the same number in the answer's headers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versiekeuze<'a> {
    versies: Vec<&'a Versie>,
}

/// Why a request's version headers name no version the node serves. Every reason names the
/// header; the values are version numbers, never personal data.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Versieweigering {
    /// A version header is missing (the contract's `400.02`).
    #[error("de header {0} ontbreekt")]
    Ontbreekt(&'static str),
    /// The two headers name different versions (`400.01`).
    #[error(
        "X-VUM-berichtVersie ({bericht_versie}) en API-Version ({api_version}) noemen verschillende versies"
    )]
    Ongelijk {
        /// The value of `X-VUM-berichtVersie`.
        bericht_versie: String,
        /// The value of `API-Version`.
        api_version: String,
    },
    /// The version is not one the node serves (`400.01`).
    #[error("versie {gevraagd} wordt hier niet bediend; wel: {bediend}")]
    NietBediend {
        /// The version asked for.
        gevraagd: String,
        /// The versions served, comma-separated.
        bediend: String,
    },
}

impl<'a> Versiekeuze<'a> {
    /// The versions of `register` a node serves: `actief` and `uitfaserend` ones, and `concept`
    /// ones only when `concept_toegestaan` (a node started with concept versions enabled).
    pub fn new(register: &'a Register, concept_toegestaan: bool) -> Self {
        Self {
            versies: register.bediend(concept_toegestaan),
        }
    }

    /// Exactly these versions (a node that serves fewer than the registry allows).
    pub fn van(versies: Vec<&'a Versie>) -> Self {
        Self { versies }
    }

    /// The versions served, oldest first.
    pub fn versies(&self) -> &[&'a Versie] {
        &self.versies
    }

    /// The version a request asks for: both headers present (any case of the names is the
    /// caller's business), equal, and a version served.
    pub fn kies(
        &self,
        bericht_versie: Option<&str>,
        api_version: Option<&str>,
    ) -> Result<&'a Versie, Versieweigering> {
        let bericht_versie =
            bericht_versie.ok_or(Versieweigering::Ontbreekt(X_VUM_BERICHT_VERSIE))?;
        let api_version = api_version.ok_or(Versieweigering::Ontbreekt(API_VERSION))?;
        if bericht_versie != api_version {
            return Err(Versieweigering::Ongelijk {
                bericht_versie: bericht_versie.to_owned(),
                api_version: api_version.to_owned(),
            });
        }
        self.versies
            .iter()
            .copied()
            .find(|v| v.naam() == bericht_versie)
            .ok_or_else(|| Versieweigering::NietBediend {
                gevraagd: bericht_versie.to_owned(),
                bediend: self
                    .versies
                    .iter()
                    .map(|v| v.naam())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

/// An organisation identity number: 20 positions, an 8-digit prefix naming the register, a
/// 9-position number (digits or letters) and the suffix `000`. Test OINs start with `00000099`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Oin(String);

/// Why a text is not an OIN.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OinError {
    /// Not 20 positions long.
    #[error("an OIN has 20 positions, {0:?} has {1}")]
    Length(String, usize),
    /// The prefix (positions 1–8) is not numeric.
    #[error("the prefix of OIN {0:?} (positions 1–8) must be digits")]
    Prefix(String),
    /// The number (positions 9–17) is not alphanumeric ASCII.
    #[error("the number of OIN {0:?} (positions 9–17) must be digits or letters")]
    Number(String),
    /// The suffix (positions 18–20) is not `000`.
    #[error("OIN {0:?} must end in 000")]
    Suffix(String),
}

/// The prefix of test OINs, which any organisation may use in tests.
pub const TEST_OIN_PREFIX: &str = "00000099";

impl Oin {
    /// The OIN as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a test OIN (prefix `00000099`).
    pub fn is_test(&self) -> bool {
        self.0.starts_with(TEST_OIN_PREFIX)
    }
}

impl FromStr for Oin {
    type Err = OinError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        if bytes.len() != 20 || !s.is_ascii() {
            return Err(OinError::Length(s.to_owned(), s.chars().count()));
        }
        if !bytes[..8].iter().all(u8::is_ascii_digit) {
            return Err(OinError::Prefix(s.to_owned()));
        }
        if !bytes[8..17].iter().all(u8::is_ascii_alphanumeric) {
            return Err(OinError::Number(s.to_owned()));
        }
        if &bytes[17..] != b"000" {
            return Err(OinError::Suffix(s.to_owned()));
        }
        Ok(Self(s.to_owned()))
    }
}

impl fmt::Display for Oin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_node_serves_the_versions_it_enables_and_a_request_chooses_one() {
        let register = crate::versie::registry().unwrap();
        let gewoon = Versiekeuze::new(register, false);
        let met_concept = Versiekeuze::new(register, true);
        assert_eq!(gewoon.versies().len(), 1);
        assert_eq!(met_concept.versies().len(), 2);
        assert_eq!(
            gewoon.kies(Some("3.0.0"), Some("3.0.0")).unwrap().naam(),
            "3.0.0"
        );
        assert_eq!(
            met_concept
                .kies(Some("3.1.0"), Some("3.1.0"))
                .unwrap()
                .naam(),
            "3.1.0"
        );
        assert_eq!(
            gewoon
                .kies(Some("3.1.0"), Some("3.1.0"))
                .unwrap_err()
                .to_string(),
            "versie 3.1.0 wordt hier niet bediend; wel: 3.0.0"
        );
        assert_eq!(
            met_concept.kies(Some("3.0.0"), Some("3.1.0")).unwrap_err(),
            Versieweigering::Ongelijk {
                bericht_versie: "3.0.0".to_owned(),
                api_version: "3.1.0".to_owned()
            }
        );
        assert_eq!(
            gewoon.kies(None, Some("3.0.0")).unwrap_err(),
            Versieweigering::Ontbreekt(X_VUM_BERICHT_VERSIE)
        );
        assert_eq!(
            gewoon.kies(Some("3.0.0"), None).unwrap_err(),
            Versieweigering::Ontbreekt(API_VERSION)
        );
        assert!(gewoon.kies(Some("2.0.0"), Some("2.0.0")).is_err());
        let alleen = Versiekeuze::van(vec![register.versie("3.1.0").unwrap()]);
        assert!(alleen.kies(Some("3.0.0"), Some("3.0.0")).is_err());
    }

    #[test]
    fn oins_are_checked_by_position() {
        let utrecht: Oin = "00000001002220647000".parse().unwrap();
        assert!(!utrecht.is_test());
        assert!("00000099000000001000".parse::<Oin>().unwrap().is_test());
        assert!(matches!(
            "0000000100222064700".parse::<Oin>(),
            Err(OinError::Length(..))
        ));
        assert!(matches!(
            "A0000001002220647000".parse::<Oin>(),
            Err(OinError::Prefix(_))
        ));
        assert!(matches!(
            "00000001-02220647000".parse::<Oin>(),
            Err(OinError::Number(_))
        ));
        assert!(matches!(
            "00000001002220647001".parse::<Oin>(),
            Err(OinError::Suffix(_))
        ));
        assert!(matches!(
            "0000000100222064700é".parse::<Oin>(),
            Err(OinError::Length(..))
        ));
    }
}
