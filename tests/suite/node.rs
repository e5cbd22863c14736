//! A reference node on 127.0.0.1:0, loaded with the certification test set.

use std::net::SocketAddr;

use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::server::tls;
use vum_reference::{Bron, BronConfig};

/// Starts a node in the background; returns its address.
pub(crate) async fn start(config: BronConfig) -> SocketAddr {
    let node = Bron::new(config, Store::in_memory().unwrap()).unwrap();
    node.load_certification_test_set().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = vum_reference::bron::router(node);
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

/// Starts a node over mutual TLS on 127.0.0.1 that trusts `pki` and its participants; returns
/// its port (reach it as `localhost`, the name in the server certificate).
pub(crate) async fn start_tls(pki: &DevPki) -> u16 {
    let config = BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml).unwrap()),
        ..Default::default()
    };
    let node = Bron::new(config, Store::in_memory().unwrap()).unwrap();
    node.load_certification_test_set().unwrap();
    let settings = pki.server_settings().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(tls::serve(
        listener,
        vum_reference::bron::router(node),
        settings,
        std::future::pending(),
    ));
    port
}

/// The features directory of the workspace.
pub(crate) fn features() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../features")
}

/// A quiet run of every feature against `target`, 8 scenarios at a time.
pub(crate) fn options(target: vum_conformance::Target) -> vum_conformance::RunOptions {
    vum_conformance::RunOptions {
        target,
        features: features(),
        tags: None,
        concurrency: 8,
        progress: false,
    }
}
