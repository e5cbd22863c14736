//! What a simulated source does and what it saw.

use std::collections::BTreeMap;
use std::time::Duration;

use vum_spec::Kind;

/// How a simulated source behaves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Gedrag {
    /// Answers as told (the default).
    #[default]
    Normaal,
    /// Answers every request with this status and an error body.
    Status(u16),
    /// Answers only after this long (far past any deadline of the exchange).
    Hangt(Duration),
    /// Answers a question with 200 and a body outside the contract.
    BuitenContract,
    /// Answers a question with 200 and bytes that are no JSON.
    Onzin,
    /// Answers a question with 200 and a body of this many bytes that never ends well.
    Enorm(u64),
    /// Closes every connection at once.
    Onbereikbaar,
}

/// One request the exchange sent a simulated source, with what the source answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ontvangen {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, from `/api/v3`.
    pub path: String,
    /// The request headers (names in lower case).
    pub headers: BTreeMap<String, String>,
    /// The request body (the first 64 KiB).
    pub body: String,
    /// The OIN of the exchange's client certificate, over mutual TLS.
    pub certificaat_oin: Option<String>,
    /// The status the source answered.
    pub status: u16,
    /// The body the source answered (empty for a stream or a stall).
    pub antwoord: String,
}

impl Ontvangen {
    /// A request header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// Whether it asked for a detail.
    pub fn is_detail(&self) -> bool {
        self.method == "GET" && !self.path.ends_with("/openapi.json")
    }

    /// Whether it asked a question.
    pub fn is_matches(&self) -> bool {
        self.method == "POST" && self.path.ends_with("/matches")
    }
}

/// The state of one simulated source, reset before every scenario.
#[derive(Debug, Default)]
pub(crate) struct Toestand {
    pub(crate) gedrag: Gedrag,
    /// Per kind: the ids it answers a question with, and whether it says it had more.
    pub(crate) antwoord: BTreeMap<Kind, (Vec<String>, bool)>,
    pub(crate) ontvangen: Vec<Ontvangen>,
}
