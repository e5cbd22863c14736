//! A reference node on 127.0.0.1:0, loaded with the certification test set.

use std::net::SocketAddr;

use vum_reference::store::{Kind, Store};
use vum_reference::{Node, NodeConfig};

/// Starts a node in the background; returns its address.
pub(crate) async fn start(config: NodeConfig) -> SocketAddr {
    let node = Node::new(config, Store::in_memory().unwrap()).unwrap();
    for (kind, text) in [
        (
            Kind::Werkzoekende,
            vum_spec::testdata::committed_werkzoekenden().unwrap(),
        ),
        (
            Kind::Vacature,
            vum_spec::testdata::committed_vacatures().unwrap(),
        ),
    ] {
        node.import(kind, &vum_reference::import::prepare(kind, text).unwrap())
            .unwrap();
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = vum_reference::router(node);
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

/// The features directory of the workspace.
pub(crate) fn features() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../features")
}
