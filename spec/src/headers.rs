//! Header names, the interface version and the organisation identity number (OIN).

use std::fmt;
use std::str::FromStr;

/// The interface version this crate describes.
pub const VERSION: &str = "3.0.0";
/// The major version as it appears in the base path (`/api/v3`).
pub const BASE_PATH: &str = "/api/v3";

/// Message version; required on every request and response, equal to [`VERSION`].
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
