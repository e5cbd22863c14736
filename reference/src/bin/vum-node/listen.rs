//! What both roles' servers take on the command line: where to listen, mutual TLS, the
//! participant registry, the rate limit; and serving until Ctrl-C.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use vum_reference::server::deelnemers::Participants;
use vum_reference::server::limit::Limits;
use vum_reference::server::tls::{self, TlsSettings};

/// Listening and mutual TLS.
#[derive(Debug, clap::Args)]
pub(crate) struct ListenArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub(crate) listen: SocketAddr,
    /// Days the processing log keeps a record; older records are removed at start and hourly
    /// (AV-PRIV-008).
    #[arg(long, default_value_t = vum_reference::server::bewaartermijn::STANDAARD_DAGEN, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) bewaartermijn: u32,
    /// Serve mutual TLS only (needs --pki, or --cert, --key, --ca and --participants).
    #[arg(long)]
    pub(crate) tls: bool,
    /// A directory written by `vum-node dev-pki`.
    #[arg(long, requires = "tls")]
    pub(crate) pki: Option<PathBuf>,
    /// Server certificate chain (PEM).
    #[arg(long, requires = "tls")]
    cert: Option<PathBuf>,
    /// Server private key (PEM).
    #[arg(long, requires = "tls")]
    key: Option<PathBuf>,
    /// Trust anchor for client certificates (PEM).
    #[arg(long, requires = "tls")]
    ca: Option<PathBuf>,
    /// Participants file (TOML: oin, naam, rol, suwi): whom the node knows (default with --tls:
    /// deelnemers.toml of --pki).
    #[arg(long)]
    pub(crate) participants: Option<PathBuf>,
    /// Requests per second per caller (0: no limit; the role's default otherwise).
    #[arg(long)]
    rate_limit: Option<f64>,
}

impl ListenArgs {
    /// The limits: the role's default, with the rate of the flag (0: none).
    pub(crate) fn keep_retention(
        &self,
        database: std::sync::Arc<vum_reference::server::database::Database>,
    ) -> Result<()> {
        let removed = vum_reference::server::bewaartermijn::bewaak(database, self.bewaartermijn)?;
        if removed > 0 {
            eprintln!(
                "bewaartermijn: {removed} logrecords ouder dan {} dagen verwijderd",
                self.bewaartermijn
            );
        }
        Ok(())
    }

    pub(crate) fn limits(&self, default_rate: f64) -> Limits {
        let per_second = self.rate_limit.unwrap_or(default_rate);
        let mut limits = Limits::with_rate(per_second);
        if per_second <= 0.0 {
            limits.rate = None;
        }
        limits
    }

    /// A TLS file: the explicit one, or the file of the `dev-pki` directory.
    pub(crate) fn pki_file(&self, explicit: Option<&PathBuf>, name: &str) -> Result<PathBuf> {
        match (explicit, &self.pki) {
            (Some(path), _) => Ok(path.clone()),
            (None, Some(dir)) => Ok(dir.join(name)),
            (None, None) => bail!("--tls needs --pki DIR or an explicit file for {name}"),
        }
    }

    /// The server's TLS settings, with `--tls`.
    pub(crate) fn tls_settings(&self) -> Result<Option<TlsSettings>> {
        if !self.tls {
            return Ok(None);
        }
        Ok(Some(TlsSettings::from_pem(
            &read(&self.pki_file(self.cert.as_ref(), "server.pem")?)?,
            &read(&self.pki_file(self.key.as_ref(), "server.key")?)?,
            &read(&self.pki_file(self.ca.as_ref(), "ca.pem")?)?,
        )?))
    }

    /// The participant registry: `--participants`, or with `--tls` the one of `--pki`.
    pub(crate) fn registry(&self) -> Result<Option<Participants>> {
        let path = match (&self.participants, self.tls) {
            (Some(path), _) => path.clone(),
            (None, true) => self.pki_file(None, "deelnemers.toml")?,
            (None, false) => return Ok(None),
        };
        Participants::parse(&read(&path)?)
            .map(Some)
            .with_context(|| format!("reading {}", path.display()))
    }

    /// Serves `router` until Ctrl-C: mutual TLS with `--tls`, plain HTTP without.
    pub(crate) fn serve(&self, router: axum::Router, what: &str) -> Result<()> {
        let settings = self.tls_settings()?;
        let address = self.listen;
        let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("binding {address}"))?;
            let address = listener.local_addr()?;
            let scheme = if settings.is_some() {
                "https (mutual TLS)"
            } else {
                "http"
            };
            println!("vum-node: {what}; listening on {scheme} {address}, API at /api/v3");
            io::stdout().flush().ok();
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            match settings {
                Some(settings) => tls::serve(listener, router, settings, shutdown).await?,
                None => {
                    axum::serve(listener, router)
                        .with_graceful_shutdown(shutdown)
                        .await?;
                }
            }
            println!("vum-node: stopped");
            anyhow::Ok(())
        })
    }
}

/// A text file, with its name in the error.
pub(crate) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}
