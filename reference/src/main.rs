//! `vum-node`: the VUM reference node (source or exchange role).

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use vum_reference::config::{NodeConfig, Participants, RateLimit};
use vum_reference::import::{self, ImportError};
use vum_reference::node::{Node, Part};
use vum_reference::pki::DevPki;
use vum_reference::store::{Kind, Store};
use vum_reference::tls::{self, TlsSettings};
use vum_reference::uitwisseling::bronnen::{self, Bron, ClientTls};
use vum_reference::uitwisseling::vumid::PseudonymKey;
use vum_reference::uitwisseling::{Exchange, ExchangeConfig};

/// The VUM reference node, interface 3.0.0: a source (bron) of job seekers and vacancies, or the
/// exchange (uitwisselingsvoorziening) in front of several sources.
#[derive(Debug, Parser)]
#[command(name = "vum-node", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum RoleArg {
    /// A source: answers the exchange from its own database.
    #[default]
    Bron,
    /// The exchange: answers mediators by asking every source in its directory.
    Uitwisseling,
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
    Serve(Box<ServeArgs>),
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
    /// The role: a source, or the exchange.
    #[arg(long, value_enum, default_value_t = RoleArg::Bron)]
    role: RoleArg,
    /// The database file (source: profiles and processing log; exchange: processing log only,
    /// in memory when not given).
    #[arg(long, conflicts_with = "demo")]
    db: Option<PathBuf>,
    /// Source: an in-memory database loaded with the certification test set.
    #[arg(long)]
    demo: bool,
    /// Source, with --demo: only part K of N of the test set (e.g. 1/2 and 2/2 for two sources
    /// that hold one half each).
    #[arg(long, requires = "demo")]
    demo_part: Option<Part>,
    /// Exchange: the source directory (TOML: bronID, url, OINs, client certificate, deadline).
    #[arg(long)]
    sources: Option<PathBuf>,
    /// Exchange: a source BRONID=URL with the test set's source OINs (repeatable); http, or https
    /// with --tls --pki (the exchange's test certificate).
    #[arg(long = "source")]
    source: Vec<String>,
    /// Exchange: its OIN (default the test exchange's).
    #[arg(long)]
    oin: Option<String>,
    /// Exchange: at most this many details per question.
    #[arg(long, default_value_t = 10)]
    max_details: usize,
    /// Exchange: file with the 64 hex digits of the pseudonym key (default: a new key per start,
    /// so vumIDs die with the process).
    #[arg(long)]
    pseudonym_key: Option<PathBuf>,
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
    /// Participants file (TOML: oin, naam, rol, suwi). Source: whom it trusts over mutual TLS.
    /// Exchange: the registry of mediators and their SUWI flag (default: the test participants).
    #[arg(long)]
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
    /// Requests per second per caller (0: no limit; default 200 for a source, 50 for the exchange).
    #[arg(long)]
    rate_limit: Option<f64>,
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
        Command::Serve(args) => match args.role {
            RoleArg::Bron => serve(&args),
            RoleArg::Uitwisseling => serve_uitwisseling(&args),
        },
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

fn rate_limit(args: &ServeArgs, default: f64) -> Option<RateLimit> {
    let per_second = args.rate_limit.unwrap_or(default);
    (per_second > 0.0).then_some(RateLimit {
        per_second,
        burst: per_second * 2.0,
    })
}

/// The TLS files: explicit ones, or the files of a `dev-pki` directory.
fn tls_file(args: &ServeArgs, explicit: &Option<PathBuf>, name: &str) -> Result<PathBuf> {
    match (explicit, &args.pki) {
        (Some(path), _) => Ok(path.clone()),
        (None, Some(dir)) => Ok(dir.join(name)),
        (None, None) => bail!("--tls needs --pki DIR or an explicit file for {name}"),
    }
}

fn tls_settings(args: &ServeArgs) -> Result<TlsSettings> {
    Ok(TlsSettings::from_pem(
        &read(&tls_file(args, &args.cert, "server.pem")?)?,
        &read(&tls_file(args, &args.key, "server.key")?)?,
        &read(&tls_file(args, &args.ca, "ca.pem")?)?,
    )?)
}

fn participants(path: &Path) -> Result<Participants> {
    Participants::parse(&read(path)?).with_context(|| format!("reading {}", path.display()))
}

fn serve(args: &ServeArgs) -> Result<ExitCode> {
    if args.db.is_none() && !args.demo {
        bail!("a source needs --db FILE or --demo");
    }
    if !args.source.is_empty() || args.sources.is_some() || args.oin.is_some() {
        bail!("--source, --sources and --oin are for --role uitwisseling");
    }
    if args.participants.is_some() && !args.tls {
        bail!("a source uses --participants only with --tls");
    }
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
    config.rate_limit = rate_limit(args, 200.0);
    if !args.suwi_only.is_empty() {
        config.suwi_only_fields = args.suwi_only.clone();
    }
    let tls_settings = if args.tls {
        config.participants = Some(participants(&tls_file(
            args,
            &args.participants,
            "deelnemers.toml",
        )?)?);
        Some(tls_settings(args)?)
    } else {
        None
    };
    let store = match &args.db {
        Some(db) => Store::open(db).with_context(|| format!("opening {}", db.display()))?,
        None => Store::in_memory()?,
    };
    let node = Node::new(config, store)?;
    if args.demo {
        node.load_certification_test_set_part(args.demo_part.unwrap_or(Part::WHOLE))?;
    }
    node.set_maintenance(args.maintenance);
    let (werkzoekenden, vacatures) = node.index().sizes();
    listen(
        args.listen,
        vum_reference::router(node),
        tls_settings,
        &format!("{werkzoekenden} werkzoekenden, {vacatures} vacatures"),
    )
}

fn serve_uitwisseling(args: &ServeArgs) -> Result<ExitCode> {
    if args.demo {
        bail!("--demo is for --role bron; the exchange holds no profiles");
    }
    if args.controller_oin.is_some()
        || args.processor_oin.is_some()
        || !args.suwi_only.is_empty()
        || args.maintenance
    {
        bail!(
            "--controller-oin, --processor-oin, --suwi-only and --maintenance are for --role bron"
        );
    }
    let mut config = ExchangeConfig {
        tls: args.tls,
        max_details: args.max_details,
        ..ExchangeConfig::default()
    };
    config.rate_limit = rate_limit(args, 50.0);
    if let Some(oin) = &args.oin {
        config.oin = oin.parse().with_context(|| format!("--oin {oin}"))?;
    }
    let registry = match (&args.participants, args.tls) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => Some(tls_file(args, &None, "deelnemers.toml")?),
        (None, false) => None,
    };
    if let Some(path) = registry {
        config.participants = participants(&path)?;
    }
    let client_tls = match &args.pki {
        Some(dir) if args.tls => Some(ClientTls {
            certificate_pem: read(&dir.join("uitwisseling.pem"))?,
            key_pem: read(&dir.join("uitwisseling.key"))?,
            ca_pem: read(&dir.join("ca.pem"))?,
        }),
        _ => None,
    };
    let mut sources: Vec<Bron> = match &args.sources {
        Some(path) => bronnen::read(path)?,
        None => Vec::new(),
    };
    for argument in &args.source {
        let bron = bronnen::from_argument(argument, client_tls.as_ref())?;
        if sources.iter().any(|b| b.bron_id == bron.bron_id) {
            bail!(
                "--source {argument}: bronID {} is given twice",
                bron.bron_id
            );
        }
        sources.push(bron);
    }
    if sources.is_empty() {
        bail!("the exchange has no sources: give --sources FILE or --source BRONID=URL");
    }
    let key = match &args.pseudonym_key {
        Some(path) => PseudonymKey::from_hex(&read(path)?)
            .with_context(|| format!("reading {}", path.display()))?,
        None => PseudonymKey::generate()?,
    };
    let store = match &args.db {
        Some(db) => Store::open(db).with_context(|| format!("opening {}", db.display()))?,
        None => Store::in_memory()?,
    };
    let tls_settings = if args.tls {
        Some(tls_settings(args)?)
    } else {
        None
    };
    let summary = sources
        .iter()
        .map(|b| format!("{} at {}", b.bron_id, b.url))
        .collect::<Vec<_>>()
        .join(", ");
    let exchange = Exchange::new(config, sources, key, store)?;
    listen(
        args.listen,
        vum_reference::uitwisseling::api::router(exchange),
        tls_settings,
        &format!("uitwisselingsvoorziening for {summary}"),
    )
}

/// Serves until Ctrl-C: mutual TLS with `tls`, plain HTTP without.
fn listen(
    address: SocketAddr,
    router: axum::Router,
    tls_settings: Option<TlsSettings>,
    what: &str,
) -> Result<ExitCode> {
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("binding {address}"))?;
        let address = listener.local_addr()?;
        let scheme = if tls_settings.is_some() {
            "https (mutual TLS)"
        } else {
            "http"
        };
        println!("vum-node: {what}; listening on {scheme} {address}, API at /api/v3");
        io::stdout().flush().ok();
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match tls_settings {
            Some(settings) => tls::serve(listener, router, settings, shutdown).await?,
            None => {
                axum::serve(listener, router)
                    .with_graceful_shutdown(shutdown)
                    .await?;
            }
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
