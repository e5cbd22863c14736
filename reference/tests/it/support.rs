//! A node loaded with the certification test set, and calls that check every body they get back
//! against the committed spec schemas.

use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;
use vum_reference::bron::import::{Prepared, prepare};
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::limit::ConnectionLimits;
use vum_reference::server::listener;
use vum_reference::{Bron, BronConfig};
use vum_spec::Kind;
use vum_spec::Message;
use vum_spec::testdata::oins;
use vum_spec::validate::violations;

/// The certification test set, prepared once per test binary.
pub(crate) fn test_set() -> &'static (Vec<Prepared>, Vec<Prepared>) {
    static SET: OnceLock<(Vec<Prepared>, Vec<Prepared>)> = OnceLock::new();
    SET.get_or_init(|| {
        let wz = prepare(
            Kind::Werkzoekende,
            vum_spec::testdata::committed_werkzoekenden().unwrap(),
        )
        .unwrap();
        let vac = prepare(
            Kind::Vacature,
            vum_spec::testdata::committed_vacatures().unwrap(),
        )
        .unwrap();
        (wz, vac)
    })
}

/// A node under test.
pub(crate) struct TestNode {
    pub(crate) node: Bron,
    router: Router,
}

impl TestNode {
    /// The default configuration, loaded with the certification test set.
    pub(crate) fn demo() -> Self {
        Self::with(BronConfig::default())
    }

    /// A configuration of choice, loaded with the certification test set.
    pub(crate) fn with(config: BronConfig) -> Self {
        let node = Self::empty(config).node;
        let (wz, vac) = test_set();
        node.import(Kind::Werkzoekende, wz).unwrap();
        node.import(Kind::Vacature, vac).unwrap();
        let router = vum_reference::bron::router(node.clone());
        Self { node, router }
    }

    /// No profiles.
    pub(crate) fn empty(config: BronConfig) -> Self {
        Self::from_node(Bron::new(config, Store::in_memory().unwrap()).unwrap())
    }

    /// A node made elsewhere.
    pub(crate) fn from_node(node: Bron) -> Self {
        Self {
            router: vum_reference::bron::router(node.clone()),
            node,
        }
    }

    /// Its router.
    pub(crate) fn router(&self) -> Router {
        self.router.clone()
    }

    /// Sends a request in-process and checks the body against the contract.
    pub(crate) async fn call(&self, request: Request<Body>) -> Reply {
        let method = request.method().clone();
        let path = request.uri().path().to_owned();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let reply = Reply {
            status,
            headers,
            text,
        };
        reply.check_against_contract(&method, &path);
        reply
    }
}

/// The router of a source with the default configuration and the certification test set.
pub(crate) fn demo_router() -> Router {
    TestNode::demo().router
}

/// A response.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) text: String,
}

impl Reply {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The error code of an error body.
    pub(crate) fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }

    /// The ids of a matches answer, in order.
    pub(crate) fn ids(&self) -> Vec<String> {
        let body = self.json();
        body["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                m.get("idWerkzoekende")
                    .or_else(|| m.get("idVacature"))
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    }

    pub(crate) fn more(&self) -> bool {
        self.json()["maximumAantalResultatenBereikt"]
            .as_bool()
            .unwrap()
    }

    fn check_against_contract(&self, method: &Method, path: &str) {
        let message = match self.status.as_u16() {
            200 if path.ends_with("/openapi.json") => return,
            200 if path.ends_with("/werkzoekendeProfielen/matches") => {
                Message::BronWerkzoekendeMatchesResponse
            }
            200 if path.ends_with("/vacatures/matches") => Message::BronVacatureMatchesResponse,
            200 if *method == Method::GET && path.contains("/werkzoekendeProfielen/") => {
                Message::Werkzoekende
            }
            200 if *method == Method::GET && path.contains("/vacatures/") => Message::Vacature,
            401 => {
                assert!(self.text.is_empty(), "a 401 has no body: {}", self.text);
                return;
            }
            405 => return,
            status => {
                assert!(status >= 400, "unexpected status {status} for {path}");
                Message::Error
            }
        };
        let body = self.json();
        let errors = violations(message, &body).unwrap();
        assert!(
            errors.is_empty(),
            "{message} body of {path} breaks the contract: {errors:#?}\n{}",
            self.text
        );
    }
}

/// The request headers of a well-formed call from the exchange for a SUWI mediator.
pub(crate) fn vum_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("X-VUM-berichtVersie", "3.0.0"),
        ("API-Version", "3.0.0"),
        ("X-VUM-fromParty", oins::BEMIDDELAAR),
        ("X-VUM-toParty", oins::BRON),
        ("X-VUM-viaParty", oins::BRON_VERWERKER),
        ("X-VUM-SUWIparty", "true"),
    ]
}

fn request(method: Method, path: &str, headers: &[(&str, &str)], body: Body) -> Request<Body> {
    // In-process requests carry the Host a client on the wire would send.
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "localhost");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).unwrap()
}

/// A POST with the standard headers and a JSON body.
pub(crate) fn post(path: &str, body: &Value) -> Request<Body> {
    let mut headers = vum_headers();
    headers.push(("content-type", "application/json"));
    request(Method::POST, path, &headers, Body::from(body.to_string()))
}

/// A POST with the given headers and raw body.
pub(crate) fn post_raw(
    path: &str,
    headers: &[(&str, &str)],
    body: impl Into<Body>,
) -> Request<Body> {
    request(Method::POST, path, headers, body.into())
}

/// A GET with the standard headers.
pub(crate) fn get(path: &str) -> Request<Body> {
    request(Method::GET, path, &vum_headers(), Body::empty())
}

/// A GET with the given headers.
pub(crate) fn get_with(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    request(Method::GET, path, headers, Body::empty())
}

/// Ids `prefix001`…: a written-out range of cluster ids.
pub(crate) fn range(prefix: &str, numbers: std::ops::RangeInclusive<usize>) -> Vec<String> {
    numbers.map(|n| format!("{prefix}{n:03}")).collect()
}

pub(crate) const WZ: &str = "/api/v3/werkzoekendeProfielen/matches";
pub(crate) const VAC: &str = "/api/v3/vacatures/matches";

/// Serves a router over mutual TLS with the PKI's server certificate on 127.0.0.1; the port.
pub(crate) async fn serve_tls(pki: &DevPki, router: Router) -> u16 {
    let settings = pki.server_settings().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(listener::serve_tls(
        listener,
        router,
        settings,
        std::future::pending(),
    ));
    port
}

/// Serves the demo router through the node's listener on 127.0.0.1 with these limits, plain or
/// over TLS with the PKI's server certificate; the address.
pub(crate) async fn serve(limits: ConnectionLimits, tls: Option<&DevPki>) -> SocketAddr {
    serve_router(demo_router(), limits, tls).await
}

/// Serves a router as [`serve`] does.
pub(crate) async fn serve_router(
    router: Router,
    limits: ConnectionLimits,
    tls: Option<&DevPki>,
) -> SocketAddr {
    // A backlog as the node binds it: the default of 128 overflows when hundreds of test
    // connections arrive before the accept loop runs, and the kernel then leaves some half-open.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1024).unwrap();
    let address = listener.local_addr().unwrap();
    let settings = tls.map(|pki| pki.server_settings().unwrap());
    tokio::spawn(listener::serve(
        listener,
        router,
        settings,
        limits,
        Duration::from_secs(10),
        std::future::pending(),
    ));
    address
}

/// A client that trusts the PKI's root and presents one of its client identities (or none).
pub(crate) fn client(pki: &DevPki, identity: Option<&str>) -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(pki.ca_pem.as_bytes()).unwrap()])
        .timeout(std::time::Duration::from_secs(10));
    if let Some(name) = identity {
        let id = pki.client(name).unwrap();
        builder = builder.identity(
            reqwest::Identity::from_pem(format!("{}{}", id.chain_pem, id.key_pem).as_bytes())
                .unwrap(),
        );
    }
    builder.build().unwrap()
}
