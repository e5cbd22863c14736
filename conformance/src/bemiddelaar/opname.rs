//! What the harness, playing the exchange, received from a mediator application: every request
//! in order of arrival, attributed to the task it serves, with the answer it got.
//!
//! Attribution: in interactive mode every request belongs to the task shown. In scripted mode a
//! question belongs to the task being worked on when it repeats a question that got `429` or
//! `503` or the same question again; otherwise to the next task (in order) of its kind that has
//! no question yet, preferring one whose area equals the question's `selectiegebied`. A detail
//! belongs to the task whose answer held its `vumID`; a detail by anything else, to the task
//! being worked on.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde_json::Value;
use vum_spec::Kind;

use super::taken::Certificatietaak;

/// What a request asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Soort {
    /// A question (`POST /{soort}/matches`).
    Vraag(Kind),
    /// A detail (`GET /{soort}/{id}`) by this id.
    Detail(Kind, String),
    /// Anything else.
    Anders,
}

/// One request as received, with the answer given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verzoek {
    /// Its place in the order of arrival (1-based).
    pub volgnummer: usize,
    /// The task it serves, if the harness could tell.
    pub taak: Option<u32>,
    /// When it arrived, since the harness began to listen.
    pub ontvangen: Duration,
    /// `POST`, `GET`, …
    pub methode: String,
    /// The path as sent (`/api/v3/werkzoekendeProfielen/matches`).
    pub pad: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The headers, names in lower case.
    pub headers: BTreeMap<String, String>,
    /// The body as text.
    pub body: String,
    /// Whether it came over TLS.
    pub tls: bool,
    /// The OIN of the client certificate of its connection.
    pub certificaat_oin: Option<String>,
    /// What it asked.
    pub soort: Soort,
    /// The status answered.
    pub status: u16,
    /// The `Retry-After` answered, in seconds.
    pub retry_after: Option<u64>,
    /// Whether a detail was asked by a `vumID` this harness gave in an answer to this task.
    pub bekend_vum_id: bool,
}

impl Verzoek {
    /// A header's value (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The `vraagObject` of a question, if its body has one.
    pub fn vraag_object(&self) -> Option<Value> {
        let value: Value = serde_json::from_str(&self.body).ok()?;
        value.get("vraagObject").cloned()
    }

    /// The `selectiegebied` of a question: postcode and distance.
    pub fn gebied(&self) -> Option<(String, u16)> {
        let vraag = self.vraag_object()?;
        let gebied = vraag.get("selectiegebied")?;
        Some((
            gebied.get("postcode")?.as_str()?.to_owned(),
            u16::try_from(gebied.get("afstand")?.as_u64()?).ok()?,
        ))
    }

    /// The request in one line: `12 POST /api/v3/vacatures/matches → 200`.
    pub fn regel(&self) -> String {
        format!(
            "verzoek {} ({:.1} s) {} {} → {}",
            self.volgnummer,
            self.ontvangen.as_secs_f64(),
            self.methode,
            self.pad,
            self.status
        )
    }
}

/// Every request of a certification, and the tasks they serve.
#[derive(Clone, Debug, Default)]
pub struct Opname {
    /// The tasks, in order.
    pub taken: Vec<Certificatietaak>,
    /// The requests, in order of arrival.
    pub verzoeken: Vec<Verzoek>,
    /// Whether the harness listened over mutual TLS.
    pub tls: bool,
    /// The client certificate of the first request that presented one: what a certificate of
    /// the application binds.
    pub clientcertificaat: Option<vum_spec::certificaat::Certificaatgegevens>,
    /// The `vumID`s given, with the task whose answer held them.
    pub uitgegeven: BTreeMap<String, u32>,
    /// The task being worked on (the last one a request was attributed to).
    huidige: Option<u32>,
    /// In interactive mode: the task shown.
    vast: Option<u32>,
}

impl Opname {
    /// An empty recording of `taken`.
    pub fn new(taken: Vec<Certificatietaak>, tls: bool) -> Self {
        Self {
            taken,
            tls,
            ..Self::default()
        }
    }

    /// The task with this number.
    pub fn taak(&self, nummer: u32) -> Option<&Certificatietaak> {
        self.taken.iter().find(|t| t.taak.nummer == nummer)
    }

    /// Interactive mode: every next request belongs to this task (`None`: attribute by content).
    pub fn toon(&mut self, nummer: Option<u32>) {
        self.vast = nummer;
        if nummer.is_some() {
            self.huidige = nummer;
        }
    }

    /// The requests of a task, in order.
    pub fn van_taak(&self, nummer: u32) -> Vec<&Verzoek> {
        self.verzoeken
            .iter()
            .filter(|v| v.taak == Some(nummer))
            .collect()
    }

    /// The tasks that received no request ("niet uitgevoerd").
    pub fn niet_uitgevoerd(&self) -> Vec<u32> {
        self.taken
            .iter()
            .map(|t| t.taak.nummer)
            .filter(|n| self.verzoeken.iter().all(|v| v.taak != Some(*n)))
            .collect()
    }

    /// The task a new request serves (see the module docs); remembered as the one worked on.
    pub fn wijs_toe(
        &mut self,
        soort: &Soort,
        body: &str,
        gebied: Option<&(String, u16)>,
    ) -> Option<u32> {
        let taak = match (self.vast, soort) {
            (Some(vast), _) => Some(vast),
            (None, Soort::Vraag(kind)) => self.taak_van_vraag(*kind, body, gebied),
            (None, Soort::Detail(_, id)) => self.uitgegeven.get(id).copied().or(self.huidige),
            (None, Soort::Anders) => self.huidige,
        };
        if taak.is_some() {
            self.huidige = taak;
        }
        taak
    }

    fn taak_van_vraag(
        &self,
        kind: Kind,
        body: &str,
        gebied: Option<&(String, u16)>,
    ) -> Option<u32> {
        if let Some(huidige) = self.huidige {
            let vragen: Vec<&Verzoek> = self
                .van_taak(huidige)
                .into_iter()
                .filter(|v| matches!(v.soort, Soort::Vraag(_)))
                .collect();
            if let Some(laatste) = vragen.last()
                && (matches!(laatste.status, 429 | 503) || laatste.body == body)
            {
                return Some(huidige);
            }
        }
        let gevraagd: BTreeSet<u32> = self
            .verzoeken
            .iter()
            .filter(|v| matches!(v.soort, Soort::Vraag(_)))
            .filter_map(|v| v.taak)
            .collect();
        let open: Vec<&Certificatietaak> = self
            .taken
            .iter()
            .filter(|t| t.kind() == kind && !gevraagd.contains(&t.taak.nummer))
            .filter(|t| self.huidige.is_none_or(|h| t.taak.nummer > h))
            .collect();
        open.iter()
            .find(|t| gebied.is_some_and(|g| *g == t.gebied()))
            .or(open.first())
            .map(|t| t.taak.nummer)
            .or(self.huidige)
    }

    /// The distinct `vumID`s of a task's answers whose detail was given.
    pub fn details_van(&self, nummer: u32) -> BTreeSet<&str> {
        self.van_taak(nummer)
            .into_iter()
            .filter(|v| v.bekend_vum_id)
            .filter_map(|v| match &v.soort {
                Soort::Detail(_, id) => Some(id.as_str()),
                _ => None,
            })
            .collect()
    }
}
