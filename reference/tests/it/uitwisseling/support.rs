//! Sources on loopback sockets that record what the exchange sends them, and an exchange in front
//! of them called in-process.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use serde_json::Value;
use tower::ServiceExt;
use vum_reference::bron::Part;
use vum_reference::bron::store::Store;
use vum_reference::uitwisseling::bronnen::Aansluiting;
use vum_reference::uitwisseling::vumid::{Pseudonym, PseudonymKey};
use vum_reference::uitwisseling::{Uitwisseling, UitwisselingConfig};
use vum_reference::{Bron, BronConfig};
use vum_spec::Kind;
use vum_spec::Message;
use vum_spec::testdata::oins;
use vum_spec::validate::violations;

use crate::support::test_set;

/// A request as a source received it.
#[derive(Clone, Debug)]
pub(crate) struct Seen {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// What a source received, shared with its recording layer.
pub(crate) type Log = Arc<Mutex<Vec<Seen>>>;

/// A source on a loopback socket.
pub(crate) struct Source {
    pub(crate) node: Bron,
    pub(crate) address: SocketAddr,
    pub(crate) seen: Log,
}

impl Source {
    /// A reference source holding `part` of the certification test set.
    pub(crate) async fn start(part: Part, config: BronConfig) -> Self {
        let node = Bron::new(config, Store::in_memory().unwrap()).unwrap();
        let (wz, vac) = test_set();
        for (kind, set) in [(Kind::Werkzoekende, wz), (Kind::Vacature, vac)] {
            let share: Vec<_> = set
                .iter()
                .enumerate()
                .filter(|(i, _)| part.holds(*i))
                .map(|(_, p)| p.clone())
                .collect();
            node.import(kind, &share).unwrap();
        }
        let seen = Log::default();
        let address = serve(recording(vum_reference::bron::router(node.clone()), &seen)).await;
        Self {
            node,
            address,
            seen,
        }
    }

    /// Requests received so far.
    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Whether this source holds a profile with this id.
    pub(crate) fn holds(&self, kind: Kind, id: &str) -> bool {
        self.node.store().document(kind, id).unwrap().is_some()
    }

    /// The stored document.
    pub(crate) fn document(&self, kind: Kind, id: &str) -> Value {
        serde_json::from_str(&self.node.store().document(kind, id).unwrap().unwrap()).unwrap()
    }
}

/// `router` with a layer that records every request before passing it on.
pub(crate) fn recording(router: Router, seen: &Log) -> Router {
    router.layer(middleware::from_fn_with_state(Arc::clone(seen), record))
}

async fn record(State(seen): State<Log>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap();
    seen.lock().unwrap().push(Seen {
        method: parts.method.clone(),
        path: parts.uri.path().to_owned(),
        headers: parts.headers.clone(),
        body: body.clone(),
    });
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// Serves a router on 127.0.0.1 (plain HTTP) for the rest of the test.
pub(crate) async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

/// A source that answers every request with `status` and `body` after `delay`.
pub(crate) async fn faulty(status: u16, body: &'static str, delay: Duration) -> SocketAddr {
    serve(Router::new().fallback(move || async move {
        tokio::time::sleep(delay).await;
        (
            StatusCode::from_u16(status).unwrap(),
            [("content-type", "application/json")],
            body,
        )
    }))
    .await
}

/// An address nothing listens on.
pub(crate) async fn closed_port() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

/// A directory entry for a plain-HTTP source with the test set's OINs.
pub(crate) fn bron(bron_id: &str, address: SocketAddr, deadline: Duration) -> Aansluiting {
    Aansluiting {
        bron_id: bron_id.to_owned(),
        url: format!("http://{address}/api/v3"),
        controller_oin: oins::BRON.parse().unwrap(),
        processor_oin: oins::BRON_VERWERKER.parse().unwrap(),
        tls: None,
        deadline,
    }
}

/// An exchange in front of `bronnen`, called in-process.
pub(crate) struct TestExchange {
    pub(crate) exchange: Uitwisseling,
    router: Router,
}

impl TestExchange {
    pub(crate) fn new(bronnen: Vec<Aansluiting>, config: UitwisselingConfig) -> Self {
        Self::with(
            bronnen,
            config,
            PseudonymKey::generate().unwrap(),
            Uitwisseling::in_memory_database().unwrap(),
        )
    }

    /// An exchange with this key and database (a restart: the same key and file again).
    pub(crate) fn with(
        bronnen: Vec<Aansluiting>,
        config: UitwisselingConfig,
        key: PseudonymKey,
        database: vum_reference::server::database::Database,
    ) -> Self {
        let exchange = Uitwisseling::new(config, bronnen, key, database).unwrap();
        let router = vum_reference::uitwisseling::api::router(exchange.clone());
        Self { exchange, router }
    }

    /// Sends a request and checks the body against the mediator contract.
    pub(crate) async fn call(&self, request: axum::http::Request<Body>) -> Answer {
        let is_matches = request.uri().path().ends_with("/matches");
        let is_werkzoekende = request.uri().path().contains("/werkzoekendeProfielen/");
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let message = match (status.as_u16(), is_matches, is_werkzoekende) {
            (200, true, true) => Some(Message::WerkzoekendeMatchesResponse),
            (200, true, false) => Some(Message::VacatureMatchesResponse),
            (200, false, true) => Some(Message::WerkzoekendeDetailResponse),
            (200, false, false) => Some(Message::VacatureDetailResponse),
            (401, ..) => {
                assert!(text.is_empty(), "a 401 has no body: {text}");
                None
            }
            _ => Some(Message::Error),
        };
        if let Some(message) = message {
            let body: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {text}"));
            let errors = violations(message, &body).unwrap();
            assert!(
                errors.is_empty(),
                "{message} breaks the contract: {errors:#?}\n{text}"
            );
        }
        Answer {
            status,
            headers,
            text,
        }
    }

    /// What a `vumID` stands for, opened with the exchange's key (only a test can do this).
    pub(crate) fn open(&self, kind: Kind, asker: &str, vum_id: &str) -> Pseudonym {
        self.exchange
            .key()
            .open(kind, asker, vum_id)
            .unwrap_or_else(|| panic!("{vum_id} does not open"))
    }
}

/// An answer of the exchange.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) text: String,
}

impl Answer {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap()
    }

    pub(crate) fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }

    pub(crate) fn vum_ids(&self) -> Vec<String> {
        self.json()["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["vumID"].as_str().unwrap().to_owned())
            .collect()
    }

    pub(crate) fn more(&self) -> bool {
        self.json()["maximumAantalResultatenBereikt"]
            .as_bool()
            .unwrap()
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// The headers of a SUWI mediator (controller without a separate processor) calling the exchange.
pub(crate) fn mediator_headers(from: &str) -> Vec<(&'static str, String)> {
    vec![
        ("X-VUM-berichtVersie", "3.0.0".to_owned()),
        ("API-Version", "3.0.0".to_owned()),
        ("X-VUM-fromParty", from.to_owned()),
        ("X-VUM-toParty", oins::UITWISSELING.to_owned()),
        ("X-VUM-viaParty", from.to_owned()),
    ]
}

/// A question from `from`.
pub(crate) fn ask(path: &str, from: &str, body: &Value) -> axum::http::Request<Body> {
    ask_with(path, &mediator_headers(from), body)
}

/// A question with these headers.
pub(crate) fn ask_with(
    path: &str,
    headers: &[(&'static str, String)],
    body: &Value,
) -> axum::http::Request<Body> {
    let mut builder = axum::http::Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("host", "localhost")
        .header("content-type", "application/json");
    for (name, value) in headers {
        builder = builder.header(*name, value);
    }
    builder.body(Body::from(body.to_string())).unwrap()
}

/// A detail request from `from`.
pub(crate) fn fetch(path: &str, from: &str) -> axum::http::Request<Body> {
    let mut builder = axum::http::Request::builder()
        .method(Method::GET)
        .uri(path)
        .header("host", "localhost");
    for (name, value) in mediator_headers(from) {
        builder = builder.header(name, value);
    }
    builder.body(Body::empty()).unwrap()
}

pub(crate) const WZ: &str = "/api/v3/werkzoekendeProfielen/matches";
pub(crate) const VAC: &str = "/api/v3/vacatures/matches";

/// The detail path of a `vumID`.
pub(crate) fn detail_path(kind: Kind, vum_id: &str) -> String {
    format!(
        "{}{}",
        vum_spec::headers::BASE_PATH,
        kind.detail_path(vum_id)
    )
}
