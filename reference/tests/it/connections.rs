//! Connections under hostile clients, on loopback: idle, trickling and HTTP/0.9 connections are
//! closed, before and after a TLS handshake; one address cannot take every connection.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use vum_reference::pki::DevPki;
use vum_reference::server::limit::ConnectionLimits;

use crate::support::{WZ, serve, vum_headers};

/// Short timeouts, so that a test sees them; a high cap, so that only the timeouts act.
fn quick() -> ConnectionLimits {
    ConnectionLimits {
        max: 4096,
        max_per_address: 4096,
        header_read_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(1),
    }
}

/// A TCP connection to `address` from the loopback address `from` (127.0.0.x).
async fn connect_from(from: [u8; 4], address: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(IpAddr::from(from), 0)).unwrap();
    socket.connect(address).await.unwrap()
}

/// Whether the node closes the connection within `within` (reading whatever it sends first).
async fn closed_within<S: tokio::io::AsyncRead + Unpin>(stream: &mut S, within: Duration) -> bool {
    let mut buffer = [0u8; 4096];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test]
async fn idle_trickling_and_http_0_9_connections_are_closed() {
    let address = serve(quick(), None).await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..300 {
        tasks.spawn(async move {
            let mut tcp = TcpStream::connect(address).await.unwrap();
            let what = match n % 3 {
                0 => "idle",
                1 => {
                    tcp.write_all(b"GET /\r\n").await.unwrap();
                    "HTTP/0.9"
                }
                _ => {
                    tcp.write_all(b"POST /api/v3/werkzoekendeProfielen/matches HTTP/1.1\r\nHost: x\r\nX-Trage: ")
                        .await
                        .unwrap();
                    // One byte every 200 ms: the head is never finished.
                    let (mut reader, mut writer) = tcp.into_split();
                    let trickle = tokio::spawn(async move {
                        while writer.write_all(b"a").await.is_ok() {
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                    });
                    let closed = closed_within(&mut reader, Duration::from_secs(10)).await;
                    trickle.abort();
                    return ("trickling", closed);
                }
            };
            (what, closed_within(&mut tcp, Duration::from_secs(10)).await)
        });
    }
    let mut open = Vec::new();
    while let Some(outcome) = tasks.join_next().await {
        let (what, closed) = outcome.unwrap();
        if !closed {
            open.push(what);
        }
    }
    assert!(open.is_empty(), "still open after 10 s: {open:?}");
}

#[tokio::test]
async fn after_the_tls_handshake_idle_connections_are_closed_and_so_is_a_silent_one_before_it() {
    let pki = DevPki::generate().unwrap();
    let address = serve(quick(), Some(&pki)).await;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut roots = rustls::RootCertStore::empty();
    for ca in rustls::pki_types::CertificateDer::pem_slice_iter(pki.ca_pem.as_bytes()) {
        roots.add(ca.unwrap()).unwrap();
    }
    let config = std::sync::Arc::new(
        rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    );
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let connector = tokio_rustls::TlsConnector::from(std::sync::Arc::clone(&config));
        tasks.spawn(async move {
            let tcp = TcpStream::connect(address).await.unwrap();
            let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
            // No client certificate is needed for the handshake.
            let mut tls = connector.connect(name, tcp).await.unwrap();
            closed_within(&mut tls, Duration::from_secs(10)).await
        });
    }
    let mut silent = TcpStream::connect(address).await.unwrap();
    assert!(
        closed_within(&mut silent, Duration::from_secs(10)).await,
        "a connection that never starts the handshake"
    );
    while let Some(closed) = tasks.join_next().await {
        assert!(
            closed.unwrap(),
            "an idle TLS connection still open after 10 s"
        );
    }
}

#[tokio::test]
async fn one_address_cannot_take_every_connection() {
    let limits = ConnectionLimits {
        max: 40,
        max_per_address: 10,
        // Long enough that nothing is closed for idleness during the test.
        idle_timeout: Duration::from_secs(60),
        header_read_timeout: Duration::from_secs(60),
    };
    let address = serve(limits, None).await;
    // A flood from 127.0.0.1: the node keeps 10 and closes the rest at once.
    let mut flood = Vec::new();
    for _ in 0..300 {
        flood.push(connect_from([127, 0, 0, 1], address).await);
    }
    let mut held = 0;
    for tcp in &mut flood {
        if !closed_within(tcp, Duration::from_millis(200)).await {
            held += 1;
        }
    }
    assert_eq!(
        held, 10,
        "connections the node kept from the flooding address"
    );
    // A normal client elsewhere is answered.
    let client = reqwest::Client::builder()
        .local_address(IpAddr::from([127, 0, 0, 2]))
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut request = client
        .post(format!("http://{address}{WZ}"))
        .json(&json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}}));
    for (name, value) in vum_headers() {
        request = request.header(name, value);
    }
    assert_eq!(request.send().await.unwrap().status(), 200);
    // With the client's pooled connection, three more addresses fill the node to its cap of 40;
    // the next address is refused.
    let mut others = Vec::new();
    for (from, count) in [(3, 10), (4, 10), (5, 9)] {
        for _ in 0..count {
            others.push(connect_from([127, 0, 0, from], address).await);
        }
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut late = connect_from([127, 0, 0, 6], address).await;
    assert!(
        closed_within(&mut late, Duration::from_secs(5)).await,
        "the cap in all holds"
    );
    drop((flood, others, client));
}
