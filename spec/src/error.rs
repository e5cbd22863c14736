//! The error body of every contract and the table of error codes.
//!
//! The codes are the published initial table (interface description 1.x, still the only one):
//! `400.01`, `400.02`, `429.01`, `500.1` and, for HTTP 503, `500.3` (sic).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Foutbericht (`Error`): `code` and `message` required, `details` optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Error")]
pub struct ErrorBody {
    /// De foutcode, bijvoorbeeld `400.01`.
    #[schemars(length(max = 10))]
    pub code: String,
    /// De vaste melding bij de code.
    #[schemars(length(max = 500))]
    pub message: String,
    /// Toelichting op deze fout.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub details: Option<String>,
}

/// The published error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `400.01` Ongeldige aanroep: the request has the wrong structure.
    OngeldigeAanroep,
    /// `400.02` Onvolledige aanroep: a mandatory request field is not filled.
    OnvolledigeAanroep,
    /// `429.01`: the configured limit for one question is exceeded.
    LimietOverschreden,
    /// `500.1` Interne serverfout.
    InterneServerfout,
    /// `500.3` Service niet beschikbaar, sent with HTTP 503.
    ServiceNietBeschikbaar,
}

impl ErrorCode {
    /// Every code, in the order of the table.
    pub const ALL: [ErrorCode; 5] = [
        Self::OngeldigeAanroep,
        Self::OnvolledigeAanroep,
        Self::LimietOverschreden,
        Self::InterneServerfout,
        Self::ServiceNietBeschikbaar,
    ];

    /// The HTTP status that carries this code.
    pub fn status(self) -> u16 {
        match self {
            Self::OngeldigeAanroep | Self::OnvolledigeAanroep => 400,
            Self::LimietOverschreden => 429,
            Self::InterneServerfout => 500,
            Self::ServiceNietBeschikbaar => 503,
        }
    }

    /// The code on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::OngeldigeAanroep => "400.01",
            Self::OnvolledigeAanroep => "400.02",
            Self::LimietOverschreden => "429.01",
            Self::InterneServerfout => "500.1",
            Self::ServiceNietBeschikbaar => "500.3",
        }
    }

    /// The fixed message of the code.
    pub fn message(self) -> &'static str {
        match self {
            Self::OngeldigeAanroep => "Ongeldige aanroep",
            Self::OnvolledigeAanroep => "Onvolledige aanroep",
            Self::LimietOverschreden => "Aantal werkzoekendeProfielen limiet overschreden",
            Self::InterneServerfout => "Interne serverfout",
            Self::ServiceNietBeschikbaar => "Service niet beschikbaar",
        }
    }

    /// The code with this wire value.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// An error body with this code, its message and the given details.
    pub fn body(self, details: impl Into<String>) -> ErrorBody {
        let details = details.into();
        ErrorBody {
            code: self.code().to_owned(),
            message: self.message().to_owned(),
            details: (!details.is_empty()).then_some(details),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_pairs_status_code_and_message() {
        let rows: Vec<_> = ErrorCode::ALL
            .iter()
            .map(|c| (c.status(), c.code()))
            .collect();
        assert_eq!(
            rows,
            [
                (400, "400.01"),
                (400, "400.02"),
                (429, "429.01"),
                (500, "500.1"),
                (503, "500.3")
            ]
        );
        assert_eq!(
            ErrorCode::from_code("500.3"),
            Some(ErrorCode::ServiceNietBeschikbaar)
        );
        let body = ErrorCode::OnvolledigeAanroep.body("selectiegebied ontbreekt");
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"code": "400.02", "message": "Onvolledige aanroep", "details": "selectiegebied ontbreekt"})
        );
    }
}
