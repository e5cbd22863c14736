//! `vum-conformance`: run the connection conditions against a VUM source.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use vum_conformance::features;
use vum_conformance::run::RunOptions;
use vum_conformance::target::Target;
use vum_spec::requirements::{Niveau, Verificatie};

/// Conformance harness for VUM 3.0.0 sources.
#[derive(Debug, Parser)]
#[command(name = "vum-conformance", version)]
struct Cli {
    /// Without a command: certify an embedded reference node over mutual TLS (a demo of the whole
    /// chain), writing the reports to ./vum-conformance-report/.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the features against a source and write the reports.
    Run(Box<RunArgs>),
    /// List requirements × scenarios (coverage) without running anything.
    List {
        /// The features directory.
        #[arg(long, default_value_os_t = default_features())]
        features: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// Base URL of the source's API, e.g. http://127.0.0.1:8080/api/v3.
    #[arg(long)]
    target: String,
    /// Client certificate chain (PEM) for mutual TLS.
    #[arg(long, requires = "client_key")]
    client_cert: Option<PathBuf>,
    /// Its private key (PEM).
    #[arg(long, requires = "client_cert")]
    client_key: Option<PathBuf>,
    /// Trust anchor for the source's server certificate (PEM).
    #[arg(long)]
    ca: Option<PathBuf>,
    /// A test PKI directory (`vum-node dev-pki`): runs the security scenarios too.
    #[arg(long)]
    pki: Option<PathBuf>,
    /// OIN of the asking controller (X-VUM-fromParty).
    #[arg(long, default_value = vum_spec::testdata::oins::BEMIDDELAAR)]
    from_party: String,
    /// OIN of the source's controller (X-VUM-toParty).
    #[arg(long, default_value = vum_spec::testdata::oins::BRON)]
    to_party: String,
    /// OIN of the source's processor (X-VUM-viaParty).
    #[arg(long, default_value = vum_spec::testdata::oins::BRON_VERWERKER)]
    via_party: String,
    /// Only scenarios matching this tag expression, e.g. '@must and not @tls'.
    #[arg(long)]
    tags: Option<String>,
    /// Directory for report.json, junit.xml and report.html.
    #[arg(long, default_value = "vum-conformance-report")]
    report_dir: PathBuf,
    /// Scenarios run at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// The features directory.
    #[arg(long, default_value_os_t = default_features())]
    features: PathBuf,
}

fn default_features() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../features")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Some(Command::Run(args)) => run(&args),
        Some(Command::List { features }) => list(&features),
        None => embedded(),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("vum-conformance: {error:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "embedded-node")]
mod embedded;

#[cfg(feature = "embedded-node")]
fn embedded() -> Result<u8> {
    embedded::certify(&default_features(), Path::new("vum-conformance-report"))
}

#[cfg(not(feature = "embedded-node"))]
fn embedded() -> Result<u8> {
    anyhow::bail!(
        "built without the embedded reference node; use `vum-conformance run --target URL`"
    )
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn run(args: &RunArgs) -> Result<u8> {
    let mut target = Target::new(&args.target);
    target.from_party.clone_from(&args.from_party);
    target.to_party.clone_from(&args.to_party);
    target.via_party.clone_from(&args.via_party);
    if let (Some(cert), Some(key)) = (&args.client_cert, &args.client_key) {
        target.identity = Some((read(cert)?, read(key)?));
    }
    if let Some(ca) = &args.ca {
        target.ca_pem = Some(read(ca)?);
    }
    if let Some(pki) = &args.pki {
        if target.identity.is_none() {
            target.identity = Some((
                read(&pki.join("uitwisseling.pem"))?,
                read(&pki.join("uitwisseling.key"))?,
            ));
        }
        target.pki = Some(pki.clone());
    }
    target.timeout = Duration::from_secs(15);
    println!(
        "vum-conformance {}: {} (VUM {})",
        env!("CARGO_PKG_VERSION"),
        target.base_url,
        vum_spec::VERSION
    );
    let options = RunOptions {
        target,
        features: args.features.clone(),
        tags: args.tags.clone(),
        concurrency: args.concurrency,
        progress: true,
    };
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let result = runtime.block_on(vum_conformance::run(options))?;
    let written = vum_conformance::report::write_all(&result, &args.report_dir)
        .with_context(|| format!("writing the reports to {}", args.report_dir.display()))?;
    print!("{}", vum_conformance::report::console(&result));
    println!(
        "reports: {}",
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(result.exit_code())
}

fn list(dir: &Path) -> Result<u8> {
    let catalogue = vum_spec::requirements::catalogue()?;
    let scenarios = features::load(dir)?;
    let coverage = features::coverage(&scenarios, &catalogue);
    println!("| eis | niveau | verificatie | scenario's | titel |\n|---|---|---|---|---|");
    for eis in &catalogue {
        let count = coverage.by_requirement.get(&eis.id).map_or(0, Vec::len);
        let verificatie = match eis.verificatie {
            Verificatie::Scenario => "scenario",
            Verificatie::Verklaring => "verklaring",
        };
        let marker =
            if count == 0 && eis.niveau == Niveau::Must && eis.verificatie == Verificatie::Scenario
            {
                " NIET GEDEKT"
            } else {
                ""
            };
        println!(
            "| {} | {} | {verificatie} | {count}{marker} | {} |",
            eis.id, eis.niveau, eis.titel
        );
    }
    let runs: usize = scenarios.iter().map(|s| s.runs).sum();
    println!(
        "\n{} requirements, {} scenarios ({runs} runs with all examples)",
        catalogue.len(),
        scenarios.len()
    );
    for id in &coverage.uncovered {
        println!("uncovered MUST requirement: {id}");
    }
    for (scenario, tag) in &coverage.unknown_tags {
        println!("unknown requirement {tag} in {scenario}");
    }
    for scenario in &coverage.untagged {
        println!("scenario without requirement, level or role tag: {scenario}");
    }
    for (scenario, tag) in &coverage.declaration_scenarios {
        println!("scenario for {tag}, which is verified by declaration: {scenario}");
    }
    Ok(if coverage.is_complete() { 0 } else { 1 })
}
