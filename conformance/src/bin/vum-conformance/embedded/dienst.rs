//! A reference node of the demo, served over mutual TLS on 127.0.0.1 by a runtime of its own
//! until it is stopped.

use anyhow::{Context, Result};
use axum::Router;
use vum_reference::server::listener;
use vum_reference::server::tls::TlsSettings;

/// A node being served.
pub(crate) struct Dienst {
    runtime: tokio::runtime::Runtime,
    port: u16,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<Result<(), vum_reference::server::tls::TlsError>>,
}

impl Dienst {
    /// Serves `router` with `settings` on a free port of 127.0.0.1.
    pub(crate) fn start(router: Router, settings: TlsSettings) -> Result<Self> {
        let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
        let (listener, port) = runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .context("binding 127.0.0.1")?;
            let port = listener.local_addr()?.port();
            anyhow::Ok((listener, port))
        })?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = runtime.spawn(listener::serve_tls(listener, router, settings, async {
            let _ = stopped.await;
        }));
        Ok(Self {
            runtime,
            port,
            stop,
            server,
        })
    }

    /// Its port.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Stops serving and waits for the server to end.
    pub(crate) fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.runtime.block_on(self.server);
    }
}
