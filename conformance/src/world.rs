//! The state of one scenario, and of the run it belongs to.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};
use vum_spec::headers::{
    API_VERSION, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_SUWI_PARTY, X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
};

use crate::exchange::{Exchange, HeaderCase, Identity, Recorder, Request, client, send};
use crate::target::Target;
use crate::verdict::{HARNESS_ERROR, INCONCLUSIVE};

/// What a run shares between its scenarios.
#[derive(Debug)]
pub struct RunContext {
    /// The node under test.
    pub target: Target,
    /// Every exchange of the run.
    pub recorder: Recorder,
    clients: Mutex<HashMap<(Identity, HeaderCase), reqwest::Client>>,
    werkzoekenden: HashMap<String, Value>,
    vacatures: HashMap<String, Value>,
}

impl RunContext {
    /// A context for a run against `target`, with the committed certification test set.
    pub fn new(target: Target, recorder: Recorder) -> Self {
        let index = |text: Option<&str>, key: &str| -> HashMap<String, Value> {
            let list: Vec<Value> = text
                .and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default();
            list.into_iter()
                .filter_map(|v| Some((v.get(key)?.as_str()?.to_owned(), v)))
                .collect()
        };
        Self {
            target,
            recorder,
            clients: Mutex::new(HashMap::new()),
            werkzoekenden: index(
                vum_spec::testdata::committed_werkzoekenden(),
                "idWerkzoekende",
            ),
            vacatures: index(vum_spec::testdata::committed_vacatures(), "idVacature"),
        }
    }

    /// The HTTP client for an identity and header case (built once).
    pub fn client(&self, identity: &Identity, case: HeaderCase) -> Result<reqwest::Client, String> {
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let key = (identity.clone(), case);
        if let Some(c) = clients.get(&key) {
            return Ok(c.clone());
        }
        let c = client(&self.target, identity, case)?;
        clients.insert(key, c.clone());
        Ok(c)
    }

    /// A job seeker of the certification test set.
    pub fn werkzoekende(&self, id: &str) -> Option<&Value> {
        self.werkzoekenden.get(id)
    }

    /// A vacancy of the certification test set.
    pub fn vacature(&self, id: &str) -> Option<&Value> {
        self.vacatures.get(id)
    }
}

/// Which collection a question is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Soort {
    /// Job seekers.
    #[default]
    Werkzoekenden,
    /// Vacancies.
    Vacatures,
}

impl Soort {
    /// The path of the matches operation.
    pub fn matches_path(self) -> &'static str {
        match self {
            Self::Werkzoekenden => "/werkzoekendeProfielen/matches",
            Self::Vacatures => "/vacatures/matches",
        }
    }

    /// The id key of a match.
    pub fn id_key(self) -> &'static str {
        match self {
            Self::Werkzoekenden => "idWerkzoekende",
            Self::Vacatures => "idVacature",
        }
    }
}

/// One scenario's state.
#[derive(Debug, cucumber::World)]
#[world(init = Self::new)]
pub struct VumWorld {
    pub(crate) run: Option<Arc<RunContext>>,
    pub(crate) scenario: String,
    pub(crate) soort: Soort,
    pub(crate) vraag: Map<String, Value>,
    pub(crate) suwi: bool,
    pub(crate) header_changes: Vec<(String, Option<String>)>,
    pub(crate) identity: Identity,
    pub(crate) header_case: HeaderCase,
    pub(crate) traceparent: Option<String>,
    pub(crate) antwoord: Option<Exchange>,
    pub(crate) antwoorden: Vec<Exchange>,
}

impl VumWorld {
    fn new() -> Self {
        Self {
            run: None,
            scenario: String::new(),
            soort: Soort::default(),
            vraag: Map::new(),
            suwi: true,
            header_changes: Vec::new(),
            identity: Identity::Configured,
            header_case: HeaderCase::Lower,
            traceparent: None,
            antwoord: None,
            antwoorden: Vec::new(),
        }
    }

    /// The run context (set by the runner before every scenario).
    pub(crate) fn run(&self) -> &Arc<RunContext> {
        match &self.run {
            Some(run) => run,
            None => panic!("{HARNESS_ERROR} the scenario has no run context"),
        }
    }

    /// The request headers: the standard set, then the scenario's changes.
    pub(crate) fn headers(&self) -> Vec<(String, String)> {
        let target = &self.run().target;
        let mut headers: Vec<(String, String)> = vec![
            (
                X_VUM_BERICHT_VERSIE.to_owned(),
                vum_spec::VERSION.to_owned(),
            ),
            (API_VERSION.to_owned(), vum_spec::VERSION.to_owned()),
            (X_VUM_FROM_PARTY.to_owned(), target.from_party.clone()),
            (X_VUM_TO_PARTY.to_owned(), target.to_party.clone()),
            (X_VUM_VIA_PARTY.to_owned(), target.via_party.clone()),
            (X_VUM_SUWI_PARTY.to_owned(), self.suwi.to_string()),
        ];
        if let Some(traceparent) = &self.traceparent {
            headers.push(("traceparent".to_owned(), traceparent.clone()));
        }
        for (name, value) in &self.header_changes {
            headers.retain(|(h, _)| !h.eq_ignore_ascii_case(name));
            if let Some(value) = value {
                headers.push((name.clone(), value.clone()));
            }
        }
        headers
    }

    /// Sends a request with this scenario's headers and identity; keeps the answer.
    pub(crate) async fn send(
        &mut self,
        method: reqwest::Method,
        path: &str,
        body: Option<String>,
    ) -> Exchange {
        let mut headers = self.headers();
        if body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        let run = Arc::clone(self.run());
        let client = run
            .client(&self.identity, self.header_case)
            .unwrap_or_else(|e| panic!("{INCONCLUSIVE} {e}"));
        let request = Request {
            method,
            path: path.to_owned(),
            headers,
            body,
        };
        let exchange = send(&client, &run.target, &run.recorder, &self.scenario, request).await;
        self.antwoord = Some(exchange.clone());
        exchange
    }

    /// The last answer; a missing answer makes the scenario inconclusive.
    pub(crate) fn antwoord(&self) -> &Exchange {
        let Some(exchange) = &self.antwoord else {
            panic!("{HARNESS_ERROR} no request was sent in this scenario")
        };
        if let Some(error) = &exchange.error {
            panic!(
                "{INCONCLUSIVE} geen antwoord van de bron op {} {}: {error}",
                exchange.method, exchange.path
            );
        }
        exchange
    }

    /// The last answer as JSON.
    pub(crate) fn antwoord_json(&self) -> Value {
        let exchange = self.antwoord();
        exchange.json().unwrap_or_else(|| {
            panic!(
                "het antwoord (status {:?}) is geen JSON: {}",
                exchange.status,
                exchange.excerpt()
            )
        })
    }
}
