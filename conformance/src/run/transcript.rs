//! Requests to the node under test, each recorded as a [`Transcript`] for the evidence and for
//! the checks that run over every response.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::result::ScenarioId;

/// Who sent a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "scenario")]
pub enum Origin {
    /// The pre-flight.
    Preflight,
    /// A scenario, asking the API as the exchange would: its answers are judged by the
    /// continuous checks too.
    Scenario(ScenarioId),
    /// A scenario probing the transport (plain HTTP to the TLS port, a refused handshake): its
    /// answers are evidence of the scenario only.
    Probe(ScenarioId),
}

impl Origin {
    /// The scenario, if a scenario sent it.
    pub fn scenario(&self) -> Option<&ScenarioId> {
        match self {
            Self::Preflight => None,
            Self::Scenario(id) | Self::Probe(id) => Some(id),
        }
    }
}

/// Why no response came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Failure {
    /// No answer within the time allowed.
    Timeout,
    /// The connection could not be made.
    Connect,
    /// The TLS handshake failed.
    Tls,
    /// The connection broke off.
    Reset,
    /// Anything else.
    Other,
}

/// One request and what came back.
#[derive(Clone, Debug, Serialize)]
pub struct Transcript {
    /// Who sent it.
    pub origin: Origin,
    /// `GET` or `POST`.
    pub method: String,
    /// The path below the base URL.
    pub path: String,
    /// The request headers sent.
    pub request_headers: BTreeMap<String, String>,
    /// The request body sent, if any (the first 2,000 characters).
    pub request_body: Option<String>,
    /// The status, if a response came back.
    pub status: Option<u16>,
    /// The response headers (lower-case names).
    pub response_headers: BTreeMap<String, String>,
    /// The response body.
    pub body: String,
    /// Why no (whole) response came back.
    pub failure: Option<Failure>,
    /// The same in words.
    pub error: Option<String>,
    /// Whether it was sent at all (not when the node had stopped answering).
    pub sent: bool,
    /// How long it took, in milliseconds.
    pub millis: u128,
    /// The server's TLS certificate (DER) of the connection that answered, over TLS.
    #[serde(skip)]
    pub server_certificate: Option<Vec<u8>>,
}

impl Transcript {
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

    /// Whether an answer arrived (a status and the whole body).
    pub fn answered(&self) -> bool {
        self.status.is_some() && self.failure.is_none()
    }

    /// `METHOD path`.
    pub fn request_line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// The status in words: the number, or that no answer came.
pub fn status_text(status: Option<u16>) -> String {
    status.map_or_else(|| "geen antwoord".to_owned(), |s| s.to_string())
}

/// The first `max` characters of a text.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

/// All transcripts of a run, shared by every scenario.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    transcripts: Arc<Mutex<Vec<Transcript>>>,
}

impl Recorder {
    /// Records a transcript.
    pub fn record(&self, transcript: Transcript) {
        self.transcripts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(transcript);
    }

    /// Every transcript so far.
    pub fn all(&self) -> Vec<Transcript> {
        self.transcripts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
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

/// Sends a request to a full URL; the transcript is returned, not yet recorded.
pub async fn send(
    client: &reqwest::Client,
    url: &str,
    origin: Origin,
    request: Request,
    timeout: Duration,
) -> Transcript {
    let started = Instant::now();
    let mut builder = client.request(request.method.clone(), url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    if let Some(body) = &request.body {
        builder = builder.body(body.clone());
    }
    let mut transcript = Transcript {
        origin,
        method: request.method.to_string(),
        path: request.path.clone(),
        request_headers: request.headers.iter().cloned().collect(),
        request_body: request.body.as_ref().map(|b| excerpt(b, 2000)),
        status: None,
        response_headers: BTreeMap::new(),
        body: String::new(),
        failure: None,
        error: None,
        sent: true,
        millis: 0,
        server_certificate: None,
    };
    match builder.send().await {
        Ok(response) => {
            transcript.status = Some(response.status().as_u16());
            transcript.server_certificate = response
                .extensions()
                .get::<reqwest::tls::TlsInfo>()
                .and_then(reqwest::tls::TlsInfo::peer_certificate)
                .map(<[u8]>::to_vec);
            transcript.response_headers = response
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
                Ok(body) => transcript.body = body,
                Err(e) => {
                    let (failure, text) = describe(&e, timeout);
                    transcript.failure = Some(failure);
                    transcript.error = Some(format!("het antwoord kwam niet heel aan: {text}"));
                }
            }
        }
        Err(e) => {
            let (failure, text) = describe(&e, timeout);
            transcript.failure = Some(failure);
            transcript.error = Some(text);
        }
    }
    transcript.millis = started.elapsed().as_millis();
    transcript
}

/// A transport error in plain words, and its kind.
pub fn describe(error: &reqwest::Error, timeout: Duration) -> (Failure, String) {
    let mut tls: Option<String> = None;
    let mut io: Option<std::io::ErrorKind> = None;
    let mut source = std::error::Error::source(error);
    let mut innermost = String::new();
    while let Some(cause) = source {
        if let Some(e) = cause.downcast_ref::<rustls::Error>() {
            tls = Some(crate::run::client::tls_error_text(e));
        }
        if let Some(e) = cause.downcast_ref::<std::io::Error>() {
            io = Some(e.kind());
            if let Some(inner) = e.get_ref()
                && let Some(e) = inner.downcast_ref::<rustls::Error>()
            {
                tls = Some(crate::run::client::tls_error_text(e));
            }
        }
        innermost = cause.to_string();
        source = cause.source();
    }
    if error.is_timeout() {
        return (
            Failure::Timeout,
            format!("geen antwoord binnen {} s", timeout.as_secs()),
        );
    }
    if let Some(text) = tls.or_else(|| crate::run::client::tls_error_from_text(&innermost)) {
        return (Failure::Tls, format!("de TLS-verbinding mislukte: {text}"));
    }
    match io {
        Some(std::io::ErrorKind::ConnectionRefused) => {
            (Failure::Connect, "de verbinding werd geweigerd".to_owned())
        }
        Some(
            std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::UnexpectedEof,
        ) => (
            Failure::Reset,
            "de bron verbrak de verbinding zonder antwoord".to_owned(),
        ),
        _ if error.is_connect() => (Failure::Connect, format!("geen verbinding: {innermost}")),
        _ => (
            Failure::Other,
            if innermost.is_empty() {
                error.to_string()
            } else {
                format!("geen bruikbaar antwoord: {innermost}")
            },
        ),
    }
}
