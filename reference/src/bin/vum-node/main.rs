//! `vum-node`: the VUM reference node, in the source role (`vum-node bron`) or the exchange role
//! (`vum-node uitwisseling`), the reference mediator client (`vum-node vraag`, `detail`,
//! `taken`), and the tools around them.

mod bron;
mod klant;
mod kwaliteit;
mod listen;
mod taken;
mod uitwisseling;
mod vraag;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use vum_reference::bron::import::bulk::Progress;
use vum_reference::bron::import::{self, ImportError};
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::database::Database;
use vum_spec::Kind;

/// mimalloc: the import's stages hand records from thread to thread, and glibc's allocator
/// spends a third of the import freeing memory another thread allocated.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The VUM reference node, interface 3.0.0: a source (bron) of job seekers and vacancies, or the
/// exchange (uitwisselingsvoorziening) in front of several sources; and a mediator (bemiddelaar)
/// client that asks an exchange.
///
/// Exit codes of vraag, detail and taken: 0 done; 1 the exchange did not give what was asked
/// (an error answer, no answer after the retries, an answer off contract; for taken: a task not
/// completed); 2 the command is wrong (a flag, a file, the TLS material, the search).
#[derive(Debug, Parser)]
#[command(name = "vum-node", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the source role: answer the exchange from the node's own database.
    Bron(Box<bron::BronArgs>),
    /// Serve the exchange role: answer mediators by asking every source in the directory.
    Uitwisseling(Box<uitwisseling::UitwisselingArgs>),
    /// Import profiles (JSON array or NDJSON, detail format) into a source's database, all or
    /// nothing, in constant memory (progress on stderr for long imports).
    Import {
        /// The database file (created if needed).
        #[arg(long)]
        db: PathBuf,
        /// What the file holds: werkzoekende or vacature.
        #[arg(long)]
        kind: Kind,
        /// The input file.
        input: PathBuf,
    },
    /// Ask an exchange as a mediator: the matches as a table (e.g. `vraag werkzoekenden
    /// --postcode 1791AA --afstand 15 --rijbewijs C --exchange http://127.0.0.1:8080/api/v3`).
    #[command(subcommand)]
    Vraag(vraag::VraagArgs),
    /// Ask an exchange the detail of a vumID from an earlier answer; printed as JSON.
    Detail(Box<vraag::DetailArgs>),
    /// Execute a scripted task file against an exchange, printing every request per task.
    Taken(Box<taken::TakenArgs>),
    /// Write a test PKI (root, intermediate, server and client certificates, participants).
    DevPki {
        /// Directory to write to.
        dir: PathBuf,
    },
    /// Print the data-quality score card (kwaliteitstafel: volledig, betrouwbaar, actueel) of a
    /// source's stored profiles as JSON: aggregates only, for the region's board.
    Kwaliteit(kwaliteit::KwaliteitArgs),
    /// Print the processing log of a source's or the exchange's database.
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Bron(args) => bron::serve(&args).map(|()| ExitCode::SUCCESS),
        Command::Uitwisseling(args) => uitwisseling::serve(&args).map(|()| ExitCode::SUCCESS),
        Command::Import { db, kind, input } => import_file(&db, kind, &input),
        Command::Vraag(args) => vraag::vraag(&args),
        Command::Detail(args) => vraag::detail(&args),
        Command::Taken(args) => taken::taken(&args),
        Command::DevPki { dir } => dev_pki(&dir),
        Command::Audit { db, since, oin } => audit(&db, since.as_deref(), oin.as_deref()),
        Command::Kwaliteit(args) => kwaliteit::kwaliteit(&args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("vum-node: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn import_file(db: &Path, kind: Kind, input: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let file =
        std::fs::File::open(input).with_context(|| format!("reading {}", input.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let store = Store::open_for_import(db).with_context(|| format!("opening {}", db.display()))?;
    let mut last_report = Instant::now();
    let mut progress = |p: Progress| {
        if last_report.elapsed() < Duration::from_secs(5) {
            return;
        }
        last_report = Instant::now();
        let seconds = started.elapsed().as_secs_f64();
        let share = if size > 0 {
            p.bytes as f64 / size as f64
        } else {
            0.0
        };
        let left = if share > 0.0 {
            format!(", about {:.0} s left", seconds * (1.0 - share) / share)
        } else {
            String::new()
        };
        eprintln!(
            "vum-node: {} records read ({:.0}/s), {:.0} % of the file{left}",
            p.records,
            p.records as f64 / seconds,
            share * 100.0
        );
    };
    let report = match import::bulk::import(&store, kind, file, &mut progress) {
        Ok(report) => report,
        Err(error @ ImportError::Invalid { .. }) => {
            eprintln!("{}: {error}", input.display());
            return Ok(ExitCode::from(1));
        }
        Err(error) => return Err(error).with_context(|| format!("importing {}", input.display())),
    };
    // Closing the store writes the transaction into the database file (a WAL checkpoint).
    drop(store);
    let seconds = started.elapsed().as_secs_f64();
    let peak = peak_memory_mib()
        .map(|mib| format!(", peak memory {mib:.0} MiB"))
        .unwrap_or_default();
    println!(
        "{}: imported {} {} ({} new, {} replaced, {} without a location) in {seconds:.2} s ({:.0}/s{peak})",
        input.display(),
        report.records,
        kind.name(),
        report.new,
        report.records - report.new,
        report.not_findable,
        report.records as f64 / seconds.max(1e-9),
    );
    Ok(ExitCode::SUCCESS)
}

/// The most resident memory this process has used, from `/proc/self/status` (Linux).
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
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
    let database =
        Database::open_read_only(db).with_context(|| format!("opening {}", db.display()))?;
    let records = database.audit(since.as_deref(), oin)?;
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
