//! HTTP/1.1 on a real socket as the node reads it: a request without `Host` is 400, a URI or a
//! header section that is too large is 414 or 431, each with the contract's error body; a body
//! shorter than its `Content-Length` is the client's fault, not the node's.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use vum_reference::BronConfig;
use vum_reference::server::limit::ConnectionLimits;
use vum_spec::Message;

use crate::support::{TestNode, WZ, serve, serve_router, vum_headers};

/// An answer read off the socket.
#[derive(Debug)]
struct Raw {
    status: u16,
    head: String,
    body: String,
}

impl Raw {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not a JSON body ({e}): {}\n{}", self.head, self.body))
    }

    /// The error body, checked against the contract's error schema.
    fn error_code(&self) -> String {
        let body = self.json();
        let errors = vum_spec::validate::violations(Message::Error, &body).unwrap();
        assert!(errors.is_empty(), "{errors:?}: {}", self.body);
        assert!(
            self.head
                .to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{}",
            self.head
        );
        body["code"].as_str().unwrap().to_owned()
    }
}

/// Sends `request` as is and reads the answer until the node closes the connection.
async fn send(address: SocketAddr, request: &[u8]) -> Raw {
    let mut tcp = TcpStream::connect(address).await.unwrap();
    tcp.write_all(request).await.unwrap();
    let mut bytes = Vec::new();
    tokio::time::timeout(Duration::from_secs(15), tcp.read_to_end(&mut bytes))
        .await
        .expect("an answer within 15 s")
        .ok();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    Raw {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

fn headers(extra: &str) -> String {
    let mut text: String = vum_headers()
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    text.push_str(extra);
    text
}

fn question() -> &'static str {
    r#"{"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}}"#
}

#[tokio::test]
async fn http_1_1_without_host_is_400_with_an_error_body() {
    let address = serve(ConnectionLimits::default(), None).await;
    let body = question();
    let request = format!(
        "POST {WZ} HTTP/1.1\r\n{}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        headers(""),
        body.len()
    );
    let raw = send(address, request.as_bytes()).await;
    assert_eq!((raw.status, raw.error_code()), (400, "400.01".to_owned()));
    assert!(raw.body.contains("Host"), "{}", raw.body);
    // Two Host lines are as wrong as none.
    let request = format!(
        "GET /api/v3/werkzoekendeProfielen/wz-t01 HTTP/1.1\r\nHost: a\r\nHost: b\r\n{}Connection: close\r\n\r\n",
        headers("")
    );
    let raw = send(address, request.as_bytes()).await;
    assert_eq!((raw.status, raw.error_code()), (400, "400.01".to_owned()));
    // With Host, the same request is answered.
    let request = format!(
        "GET /api/v3/werkzoekendeProfielen/wz-t01 HTTP/1.1\r\nHost: localhost\r\n{}Connection: close\r\n\r\n",
        headers("")
    );
    assert_eq!(send(address, request.as_bytes()).await.status, 200);
}

#[tokio::test]
async fn a_uri_or_header_section_that_is_too_large_is_414_or_431_with_an_error_body() {
    let address = serve(ConnectionLimits::default(), None).await;
    let long = "a".repeat(10_000);
    let request = format!(
        "GET /api/v3/werkzoekendeProfielen/{long} HTTP/1.1\r\nHost: localhost\r\n{}Connection: close\r\n\r\n",
        headers("")
    );
    let raw = send(address, request.as_bytes()).await;
    assert_eq!(raw.status, 414, "{}", raw.head);
    assert_eq!(raw.error_code(), "414.01");
    let many: String = (0..100).map(|n| format!("X-Extra-{n}: {n}\r\n")).collect();
    let request = format!(
        "GET /api/v3/werkzoekendeProfielen/wz-t01 HTTP/1.1\r\nHost: localhost\r\n{}Connection: close\r\n\r\n",
        headers(&many)
    );
    let raw = send(address, request.as_bytes()).await;
    assert_eq!(raw.status, 431, "{}", raw.head);
    assert_eq!(raw.error_code(), "431.01");
    let big = format!("X-Groot: {}\r\n", "b".repeat(20_000));
    let request = format!(
        "GET /api/v3/werkzoekendeProfielen/wz-t01 HTTP/1.1\r\nHost: localhost\r\n{}Connection: close\r\n\r\n",
        headers(&big)
    );
    let raw = send(address, request.as_bytes()).await;
    assert_eq!(raw.status, 431, "{}", raw.head);
    assert_eq!(raw.error_code(), "431.01");
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_is_400_not_a_node_failure() {
    let mut config = BronConfig::default();
    config.limits.request_deadline = Duration::from_secs(1);
    let router = TestNode::with(config).router();
    let address = serve_router(router, ConnectionLimits::default(), None).await;
    let body = question();
    let request = format!(
        "POST {WZ} HTTP/1.1\r\nHost: localhost\r\n{}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        headers(""),
        body.len() + 100,
        body
    );
    let started = Instant::now();
    let raw = send(address, request.as_bytes()).await;
    assert_eq!(
        (raw.status, raw.error_code()),
        (400, "400.01".to_owned()),
        "{}",
        raw.body
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "answered at the request deadline (1 s), took {:?}",
        started.elapsed()
    );
}
