//! `vum-node`: the VUM reference node (source role).

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use vum_reference::config::{NodeConfig, Participants, RateLimit};
use vum_reference::import::{self, ImportError};
use vum_reference::node::Node;
use vum_reference::pki::DevPki;
use vum_reference::store::{Kind, Store};
use vum_reference::tls::{self, TlsSettings};

/// The VUM reference node: a source (bron) for job seekers and vacancies, interface 3.0.0.
#[derive(Debug, Parser)]
#[command(name = "vum-node", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum KindArg {
    Werkzoekende,
    Vacature,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import profiles (JSON array or NDJSON, detail format) into the database, all or nothing.
    Import {
        /// The database file (created if needed).
        #[arg(long)]
        db: PathBuf,
        /// What the file holds.
        #[arg(long, value_enum)]
        kind: KindArg,
        /// The input file.
        input: PathBuf,
    },
    /// Serve the API under /api/v3.
    Serve(ServeArgs),
    /// Write a test PKI (root, intermediate, server and client certificates, participants).
    DevPki {
        /// Directory to write to.
        dir: PathBuf,
    },
    /// Print the processing log.
    Audit {
        /// The database file.
        #[arg(long)]
        db: PathBuf,
        /// Only records from this time on (RFC 3339, e.g. 2026-11-22T10:00:00Z).
        #[arg(long)]
        since: Option<String>,
        /// Only records involving this OIN (requesting controller, processor or certificate).
        #[arg(long)]
        oin: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The database file.
    #[arg(long, required_unless_present = "demo", conflicts_with = "demo")]
    db: Option<PathBuf>,
    /// An in-memory database loaded with the certification test set.
    #[arg(long)]
    demo: bool,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Serve mutual TLS only (needs --pki, or --cert, --key, --ca and --participants).
    #[arg(long)]
    tls: bool,
    /// A directory written by `vum-node dev-pki`.
    #[arg(long, requires = "tls")]
    pki: Option<PathBuf>,
    /// Server certificate chain (PEM).
    #[arg(long, requires = "tls")]
    cert: Option<PathBuf>,
    /// Server private key (PEM).
    #[arg(long, requires = "tls")]
    key: Option<PathBuf>,
    /// Trust anchor for client certificates (PEM).
    #[arg(long, requires = "tls")]
    ca: Option<PathBuf>,
    /// Participants file (TOML: oin, naam, rol).
    #[arg(long, requires = "tls")]
    participants: Option<PathBuf>,
    /// OIN of this source's controller.
    #[arg(long)]
    controller_oin: Option<String>,
    /// OIN of this source's processor.
    #[arg(long)]
    processor_oin: Option<String>,
    /// At most this many matches per question.
    #[arg(long, default_value_t = 100)]
    max_results: usize,
    /// Requests per second per caller (0: no limit).
    #[arg(long, default_value_t = 200.0)]
    rate_limit: f64,
    /// A field withheld from callers outside SUWI (repeatable; default indicatieLdrRegistratie).
    #[arg(long = "suwi-only")]
    suwi_only: Vec<String>,
    /// Start in maintenance mode: every API request gets 503.
    #[arg(long)]
    maintenance: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Import { db, kind, input } => import_file(&db, kind, &input),
        Command::Serve(args) => serve(&args),
        Command::DevPki { dir } => dev_pki(&dir),
        Command::Audit { db, since, oin } => audit(&db, since.as_deref(), oin.as_deref()),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("vum-node: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn kind(arg: KindArg) -> Kind {
    match arg {
        KindArg::Werkzoekende => Kind::Werkzoekende,
        KindArg::Vacature => Kind::Vacature,
    }
}

fn import_file(db: &Path, kind_arg: KindArg, input: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let text =
        std::fs::read_to_string(input).with_context(|| format!("reading {}", input.display()))?;
    let prepared = match import::prepare(kind(kind_arg), &text) {
        Ok(prepared) => prepared,
        Err(error @ ImportError::Invalid { .. }) => {
            eprintln!("{}: {error}", input.display());
            return Ok(ExitCode::from(1));
        }
        Err(error) => return Err(error).with_context(|| format!("importing {}", input.display())),
    };
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let node = Node::new(NodeConfig::default(), store)?;
    let report = node.import(kind(kind_arg), &prepared)?;
    println!(
        "{}: imported {} {} ({} new, {} replaced, {} without a location) in {:.2} s",
        input.display(),
        report.records,
        kind(kind_arg).name(),
        report.new,
        report.records - report.new,
        report.not_findable,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn serve(args: &ServeArgs) -> Result<ExitCode> {
    let mut config = NodeConfig {
        max_results: args.max_results,
        ..NodeConfig::default()
    };
    if let Some(oin) = &args.controller_oin {
        config.controller_oin = oin
            .parse()
            .with_context(|| format!("--controller-oin {oin}"))?;
    }
    if let Some(oin) = &args.processor_oin {
        config.processor_oin = oin
            .parse()
            .with_context(|| format!("--processor-oin {oin}"))?;
    }
    config.rate_limit = (args.rate_limit > 0.0).then_some(RateLimit {
        per_second: args.rate_limit,
        burst: args.rate_limit * 2.0,
    });
    if !args.suwi_only.is_empty() {
        config.suwi_only_fields = args.suwi_only.clone();
    }
    let tls_settings = if args.tls {
        let file = |explicit: &Option<PathBuf>, name: &str| -> Result<PathBuf> {
            match (explicit, &args.pki) {
                (Some(path), _) => Ok(path.clone()),
                (None, Some(dir)) => Ok(dir.join(name)),
                (None, None) => bail!("--tls needs --pki DIR or an explicit file for {name}"),
            }
        };
        let participants = file(&args.participants, "deelnemers.toml")?;
        config.participants = Some(
            Participants::parse(&read(&participants)?)
                .with_context(|| format!("reading {}", participants.display()))?,
        );
        Some(TlsSettings::from_pem(
            &read(&file(&args.cert, "server.pem")?)?,
            &read(&file(&args.key, "server.key")?)?,
            &read(&file(&args.ca, "ca.pem")?)?,
        )?)
    } else {
        None
    };
    let store = match &args.db {
        Some(db) => Store::open(db).with_context(|| format!("opening {}", db.display()))?,
        None => Store::in_memory()?,
    };
    let node = Node::new(config, store)?;
    if args.demo {
        node.load_certification_test_set()?;
    }
    node.set_maintenance(args.maintenance);
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen).await.with_context(|| format!("binding {}", args.listen))?;
        let address = listener.local_addr()?;
        let (werkzoekenden, vacatures) = node.index().sizes();
        let scheme = if tls_settings.is_some() { "https (mutual TLS)" } else { "http" };
        println!("vum-node: {werkzoekenden} werkzoekenden, {vacatures} vacatures; listening on {scheme} {address}, API at /api/v3");
        io::stdout().flush().ok();
        let router = vum_reference::router(node);
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match tls_settings {
            Some(settings) => tls::serve(listener, router, settings, shutdown).await?,
            None => axum::serve(listener, router).with_graceful_shutdown(shutdown).await?,
        }
        println!("vum-node: stopped");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

fn dev_pki(dir: &Path) -> Result<ExitCode> {
    let written = DevPki::generate()?.write(dir)?;
    println!("test PKI in {}: {}", dir.display(), written.join(", "));
    Ok(ExitCode::SUCCESS)
}

fn audit(db: &Path, since: Option<&str>, oin: Option<&str>) -> Result<ExitCode> {
    if let Some(since) = since {
        time::OffsetDateTime::parse(since, &time::format_description::well_known::Rfc3339)
            .with_context(|| {
                format!("--since {since} is not an RFC 3339 time such as 2026-11-22T10:00:00Z")
            })?;
    }
    if !db.exists() {
        bail!("{} does not exist", db.display());
    }
    let since = since.map(|s| {
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .ok()
            .and_then(|t| {
                t.to_offset(time::UtcOffset::UTC)
                    .format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| s.to_owned())
    });
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let records = store.audit(since.as_deref(), oin)?;
    let mut out = io::stdout().lock();
    for r in &records {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
        let line = writeln!(
            out,
            "{}\t{}\t{}\t{}\tfrom={}\tvia={}\tcert={}\tbetrokkene={}\t{}",
            r.volgnummer,
            r.tijd,
            r.trace_id,
            r.operatie,
            show(&r.from_party),
            show(&r.via_party),
            show(&r.certificaat_oin),
            show(&r.betrokkene),
            r.uitkomst
        );
        if line.is_err() {
            return Ok(ExitCode::from(141));
        }
    }
    let _ = writeln!(out, "{} records", records.len());
    Ok(ExitCode::SUCCESS)
}
