//! What both roles' servers take on the command line: where to listen, mutual TLS, the
//! participant registry, the limits; and serving until Ctrl-C.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use vum_reference::server::deelnemers::Participants;
use vum_reference::server::limit::{Limits, RateLimit};
use vum_reference::server::listener;
use vum_reference::server::tls::TlsSettings;

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
    /// Also serve the `concept` versions of the registry (`vum-spec versies`), e.g. 3.1.0, next
    /// to the active ones. Never in production: a concept version is not certified.
    #[arg(long)]
    pub(crate) concept: bool,
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
    /// Refused (401) requests per second per client address that are answered 401 and logged
    /// one by one, in bursts of 25 times that; beyond it 429 and one aggregated log record
    /// (0: no limit).
    #[arg(long, default_value_t = 2.0)]
    refusal_limit: f64,
    /// Open connections in all.
    #[arg(long, default_value_t = 1024)]
    max_connections: usize,
    /// Open connections per client IP address.
    #[arg(long, default_value_t = 256)]
    max_connections_per_address: usize,
    /// Seconds from the first byte of a request head (or TLS handshake) to its end.
    #[arg(long, default_value = "10", value_parser = seconds)]
    header_read_timeout: Duration,
    /// Seconds a connection may stay open with no request in progress and no traffic.
    #[arg(long, default_value = "30", value_parser = seconds)]
    idle_timeout: Duration,
    /// Seconds a request may take, its body included (the exchange: at most its slowest source's
    /// deadline + 1 s).
    #[arg(long, default_value = "10", value_parser = seconds)]
    request_deadline: Duration,
}

/// A positive number of seconds (fractions allowed).
fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s < 1e9 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!("{text} is not a positive number of seconds")),
    }
}

impl ListenArgs {
    /// Enforces the retention period of the processing log now and hourly.
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

    /// The limits of the flags, with the role's default rate per caller (0: none).
    pub(crate) fn limits(&self, default_rate: f64) -> Result<Limits> {
        if self.max_connections == 0 || self.max_connections_per_address == 0 {
            bail!("--max-connections and --max-connections-per-address must be at least 1");
        }
        let per_second = self.rate_limit.unwrap_or(default_rate);
        let mut limits = Limits::with_rate(per_second);
        if per_second <= 0.0 {
            limits.rate = None;
        }
        limits.refusals = (self.refusal_limit > 0.0).then_some(RateLimit {
            per_second: self.refusal_limit,
            burst: self.refusal_limit * 25.0,
        });
        limits.connections.max = self.max_connections;
        limits.connections.max_per_address = self.max_connections_per_address;
        limits.connections.header_read_timeout = self.header_read_timeout;
        limits.connections.idle_timeout = self.idle_timeout;
        limits.request_deadline = self.request_deadline;
        Ok(limits)
    }

    /// A TLS file: the explicit one, or the file of the `dev-pki` directory.
    pub(crate) fn pki_file(&self, explicit: Option<&PathBuf>, name: &str) -> Result<PathBuf> {
        match (explicit, &self.pki) {
            (Some(path), _) => Ok(path.clone()),
            (None, Some(dir)) => Ok(dir.join(name)),
            (None, None) => bail!("--tls needs --pki DIR or an explicit file for {name}"),
        }
    }

    /// The server's TLS settings, with `--tls`: `--cert`/`--key`, or the `stem` files of `--pki`
    /// (`server` for a source, `uitwisseling-server` for the exchange).
    pub(crate) fn tls_settings(&self, stem: &str) -> Result<Option<TlsSettings>> {
        if !self.tls {
            return Ok(None);
        }
        Ok(Some(TlsSettings::from_pem(
            &read(&self.pki_file(self.cert.as_ref(), &format!("{stem}.pem"))?)?,
            &read(&self.pki_file(self.key.as_ref(), &format!("{stem}.key"))?)?,
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

    /// Serves `router` within `limits` until Ctrl-C: mutual TLS with `--tls`, plain HTTP without.
    pub(crate) fn serve(
        &self,
        router: axum::Router,
        what: &str,
        limits: &Limits,
        stem: &str,
    ) -> Result<()> {
        let limits = *limits;
        let settings = self.tls_settings(stem)?;
        let address = self.listen;
        let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
        runtime.block_on(async move {
            let listener = bind(address).with_context(|| format!("binding {address}"))?;
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
            listener::serve(
                listener,
                router,
                settings,
                limits.connections,
                limits.request_deadline,
                shutdown,
            )
            .await?;
            println!("vum-node: stopped");
            anyhow::Ok(())
        })
    }
}

/// A listening socket with a backlog of 1024 (the default 128 overflows under a burst of
/// connections, and the kernel then leaves the overflow half-open).
fn bind(address: SocketAddr) -> io::Result<tokio::net::TcpListener> {
    let socket = match address {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(1024)
}

/// A text file, with its name in the error.
pub(crate) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}
