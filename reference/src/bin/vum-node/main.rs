//! `vum-node`: the VUM reference node, in the source role (`vum-node bron`) or the exchange role
//! (`vum-node uitwisseling`), with the tools around them.

mod bron;
mod listen;
mod uitwisseling;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use vum_reference::bron::import::{self, ImportError};
use vum_reference::bron::store::Store;
use vum_reference::bron::{Bron, BronConfig};
use vum_reference::pki::DevPki;
use vum_reference::server::database::Database;
use vum_spec::Kind;

/// The VUM reference node, interface 3.0.0: a source (bron) of job seekers and vacancies, or the
/// exchange (uitwisselingsvoorziening) in front of several sources.
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
    /// nothing.
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
    /// Write a test PKI (root, intermediate, server and client certificates, participants).
    DevPki {
        /// Directory to write to.
        dir: PathBuf,
    },
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

fn import_file(db: &Path, kind: Kind, input: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let text =
        std::fs::read_to_string(input).with_context(|| format!("reading {}", input.display()))?;
    let prepared = match import::prepare(kind, &text) {
        Ok(prepared) => prepared,
        Err(error @ ImportError::Invalid { .. }) => {
            eprintln!("{}: {error}", input.display());
            return Ok(ExitCode::from(1));
        }
        Err(error) => return Err(error).with_context(|| format!("importing {}", input.display())),
    };
    let store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let bron = Bron::new(BronConfig::default(), store)?;
    let report = bron.import(kind, &prepared)?;
    println!(
        "{}: imported {} {} ({} new, {} replaced, {} without a location) in {:.2} s",
        input.display(),
        report.records,
        kind.name(),
        report.new,
        report.records - report.new,
        report.not_findable,
        started.elapsed().as_secs_f64()
    );
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
