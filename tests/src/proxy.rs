//! The fault-injecting proxy: forwards every request to the node, changing the request or the
//! answer as its fault says. Plain HTTP towards the harness, or TLS (with the node's server
//! certificate) for the faults that concern mutual TLS.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

use crate::faults::{Fault, Kind, TlsFault};

/// A request as the proxy forwards it (header names in lower case).
#[derive(Clone, Debug)]
pub struct Forward {
    /// `GET`, `POST`.
    pub method: String,
    /// Path and query (`/api/v3/werkzoekendeProfielen/matches`).
    pub path: String,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

/// Headers and body of a request or an answer (header names compared case-insensitively, written
/// in lower case).
pub trait Message {
    /// The headers.
    fn headers(&self) -> &Vec<(String, String)>;
    /// The headers, to change.
    fn headers_mut(&mut self) -> &mut Vec<(String, String)>;
    /// The body.
    fn body(&self) -> &[u8];

    /// A header.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets (or adds) a header.
    fn set_header(&mut self, name: &str, value: &str) {
        self.remove_header(name);
        self.headers_mut()
            .push((name.to_ascii_lowercase(), value.to_owned()));
    }

    /// Removes a header.
    fn remove_header(&mut self, name: &str) {
        self.headers_mut()
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// The body as JSON.
    fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(self.body()).ok()
    }
}

impl Message for Forward {
    fn headers(&self) -> &Vec<(String, String)> {
        &self.headers
    }
    fn headers_mut(&mut self) -> &mut Vec<(String, String)> {
        &mut self.headers
    }
    fn body(&self) -> &[u8] {
        &self.body
    }
}

/// The node's answer as the proxy passes it on.
#[derive(Clone, Debug)]
pub struct Reply {
    /// Status.
    pub status: u16,
    /// Headers (lower-case names).
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl Message for Reply {
    fn headers(&self) -> &Vec<(String, String)> {
        &self.headers
    }
    fn headers_mut(&mut self) -> &mut Vec<(String, String)> {
        &mut self.headers
    }
    fn body(&self) -> &[u8] {
        &self.body
    }
}

impl Reply {
    /// Replaces the body with JSON.
    pub fn set_json(&mut self, value: &serde_json::Value) {
        self.body = value.to_string().into_bytes();
    }
}

/// Where the node is and how to reach it.
#[derive(Clone, Debug)]
pub struct Upstream {
    /// `http://127.0.0.1:port` or `https://localhost:port`.
    pub origin: String,
    /// The clients the proxy uses towards the node, by the test-PKI identity they present (`""`:
    /// none). A plain proxy needs only `""`.
    pub clients: BTreeMap<String, reqwest::Client>,
    /// The identity a client is served as when a TLS fault lets it through: `uitwisseling` in
    /// front of a source, `bemiddelaar` in front of an exchange.
    pub served_as: &'static str,
}

/// TLS material for a proxy that terminates TLS: its server certificate and key (PEM), and the
/// test-PKI client identities it recognises (name, end-entity certificate DER).
#[derive(Clone, Debug)]
pub struct ServerTls {
    /// Chain, PEM.
    pub chain_pem: String,
    /// Key, PEM.
    pub key_pem: String,
    /// The client identities.
    pub identities: Vec<(String, Vec<u8>)>,
}

struct Shared {
    fault: Option<&'static Fault>,
    upstream: Upstream,
    identities: Vec<(String, Vec<u8>)>,
    /// Requests received so far (for a fault that stops answering).
    answered: std::sync::atomic::AtomicUsize,
}

/// One connection: the identity its client presented (`""`: none, `"vreemd"`: not one of the
/// test PKI).
#[derive(Clone)]
struct Conn {
    shared: Arc<Shared>,
    identity: Arc<str>,
}

/// Starts a proxy on 127.0.0.1:0 in front of `upstream` with `fault` (none: an honest proxy).
pub async fn start(
    upstream: Upstream,
    fault: Option<&'static Fault>,
    tls: Option<ServerTls>,
) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("binding the proxy: {e}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("proxy address: {e}"));
    let identities = tls
        .as_ref()
        .map(|t| t.identities.clone())
        .unwrap_or_default();
    let shared = Arc::new(Shared {
        fault,
        upstream,
        identities,
        answered: std::sync::atomic::AtomicUsize::new(0),
    });
    let acceptor = tls.map(|t| tls_acceptor(&t));
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let (shared, acceptor) = (Arc::clone(&shared), acceptor.clone());
            tokio::spawn(async move { connection(tcp, shared, acceptor).await });
        }
    });
    address
}

fn router(shared: &Arc<Shared>, identity: &str) -> Router {
    let identity = match shared.fault.map(|f| &f.kind) {
        Some(Kind::Tls(TlsFault::Accepts(names))) if names.contains(&identity) => {
            shared.upstream.served_as
        }
        Some(Kind::Tls(TlsFault::Refuses(names))) if names.contains(&identity) => "",
        _ => identity,
    };
    Router::new().fallback(forward).with_state(Conn {
        shared: Arc::clone(shared),
        identity: identity.into(),
    })
}

async fn connection(
    mut tcp: TcpStream,
    shared: Arc<Shared>,
    acceptor: Option<tokio_rustls::TlsAcceptor>,
) {
    let kind = shared.fault.map(|f| &f.kind);
    if matches!(kind, Some(Kind::HeaderCase)) && title_case_vum_header(&tcp).await {
        let body =
            r#"{"code":"400.01","message":"Ongeldige aanroep","details":"onbekende header"}"#;
        let head = format!(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nX-VUM-berichtVersie: 3.0.0\r\nAPI-Version: 3.0.0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = tcp.write_all(format!("{head}{body}").as_bytes()).await;
        return;
    }
    match acceptor {
        Some(acceptor) => {
            let mut first = [0u8; 1];
            let plain_too = matches!(kind, Some(Kind::Tls(TlsFault::PlainHttpToo)));
            if plain_too && matches!(tcp.peek(&mut first).await, Ok(1)) && first[0] != 0x16 {
                let served_as = shared.upstream.served_as;
                let service = TowerToHyperService::new(router(&shared, served_as));
                let _ = Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tcp), service)
                    .await;
                return;
            }
            if matches!(kind, Some(Kind::Tls(TlsFault::AcceptsOldTls))) {
                let mut head = [0u8; 11];
                if matches!(tcp.peek(&mut head).await, Ok(11))
                    && head[0] == 0x16
                    && head[5] == 0x01
                    && matches!(head[9..11], [0x03, 0x01 | 0x02])
                {
                    let _ = tcp.write_all(&old_server_hello(head[10])).await;
                    return;
                }
            }
            if let Ok(stream) = acceptor.accept(tcp).await {
                let presented = stream
                    .get_ref()
                    .1
                    .peer_certificates()
                    .and_then(|c| c.first())
                    .map(|c| c.as_ref().to_vec());
                // A certificate the test PKI did not issue (self-signed, or from a CA the harness
                // made) counts as the foreign one.
                let identity = match presented {
                    None => "",
                    Some(der) => shared
                        .identities
                        .iter()
                        .find(|(_, d)| *d == der)
                        .map_or("vreemd", |(n, _)| n.as_str()),
                };
                let service = TowerToHyperService::new(router(&shared, identity));
                let _ = Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            }
        }
        None => {
            let service = TowerToHyperService::new(router(&shared, ""));
            let _ = Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tcp), service)
                .await;
        }
    }
}

/// A ServerHello record for TLS 1.`minor - 1` (what a node that accepts an old version sends).
fn old_server_hello(minor: u8) -> Vec<u8> {
    let mut hello = vec![0x03, minor];
    hello.extend(std::iter::repeat_n(0x2a, 32));
    hello.extend_from_slice(&[0x00, 0xc0, 0x13, 0x00]);
    let mut record = vec![
        0x16,
        0x03,
        minor,
        0x00,
        (hello.len() + 4) as u8,
        0x02,
        0x00,
        0x00,
    ];
    record.push(hello.len() as u8);
    record.extend_from_slice(&hello);
    record
}

/// Whether the raw request head names a VUM header in anything but lower case.
async fn title_case_vum_header(tcp: &TcpStream) -> bool {
    let mut buf = vec![0u8; 16 * 1024];
    for _ in 0..20 {
        let Ok(n) = tcp.peek(&mut buf).await else {
            return false;
        };
        let head = String::from_utf8_lossy(&buf[..n]);
        if let Some(end) = head.find("\r\n\r\n") {
            return head[..end].lines().skip(1).any(|line| {
                let name = line.split(':').next().unwrap_or_default();
                (name.to_ascii_lowercase().starts_with("x-vum-")
                    || name.eq_ignore_ascii_case("api-version"))
                    && name != name.to_ascii_lowercase()
            });
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    false
}

fn tls_acceptor(tls: &ServerTls) -> tokio_rustls::TlsAcceptor {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(tls.chain_pem.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap_or_default();
    let key = PrivateKeyDer::from_pem_slice(tls.key_pem.as_bytes())
        .unwrap_or_else(|e| panic!("proxy key: {e}"));
    // The proxy asks for a client certificate and takes any, so that it can present the same
    // identity to the node, which decides.
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .unwrap_or_else(|e| panic!("proxy TLS: {e}"))
        .with_client_cert_verifier(Arc::new(AnyClient(provider)))
        .with_single_cert(chain, key)
        .unwrap_or_else(|e| panic!("proxy certificate: {e}"));
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// Requests a client certificate, accepts any (or none), and checks only the handshake signature.
#[derive(Debug)]
struct AnyClient(Arc<rustls::crypto::CryptoProvider>);

impl rustls::server::danger::ClientCertVerifier for AnyClient {
    fn client_auth_mandatory(&self) -> bool {
        false
    }

    fn root_hint_subjects(&self) -> &[rustls::DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        _: &rustls::pki_types::CertificateDer<'_>,
        _: &[rustls::pki_types::CertificateDer<'_>],
        _: rustls::pki_types::UnixTime,
    ) -> Result<rustls::server::danger::ClientCertVerified, rustls::Error> {
        Ok(rustls::server::danger::ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

async fn forward(State(conn): State<Conn>, request: Request) -> Response {
    let shared = &conn.shared;
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, 16 * 1024 * 1024)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let mut forward = Forward {
        method: parts.method.to_string(),
        path: parts
            .uri
            .path_and_query()
            .map(ToString::to_string)
            .unwrap_or_default(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
        body,
    };
    if let Some(Fault {
        kind: Kind::Stall { after },
        ..
    }) = shared.fault
        && shared
            .answered
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            >= *after
    {
        std::future::pending::<()>().await;
    }
    if let Some(Fault {
        kind: Kind::Request(change),
        ..
    }) = shared.fault
    {
        change(&mut forward);
    }
    let mut reply = send(&shared.upstream, &conn.identity, &forward).await;
    if let Some(Fault {
        kind: Kind::Response(change),
        ..
    }) = shared.fault
    {
        change(&forward, &mut reply);
    }
    if let Some(Fault {
        kind: Kind::Delay { path, millis },
        ..
    }) = shared.fault
        && forward.path.ends_with(path)
    {
        tokio::time::sleep(std::time::Duration::from_millis(*millis)).await;
    }
    let mut response = Response::new(Body::from(reply.body));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::BAD_GATEWAY);
    for (name, value) in reply.headers {
        if name == "content-length" || name == "transfer-encoding" || name == "connection" {
            continue;
        }
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.headers_mut().append(n, v);
        }
    }
    response
}

async fn send(upstream: &Upstream, identity: &str, forward: &Forward) -> Reply {
    let Some(client) = upstream
        .clients
        .get(identity)
        .or_else(|| upstream.clients.get(""))
    else {
        return Reply {
            status: 502,
            headers: Vec::new(),
            body: b"proxy: no client".to_vec(),
        };
    };
    let method =
        reqwest::Method::from_bytes(forward.method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let mut builder = client.request(method, format!("{}{}", upstream.origin, forward.path));
    for (name, value) in &forward.headers {
        if name == "host" || name == "content-length" || name == "connection" {
            continue;
        }
        builder = builder.header(name, value);
    }
    if !forward.body.is_empty() {
        builder = builder.body(forward.body.clone());
    }
    // One retry when the connection itself failed (a pooled connection the node had just closed),
    // so the proxy does not invent a 502 the node never gave.
    let first = match builder.try_clone() {
        Some(retry) => match builder.send().await {
            Err(e) if e.is_request() || e.is_connect() => retry.send().await,
            other => other,
        },
        None => builder.send().await,
    };
    match first {
        Ok(response) => {
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        v.to_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            let body = response
                .bytes()
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default();
            Reply {
                status,
                headers,
                body,
            }
        }
        Err(e) => Reply {
            status: 502,
            headers: Vec::new(),
            body: format!("proxy: {e}").into_bytes(),
        },
    }
}
