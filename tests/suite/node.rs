//! A reference node on 127.0.0.1:0, loaded with the certification test set.

use std::net::SocketAddr;

use vum_reference::store::Store;
use vum_reference::{Node, NodeConfig};

/// Starts a node in the background; returns its address.
pub(crate) async fn start(config: NodeConfig) -> SocketAddr {
    let node = Node::new(config, Store::in_memory().unwrap()).unwrap();
    node.load_certification_test_set().unwrap();
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
