//! The chain on loopback: two reference sources holding one half of the certification test set
//! each, the reference exchange in front of them recording what the client sends, over plain
//! HTTP or mutual TLS; a stub exchange that answers as a script says; clients of both.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use vum_reference::bemiddelaar::{Bemiddelaar, BemiddelaarConfig, Herhaalbeleid, Partijen, Tls};
use vum_reference::bron::Part;
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::server::limit::ConnectionLimits;
use vum_reference::server::listener;
use vum_reference::uitwisseling::bronnen::{Aansluiting, ClientTls};
use vum_reference::uitwisseling::vumid::PseudonymKey;
use vum_reference::uitwisseling::{Uitwisseling, UitwisselingConfig};
use vum_reference::{Bron, BronConfig};
use vum_spec::Kind;
use vum_spec::testdata::oins;

use crate::support::{serve_router, serve_tls, test_set};

/// A request as a server received it.
#[derive(Clone, Debug)]
pub(crate) struct Seen {
    pub(crate) at: Instant,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

type Log = Arc<Mutex<Vec<Seen>>>;

async fn record(State(seen): State<Log>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap();
    seen.lock().unwrap().push(Seen {
        at: Instant::now(),
        method: parts.method.clone(),
        path: parts.uri.path().to_owned(),
        headers: parts.headers.clone(),
        body: body.clone(),
    });
    next.run(Request::from_parts(parts, Body::from(body))).await
}

/// The whole chain: mediator client → exchange → two sources.
pub(crate) struct Keten {
    pub(crate) exchange: Uitwisseling,
    pub(crate) base: String,
    seen: Log,
    pki: Option<DevPki>,
}

impl Keten {
    /// Everything over plain HTTP.
    pub(crate) async fn plain() -> Self {
        Self::start(None).await
    }

    /// Every hop over mutual TLS with the certificates of a fresh test PKI.
    pub(crate) async fn tls() -> Self {
        Self::start(Some(DevPki::generate().unwrap())).await
    }

    async fn start(pki: Option<DevPki>) -> Self {
        let participants = match &pki {
            Some(pki) => Participants::parse(&pki.participants_toml).unwrap(),
            None => Participants::test(),
        };
        let mut bronnen = Vec::new();
        for (index, name) in [(1, "bron-a"), (2, "bron-b")] {
            let node = Bron::new(
                BronConfig {
                    participants: pki.as_ref().map(|_| participants.clone()),
                    ..BronConfig::default()
                },
                Store::in_memory().unwrap(),
            )
            .unwrap();
            let part = Part { index, of: 2 };
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
            let router = vum_reference::bron::router(node);
            let (url, tls) = match &pki {
                Some(pki) => {
                    let port = serve_tls(pki, router).await;
                    let identity = pki.client("uitwisseling").unwrap();
                    (
                        format!("https://localhost:{port}/api/v3"),
                        Some(ClientTls {
                            certificate_pem: identity.chain_pem.clone(),
                            key_pem: identity.key_pem.clone(),
                            ca_pem: pki.ca_pem.clone(),
                        }),
                    )
                }
                None => {
                    let address = serve_router(router, ConnectionLimits::default(), None).await;
                    (format!("http://{address}/api/v3"), None)
                }
            };
            bronnen.push(Aansluiting {
                bron_id: name.to_owned(),
                url,
                controller_oin: oins::BRON.parse().unwrap(),
                processor_oin: oins::BRON_VERWERKER.parse().unwrap(),
                tls,
                deadline: Duration::from_secs(5),
            });
        }
        let exchange = Uitwisseling::new(
            UitwisselingConfig {
                tls: pki.is_some(),
                participants,
                ..UitwisselingConfig::default()
            },
            bronnen,
            PseudonymKey::generate().unwrap(),
            Uitwisseling::in_memory_database().unwrap(),
        )
        .unwrap();
        let seen = Log::default();
        let router = vum_reference::uitwisseling::api::router(exchange.clone())
            .layer(middleware::from_fn_with_state(Arc::clone(&seen), record));
        let base = match &pki {
            Some(pki) => format!(
                "https://localhost:{}/api/v3",
                serve_exchange_tls(pki, router).await
            ),
            None => format!(
                "http://{}/api/v3",
                serve_router(router, ConnectionLimits::default(), None).await
            ),
        };
        Self {
            exchange,
            base,
            seen,
            pki,
        }
    }

    /// The chain's test PKI (over TLS).
    pub(crate) fn pki(&self) -> Option<&DevPki> {
        self.pki.as_ref()
    }

    /// What the exchange received so far.
    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The configuration of the test SUWI mediator for this chain (with its certificate over
    /// TLS).
    pub(crate) fn config(&self) -> BemiddelaarConfig {
        let mut config = BemiddelaarConfig::new(&self.base).unwrap();
        config.tls = self.pki.as_ref().map(|pki| {
            let identity = pki.client("bemiddelaar").unwrap();
            Tls {
                certificate_pem: identity.chain_pem.clone(),
                key_pem: identity.key_pem.clone(),
                ca_pem: pki.ca_pem.clone(),
            }
        });
        config
    }

    /// A client of the test SUWI mediator.
    pub(crate) fn client(&self) -> Bemiddelaar {
        Bemiddelaar::new(self.config()).unwrap()
    }

    /// The configuration of a client with the certificate `name` of the chain's PKI, asking
    /// for controller `from_party` (over TLS only).
    pub(crate) fn config_as(&self, name: &str, from_party: &str) -> BemiddelaarConfig {
        let pki = self.pki.as_ref().expect("a chain over TLS");
        let identity = pki.client(name).unwrap();
        let mut config = BemiddelaarConfig::new(&self.base).unwrap();
        config.partijen.from_party = from_party.parse().unwrap();
        config.partijen.via_party = vum_spec::certificaat::oin_of_pem(&identity.chain_pem).unwrap();
        config.tls = Some(Tls {
            certificate_pem: identity.chain_pem.clone(),
            key_pem: identity.key_pem.clone(),
            ca_pem: pki.ca_pem.clone(),
        });
        config
    }

    /// The source id behind a `vumID` the test mediator got (only a test can open it).
    pub(crate) fn open(&self, kind: Kind, vum_id: &str) -> String {
        self.exchange
            .key()
            .open(kind, oins::BEMIDDELAAR, vum_id)
            .unwrap_or_else(|| panic!("{vum_id} does not open"))
            .id
    }
}

/// Serves the exchange's router over mutual TLS with the PKI's exchange server certificate on
/// 127.0.0.1; the port.
async fn serve_exchange_tls(pki: &DevPki, router: Router) -> u16 {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1024).unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(listener::serve(
        listener,
        router,
        Some(pki.exchange_server_settings().unwrap()),
        ConnectionLimits::default(),
        Duration::from_secs(10),
        std::future::pending(),
    ));
    port
}

/// What a stub answers: status, extra headers, body, and how long it waits first.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: String,
    pub(crate) delay: Duration,
}

impl Reply {
    pub(crate) fn new(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// Given the number of the request (from 0) and the request, the reply.
pub(crate) type Script = Arc<dyn Fn(usize, &Seen) -> Reply + Send + Sync>;

/// An exchange on loopback that answers as its script says and records every request.
pub(crate) struct Stub {
    pub(crate) base: String,
    seen: Log,
}

#[derive(Clone)]
struct StubState {
    seen: Log,
    script: Script,
}

async fn stub_answer(State(state): State<StubState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, usize::MAX).await.unwrap();
    let seen = Seen {
        at: Instant::now(),
        method: parts.method,
        path: parts.uri.path().to_owned(),
        headers: parts.headers,
        body,
    };
    let number = {
        let mut log = state.seen.lock().unwrap();
        log.push(seen.clone());
        log.len() - 1
    };
    let reply = (state.script)(number, &seen);
    tokio::time::sleep(reply.delay).await;
    let mut response = (
        StatusCode::from_u16(reply.status).unwrap(),
        [("content-type", "application/json")],
        reply.body,
    )
        .into_response();
    for (name, value) in reply.headers {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

impl Stub {
    pub(crate) async fn start(script: Script) -> Self {
        let seen = Log::default();
        let router = Router::new().fallback(stub_answer).with_state(StubState {
            seen: Arc::clone(&seen),
            script,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address: SocketAddr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        Self {
            base: format!("http://{address}/api/v3"),
            seen,
        }
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// A client of the stub with this retry policy and time per attempt.
    pub(crate) fn client(&self, herhaling: Herhaalbeleid, timeout: Duration) -> Bemiddelaar {
        Bemiddelaar::new(self.config(herhaling, timeout)).unwrap()
    }

    /// The configuration of [`Self::client`].
    pub(crate) fn config(&self, herhaling: Herhaalbeleid, timeout: Duration) -> BemiddelaarConfig {
        let mut config = BemiddelaarConfig::new(&self.base).unwrap();
        config.herhaling = herhaling;
        config.timeout = timeout;
        config.partijen = Partijen::test();
        config
    }
}

/// A policy with short waits, for stubs.
pub(crate) fn kort(pogingen: u32) -> Herhaalbeleid {
    Herhaalbeleid {
        pogingen,
        eerste_wachttijd: Duration::from_millis(200),
        langste_wachttijd: Duration::from_millis(800),
        langste_retry_after: Duration::from_secs(5),
    }
}
