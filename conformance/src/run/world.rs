//! The state of one scenario, and of the run it belongs to.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};
use vum_spec::Kind;
use vum_spec::headers::{
    API_VERSION, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_SUWI_PARTY, X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
};

use super::client::{self, HeaderCase, MadeCertificates, Presented};
use super::transcript::{Failure, Origin, Recorder, Request, Transcript, send, status_text};
use crate::result::ScenarioId;
use crate::result::verdict::{fail, harness_error, inconclusive};
use crate::simulatie::Simulatie;
use crate::target::{Rol, Target};
use crate::testset::TestSet;

/// After this many requests in a row without an answer, the node counts as no longer answering:
/// the remaining requests are not sent and their scenarios are inconclusive.
pub const UNANSWERED_LIMIT: usize = 3;

/// What a run shares between its scenarios.
#[derive(Debug)]
pub struct RunContext {
    /// The node under test.
    pub target: Target,
    /// Every transcript of the run.
    pub recorder: Recorder,
    /// The test set's facts.
    pub testset: TestSet,
    /// The kinds of profile in scope (of the profile being certified), in order.
    pub kinds: Vec<Kind>,
    made: Option<MadeCertificates>,
    clients: Mutex<HashMap<(Presented, HeaderCase), reqwest::Client>>,
    unanswered: AtomicUsize,
    simulatie: Option<Arc<Simulatie>>,
}

impl RunContext {
    /// A context for a run against `target` for profiles of `kinds`, with the committed
    /// certification test set.
    pub fn new(
        target: Target,
        recorder: Recorder,
        kinds: Vec<Kind>,
        simulatie: Option<Arc<Simulatie>>,
    ) -> Self {
        let oin = target
            .tls
            .identity
            .as_ref()
            .and_then(|i| vum_spec::certificaat::oin_of_pem(&i.chain_pem).ok())
            .map_or_else(
                || vum_spec::testdata::oins::UITWISSELING.to_owned(),
                |o| o.to_string(),
            );
        Self {
            made: MadeCertificates::make(&oin).ok(),
            testset: TestSet::for_target(&target),
            target,
            recorder,
            kinds,
            clients: Mutex::new(HashMap::new()),
            unanswered: AtomicUsize::new(0),
            simulatie,
        }
    }

    /// Towards an exchange: the sources the harness plays.
    pub fn simulatie(&self) -> Option<&Simulatie> {
        self.simulatie.as_deref()
    }

    /// The HTTP client presenting `presented` (built once).
    pub fn client(
        &self,
        presented: Presented,
        case: HeaderCase,
    ) -> Result<reqwest::Client, String> {
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(c) = clients.get(&(presented, case)) {
            return Ok(c.clone());
        }
        let identity = client::identity_for(&self.target, self.made.as_ref(), presented)?;
        let c = client::build(&self.target, identity.as_ref(), case)?;
        clients.insert((presented, case), c.clone());
        Ok(c)
    }

    /// The kind a kind-neutral scenario asks for: the first in scope.
    pub fn kind(&self) -> Kind {
        self.kinds.first().copied().unwrap_or(Kind::Werkzoekende)
    }

    /// Whether the node stopped answering (see [`UNANSWERED_LIMIT`]).
    pub fn unresponsive(&self) -> bool {
        self.unanswered.load(Ordering::Relaxed) >= UNANSWERED_LIMIT
    }

    /// Sends a request of `origin` to `url` and records it. Once the node stopped answering,
    /// nothing is sent and the transcript says so.
    pub async fn send_to(
        &self,
        client: &reqwest::Client,
        url: &str,
        origin: Origin,
        request: Request,
        counts: bool,
    ) -> Transcript {
        if counts && self.unresponsive() {
            let transcript = Transcript {
                origin,
                method: request.method.to_string(),
                path: request.path,
                request_headers: request.headers.into_iter().collect(),
                request_body: None,
                status: None,
                response_headers: std::collections::BTreeMap::new(),
                body: String::new(),
                failure: Some(Failure::Other),
                error: Some(unresponsive_note()),
                sent: false,
                millis: 0,
                server_certificate: None,
            };
            self.recorder.record(transcript.clone());
            return transcript;
        }
        let transcript = send(client, url, origin, request, self.target.timeout).await;
        if counts {
            match transcript.failure {
                Some(Failure::Timeout | Failure::Reset | Failure::Connect) => {
                    self.unanswered.fetch_add(1, Ordering::Relaxed);
                }
                _ if transcript.status.is_some() => self.unanswered.store(0, Ordering::Relaxed),
                _ => {}
            }
        }
        self.recorder.record(transcript.clone());
        transcript
    }
}

/// Why requests were not sent any more.
pub fn unresponsive_note() -> String {
    format!(
        "niet verstuurd: de bron antwoordde niet meer ({UNANSWERED_LIMIT} verzoeken op rij zonder antwoord)"
    )
}

/// One scenario's state.
#[derive(Debug, cucumber::World)]
#[world(init = Self::new)]
pub struct VumWorld {
    pub(crate) run: Option<Arc<RunContext>>,
    pub(crate) scenario: Option<ScenarioId>,
    pub(crate) kind: Kind,
    pub(crate) vraag: Map<String, Value>,
    pub(crate) suwi: bool,
    pub(crate) header_changes: Vec<(String, Option<String>)>,
    pub(crate) presented: Presented,
    pub(crate) header_case: HeaderCase,
    pub(crate) traceparent: Option<String>,
    pub(crate) antwoord: Option<Transcript>,
    pub(crate) antwoorden: Vec<Transcript>,
    /// Towards an exchange: the answers to the questions of the scenario, in order.
    pub(crate) zoekantwoorden: Vec<Transcript>,
    /// Towards an exchange: the answers to the detail requests of the scenario, in order.
    pub(crate) detailantwoorden: Vec<Transcript>,
    pub(crate) tls_hello: Option<(u16, super::probe::Hello)>,
}

impl VumWorld {
    fn new() -> Self {
        Self {
            run: None,
            scenario: None,
            kind: Kind::Werkzoekende,
            vraag: Map::new(),
            suwi: true,
            header_changes: Vec::new(),
            presented: Presented::Configured,
            header_case: HeaderCase::Lower,
            traceparent: None,
            antwoord: None,
            antwoorden: Vec::new(),
            zoekantwoorden: Vec::new(),
            detailantwoorden: Vec::new(),
            tls_hello: None,
        }
    }

    /// The run context (set by the runner before every scenario).
    pub(crate) fn run(&self) -> &Arc<RunContext> {
        match &self.run {
            Some(run) => run,
            None => harness_error("het scenario heeft geen runcontext"),
        }
    }

    /// This scenario's identity.
    pub(crate) fn id(&self) -> ScenarioId {
        match &self.scenario {
            Some(id) => id.clone(),
            None => harness_error("het scenario heeft geen identiteit"),
        }
    }

    /// The request headers: the standard set, then the scenario's changes.
    pub(crate) fn headers(&self) -> Vec<(String, String)> {
        let parties = &self.run().target.parties;
        let mut headers: Vec<(String, String)> = vec![
            (
                X_VUM_BERICHT_VERSIE.to_owned(),
                self.run().target.versie.clone(),
            ),
            (API_VERSION.to_owned(), self.run().target.versie.clone()),
            (X_VUM_FROM_PARTY.to_owned(), parties.from_party.clone()),
            (X_VUM_TO_PARTY.to_owned(), parties.to_party.clone()),
            (X_VUM_VIA_PARTY.to_owned(), parties.via_party.clone()),
        ];
        // The mediator contracts have no SUWI flag: the exchange takes it from its registry.
        if self.run().target.rol == Rol::Bron {
            headers.push((X_VUM_SUWI_PARTY.to_owned(), self.suwi.to_string()));
        }
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

    /// Sends a request with this scenario's headers and certificate; keeps the answer.
    pub(crate) async fn send(
        &mut self,
        method: reqwest::Method,
        path: &str,
        body: Option<String>,
    ) -> Transcript {
        let mut headers = self.headers();
        if body.is_some() {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        let run = Arc::clone(self.run());
        let client = run
            .client(self.presented, self.header_case)
            .unwrap_or_else(|e| inconclusive(e));
        let request = Request {
            method,
            path: path.to_owned(),
            headers,
            body,
        };
        // A request with a certificate other than the configured one probes the node's
        // refusal; only the configured identity's requests are API answers to judge.
        let (origin, counts) = if self.presented == Presented::Configured {
            (Origin::Scenario(self.id()), true)
        } else {
            (Origin::Probe(self.id()), false)
        };
        let transcript = run
            .send_to(&client, &run.target.url(path), origin, request, counts)
            .await;
        self.antwoord = Some(transcript.clone());
        transcript
    }

    /// The last answer; a missing answer makes the scenario inconclusive.
    pub(crate) fn antwoord(&self) -> &Transcript {
        let Some(transcript) = &self.antwoord else {
            harness_error("in dit scenario is geen verzoek gestuurd")
        };
        if let Some(error) = &transcript.error {
            inconclusive(format!(
                "geen antwoord van de bron op {}: {error}",
                transcript.request_line()
            ));
        }
        transcript
    }

    /// The last answer as JSON.
    pub(crate) fn antwoord_json(&self) -> Value {
        let transcript = self.antwoord();
        transcript.json().unwrap_or_else(|| {
            fail(format!(
                "het antwoord (status {}) is geen JSON: {}",
                status_text(transcript.status),
                transcript.excerpt()
            ))
        })
    }
}
