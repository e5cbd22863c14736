//! Primitive string types of the standard (VUM 3.0.0 `components/schemas`).
//!
//! Each is a transparent newtype over the wire string. Deserialising accepts any string so that a
//! stored document always round-trips exactly; the constraint (pattern, length, format) lives in
//! the type's JSON Schema and is enforced by [`crate::validate`].

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

macro_rules! string_type {
    ($(#[$doc:meta])* $name:ident as $schema_name:literal $schema:tt) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a wire value (not checked: see the module documentation).
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The wire value.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The wire value, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $schema_name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

/// The pattern of a Dutch postcode: four digits, two letters (either case).
pub const POSTCODE_PATTERN: &str = "^[0-9]{4}[a-zA-Z]{2}$";

string_type! {
    /// Dutch postcode `9999AA` (`Postcode`); lower-case letters are accepted.
    Postcode as "Postcode" {
        "type": "string",
        "pattern": "^[0-9]{4}[a-zA-Z]{2}$",
        "description": "Nederlandse postcode, formaat 9999AA.",
        "examples": ["1234AB"]
    }
}

impl Postcode {
    /// The four-digit area (PC4) of a well-formed postcode, `None` when the value is malformed.
    pub fn pc4(&self) -> Option<&str> {
        let bytes = self.0.as_bytes();
        let well_formed = bytes.len() == 6
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(u8::is_ascii_alphabetic);
        well_formed.then(|| &self.0[..4])
    }
}

string_type! {
    /// A calendar date `YYYY-MM-DD` (`Date`, `format: date`). Dates in this format order
    /// lexicographically, which is how the selection operators compare them.
    Date as "Date" {
        "type": "string",
        "format": "date",
        "description": "Datum volgens ISO 8601 (JJJJ-MM-DD)."
    }
}

string_type! {
    /// The source's own key of a job seeker (`IDWerkzoekende`, a `SafeIDString`).
    IdWerkzoekende as "IDWerkzoekende" {
        "type": "string",
        "pattern": "^[a-zA-Z0-9_.-]{0,200}$",
        "description": "Het unieke nummer waarmee een profiel wordt geïdentificeerd in een bronsysteem (URL-veilige tekens)."
    }
}

string_type! {
    /// The source's own key of a vacancy (`IDVacature`, a `SafeIDString`).
    IdVacature as "IDVacature" {
        "type": "string",
        "pattern": "^[a-zA-Z0-9_.-]{0,200}$",
        "description": "Het unieke nummer waarmee een vacature wordt geïdentificeerd in een bronsysteem (URL-veilige tekens)."
    }
}

string_type! {
    /// The exchange's pseudonym of a (source, source id) pair (`VumID`).
    VumId as "VumID" {
        "type": "string",
        "pattern": "^[a-zA-Z0-9_.-]{0,500}$",
        "description": "Pseudoniem dat de uitwisselingsvoorziening aan een profiel uit een bron geeft (URL-veilige tekens)."
    }
}

string_type! {
    /// The exchange's id of one received question (`VraagID`).
    VraagId as "VraagID" {
        "type": "string",
        "maxLength": 100,
        "description": "Identificatie van een ontvangen zoekvraag, toegekend door de uitwisselingsvoorziening."
    }
}

string_type! {
    /// A CompetentNL code (occupation or competence), filled as a URI (`URI`).
    Uri as "URI" {
        "type": "string",
        "maxLength": 200,
        "description": "Code uit CompetentNL, gevuld als URI."
    }
}

string_type! {
    /// A web address (`URL`).
    Url as "URL" {
        "type": "string",
        "maxLength": 1000,
        "description": "De Uniform Resource Locator (URL) van het (web)adres van een bestand."
    }
}

string_type! {
    /// A language code from ISO 639-3 (`TaalCode3`), e.g. `nld`.
    TaalCode as "TaalCode3" {
        "type": "string",
        "pattern": "^[a-z]{3}$",
        "description": "Drieletterige taalcode uit ISO 639-3."
    }
}

string_type! {
    /// A code of up to ten digits carried as a string (`Integer10AsString`), e.g. the SuwiML
    /// `CdOpleidingsnaam`.
    Integer10AsString as "Integer10AsString" {
        "type": "string",
        "maxLength": 10,
        "pattern": "^[0-9]+$",
        "description": "Numerieke code van maximaal tien cijfers, als tekst."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pc4_of_well_formed_and_malformed_postcodes() {
        assert_eq!(Postcode::from("2995VD").pc4(), Some("2995"));
        assert_eq!(Postcode::from("2995vd").pc4(), Some("2995"));
        assert_eq!(Postcode::from("2995 VD").pc4(), None);
        assert_eq!(Postcode::from("299VD").pc4(), None);
        assert_eq!(Postcode::from("é995VD").pc4(), None);
    }

    #[test]
    fn newtypes_are_transparent_on_the_wire() {
        let id: IdWerkzoekende = serde_json::from_str("\"abc-1\"").unwrap();
        assert_eq!(id.as_str(), "abc-1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"abc-1\"");
    }
}
