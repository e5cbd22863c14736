//! Requests to the node under test, each recorded as an [`Exchange`] for the evidence and for the
//! checks that run over every response.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::target::Target;

/// One request and what came back.
#[derive(Clone, Debug, Serialize)]
pub struct Exchange {
    /// The scenario that sent it (empty for pre-flight).
    pub scenario: String,
    /// `GET` or `POST`.
    pub method: String,
    /// The path below the base URL.
    pub path: String,
    /// The request headers sent.
    pub request_headers: BTreeMap<String, String>,
    /// The request body sent, if any.
    pub request_body: Option<String>,
    /// The status, if a response came back.
    pub status: Option<u16>,
    /// The response headers (lower-case names).
    pub response_headers: BTreeMap<String, String>,
    /// The response body.
    pub body: String,
    /// Why no response came back.
    pub error: Option<String>,
    /// How long it took, in milliseconds.
    pub millis: u128,
}

impl Exchange {
    /// A response header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.response_headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The body as JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }

    /// An excerpt of the body for evidence.
    pub fn excerpt(&self) -> String {
        excerpt(&self.body, 600)
    }
}

/// The first `max` characters of a text.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

/// All exchanges of a run, shared by every scenario.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

impl Recorder {
    /// Records an exchange.
    pub fn record(&self, exchange: Exchange) {
        self.exchanges
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(exchange);
    }

    /// Every exchange so far.
    pub fn all(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// Which client certificate a request uses.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Identity {
    /// The one configured for the run (`--client-cert`), if any.
    Configured,
    /// None at all.
    None,
    /// One from the test PKI directory (`uitwisseling`, `verlopen`, …).
    Pki(String),
}

/// How a client writes header names on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum HeaderCase {
    /// Lower case (what HTTP/2 requires and HTTP/1.1 clients usually send).
    #[default]
    Lower,
    /// Title case over HTTP/1.1 (`X-Vum-Suwiparty`), to prove names are case-insensitive.
    Title,
}

/// Builds a client for the target with the given identity and header case.
pub fn client(
    target: &Target,
    identity: &Identity,
    case: HeaderCase,
) -> Result<reqwest::Client, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .timeout(target.timeout)
        .redirect(reqwest::redirect::Policy::none());
    if case == HeaderCase::Title {
        builder = builder.http1_only().http1_title_case_headers();
    }
    let ca = match (&target.pki, &target.ca_pem) {
        (_, Some(ca)) => Some(ca.clone()),
        (Some(pki), None) => std::fs::read_to_string(pki.join("ca.pem")).ok(),
        (None, None) => None,
    };
    if let Some(ca) = ca {
        let certificate = reqwest::Certificate::from_pem(ca.as_bytes())
            .map_err(|e| format!("the CA certificate: {e}"))?;
        builder = builder.tls_certs_only([certificate]);
    }
    let pem = match identity {
        Identity::None => None,
        Identity::Configured => target
            .identity
            .as_ref()
            .map(|(cert, key)| format!("{cert}\n{key}")),
        Identity::Pki(name) => {
            let dir = target.pki.as_ref().ok_or("no --pki directory given")?;
            let read = |file: String| {
                std::fs::read_to_string(dir.join(&file))
                    .map_err(|e| format!("{}: {e}", dir.join(file).display()))
            };
            Some(format!(
                "{}\n{}",
                read(format!("{name}.pem"))?,
                read(format!("{name}.key"))?
            ))
        }
    };
    if let Some(pem) = pem {
        builder = builder.identity(
            reqwest::Identity::from_pem(pem.as_bytes())
                .map_err(|e| format!("the client certificate: {e}"))?,
        );
    }
    builder
        .build()
        .map_err(|e| format!("building the HTTP client: {e}"))
}

/// A request to send.
#[derive(Clone, Debug)]
pub struct Request {
    /// `GET` or `POST`.
    pub method: reqwest::Method,
    /// Below the base URL.
    pub path: String,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// Body, if any.
    pub body: Option<String>,
}

/// Sends a request and records it.
pub async fn send(
    client: &reqwest::Client,
    target: &Target,
    recorder: &Recorder,
    scenario: &str,
    request: Request,
) -> Exchange {
    send_to(
        client,
        &target.url(&request.path),
        recorder,
        scenario,
        request,
    )
    .await
}

/// Sends a request to a full URL and records it.
pub async fn send_to(
    client: &reqwest::Client,
    url: &str,
    recorder: &Recorder,
    scenario: &str,
    request: Request,
) -> Exchange {
    let started = Instant::now();
    let mut builder = client.request(request.method.clone(), url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    if let Some(body) = &request.body {
        builder = builder.body(body.clone());
    }
    let mut exchange = Exchange {
        scenario: scenario.to_owned(),
        method: request.method.to_string(),
        path: request.path.clone(),
        request_headers: request.headers.iter().cloned().collect(),
        request_body: request.body.as_ref().map(|b| excerpt(b, 2000)),
        status: None,
        response_headers: BTreeMap::new(),
        body: String::new(),
        error: None,
        millis: 0,
    };
    match builder.send().await {
        Ok(response) => {
            exchange.status = Some(response.status().as_u16());
            exchange.response_headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_ascii_lowercase(),
                        v.to_str().unwrap_or("\u{fffd}").to_owned(),
                    )
                })
                .collect();
            match response.text().await {
                Ok(body) => exchange.body = body,
                Err(e) => exchange.error = Some(format!("reading the body: {e}")),
            }
        }
        Err(e) => exchange.error = Some(describe(&e)),
    }
    exchange.millis = started.elapsed().as_millis();
    recorder.record(exchange.clone());
    exchange
}

/// A transport error in plain words, with its causes.
pub fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The longest a step waits for a response before calling the run inconclusive.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(30);
