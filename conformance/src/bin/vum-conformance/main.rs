//! `vum-conformance`: run the connection conditions against a VUM source.

mod certificaat;
#[cfg(feature = "embedded-node")]
mod embedded;
mod regio;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use vum_conformance::features::{self, FeatureSource};
use vum_conformance::result::conclusion::EXIT_USAGE;
use vum_conformance::run::{RunError, RunOptions};
use vum_conformance::target::{Identity, SpecialCert, Target, TlsMaterial};
use vum_spec::requirements::{Niveau, Verificatie};

const EXIT_CODES: &str = "Exit codes of `run` and of the run without a command:
  0   complete run (every scenario, mutual TLS, every security scenario), every MUST passed
  1   a MUST requirement failed
  2   inconclusive: the pre-flight failed (configuration, reachability, test set), or a MUST
      requirement got only inconclusive verdicts
  3   incomplete: nothing failed, but the run was filtered, not over mutual TLS or without every
      security scenario: not a certification
  64  usage error: bad arguments, unreadable files, a tag expression that matches no scenario";

/// Conformance harness for VUM 3.0.0 sources.
#[derive(Debug, Parser)]
#[command(name = "vum-conformance", version, after_help = EXIT_CODES)]
struct Cli {
    /// Without a command: certify an embedded reference node over mutual TLS (a demo of the whole
    /// chain), writing the reports to ./vum-conformance-report/.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the features against a source and write the reports.
    #[command(after_help = EXIT_CODES)]
    Run(Box<RunArgs>),
    /// List requirements × scenarios (coverage) without running anything.
    List {
        /// A directory of feature files (default: the features built into the harness).
        #[arg(long)]
        features: Option<PathBuf>,
    },
    /// Write a key pair for signing certificates: DIR/private.pem (PKCS#8) and DIR/public.pem
    /// (SPKI). Existing files are never overwritten.
    Keygen {
        /// The directory to write to (created if needed).
        dir: PathBuf,
    },
    /// Check a certificate (certificaat.jws) or an evidence package (bewijs.zip) offline; with
    /// --target also that the node still presents the certified server certificate.
    #[command(after_help = "Exit codes: 0 valid, 1 invalid (the reason in words), 64 usage error")]
    Verify(certificaat::VerifyArgs),
    /// The readiness board of a labour-market region (several region files: also the national
    /// overview): regio.html, regio.json, regio.prom and the history.
    #[command(
        after_help = "Exit codes: 0 board written, 64 usage error (a region file at fault), 2 the board could not be made"
    )]
    Regio(regio::RegioArgs),
    /// Write the certification test set a source must load before a run.
    Testset {
        /// Directory to write werkzoekenden.json, vacatures.json and README.md to.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// Base URL of the source's API, e.g. https://localhost:8443/api/v3.
    #[arg(long)]
    target: String,
    /// Client certificate chain (PEM) the harness presents as the exchange (mutual TLS).
    #[arg(long, requires = "client_key")]
    client_cert: Option<PathBuf>,
    /// Its private key (PEM).
    #[arg(long, requires = "client_cert")]
    client_key: Option<PathBuf>,
    /// Trust anchor for the source's server certificate (PEM).
    #[arg(long)]
    ca: Option<PathBuf>,
    /// An expired certificate of the exchange from your CA, chain and key in one PEM file (for
    /// the scenario of AV-BEV-002).
    #[arg(long)]
    expired_cert: Option<PathBuf>,
    /// A valid certificate from your CA whose OIN does not take part, chain and key in one PEM
    /// file (AV-BEV-004).
    #[arg(long)]
    unlisted_cert: Option<PathBuf>,
    /// A valid certificate of a mediator from your CA, chain and key in one PEM file (AV-BEV-004).
    #[arg(long)]
    mediator_cert: Option<PathBuf>,
    /// A test PKI directory (`vum-node dev-pki`): --ca, the client certificate and every special
    /// certificate at once.
    #[arg(long, conflicts_with_all = ["client_cert", "ca"])]
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
    /// The certification profile: bron, bron-werkzoekenden, bron-vacatures (default: bron).
    #[arg(long)]
    profiel: Option<String>,
    /// Only scenarios matching this tag expression, e.g. '@must and not @tls' (not a
    /// certification: the run is incomplete).
    #[arg(long)]
    tags: Option<String>,
    /// Directory for report.json, junit.xml and report.html.
    #[arg(long, default_value = "vum-conformance-report")]
    report_dir: PathBuf,
    /// Scenarios run at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Seconds allowed for one request.
    #[arg(long, default_value_t = 15)]
    timeout: u64,
    /// A directory of feature files (default: the features built into the harness; others
    /// cannot certify).
    #[arg(long)]
    features: Option<PathBuf>,
    /// The participant's declarations (TOML) for the requirements verified by declaration.
    #[arg(long)]
    verklaringen: Option<PathBuf>,
    #[command(flatten)]
    signing: certificaat::SigningArgs,
}

/// A usage error: printed and answered with exit code 64.
#[derive(Debug)]
struct Usage(String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_USAGE } else { 0 });
        }
    };
    let outcome = match cli.command {
        Some(Command::Run(args)) => run(&args),
        Some(Command::List { features }) => list(features),
        Some(Command::Testset { out }) => testset(&out),
        Some(Command::Keygen { dir }) => certificaat::keygen(&dir),
        Some(Command::Verify(args)) => certificaat::verify(&args),
        Some(Command::Regio(args)) => regio::regio(&args),
        None => embedded(),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("vum-conformance: {error:#}");
            let usage = error.downcast_ref::<Usage>().is_some()
                || error.downcast_ref::<RunError>().is_some();
            ExitCode::from(if usage { EXIT_USAGE } else { 2 })
        }
    }
}

#[cfg(feature = "embedded-node")]
fn embedded() -> Result<u8> {
    embedded::certify(Path::new("vum-conformance-report"))
}

#[cfg(not(feature = "embedded-node"))]
fn embedded() -> Result<u8> {
    Err(Usage(
        "gebouwd zonder de ingebouwde referentiebron; gebruik `vum-conformance run --target URL`"
            .to_owned(),
    )
    .into())
}

pub(crate) fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Usage(format!("{what} {}: {e}", path.display())).into())
}

/// A PEM file holding a certificate chain and its private key, split into the two.
pub(crate) fn combined(path: &Path, flag: &str) -> Result<Identity> {
    let text = read(path, flag)?;
    let mut chain = String::new();
    let mut key = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("-----BEGIN ") {
        let label_end = rest[start + 11..]
            .find("-----")
            .map_or(rest.len(), |i| start + 11 + i);
        let label = &rest[start + 11..label_end];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = rest[start..]
            .find(&end_marker)
            .map(|i| start + i + end_marker.len())
        else {
            break;
        };
        let block = &rest[start..end];
        if label.contains("PRIVATE KEY") {
            key.push_str(block);
            key.push('\n');
        } else if label == "CERTIFICATE" {
            chain.push_str(block);
            chain.push('\n');
        }
        rest = &rest[end..];
    }
    if chain.is_empty() || key.is_empty() {
        return Err(Usage(format!(
            "{flag} {}: het bestand moet het certificaat en de privésleutel bevatten (PEM)",
            path.display()
        ))
        .into());
    }
    Ok(Identity {
        chain_pem: chain,
        key_pem: key,
    })
}

fn target(args: &RunArgs) -> Result<Target> {
    let mut target = Target::new(&args.target);
    target.parties.from_party.clone_from(&args.from_party);
    target.parties.to_party.clone_from(&args.to_party);
    target.parties.via_party.clone_from(&args.via_party);
    target.timeout = Duration::from_secs(args.timeout.max(1));
    if let Some(pki) = &args.pki {
        target.tls = TlsMaterial::from_dev_pki(pki).map_err(|e| {
            Usage(format!(
                "--pki {}: geen test-PKI van vum-node dev-pki ({e})",
                pki.display()
            ))
        })?;
    }
    if let (Some(cert), Some(key)) = (&args.client_cert, &args.client_key) {
        target.tls.identity = Some(Identity {
            chain_pem: read(cert, "--client-cert")?,
            key_pem: read(key, "--client-key")?,
        });
    }
    if let Some(ca) = &args.ca {
        target.tls.ca_pem = Some(read(ca, "--ca")?);
    }
    for (cert, path) in [
        (SpecialCert::Verlopen, &args.expired_cert),
        (SpecialCert::NietDeelnemend, &args.unlisted_cert),
        (SpecialCert::AndereRol, &args.mediator_cert),
    ] {
        if let Some(path) = path {
            target
                .tls
                .special
                .insert(cert, combined(path, cert.flag())?);
        }
    }
    Ok(target)
}

fn source(dir: Option<PathBuf>) -> FeatureSource {
    dir.map_or(FeatureSource::Embedded, FeatureSource::Directory)
}

fn run(args: &RunArgs) -> Result<u8> {
    let target = target(args)?;
    let profiel = args
        .profiel
        .as_deref()
        .map(vum_spec::profielen::profiel)
        .transpose()
        .map_err(|e| Usage(e.to_string()))?;
    let catalogue = vum_spec::requirements::catalogue()?;
    let verklaringen = args
        .verklaringen
        .as_deref()
        .map(|path| {
            let text = read(path, "--verklaringen")?;
            vum_conformance::verklaringen::Verklaringen::parse(&text, &catalogue).map_err(|e| {
                anyhow::Error::from(Usage(format!("--verklaringen {}: {e}", path.display())))
            })
        })
        .transpose()?;
    let signing = args.signing.load()?;
    let options = RunOptions {
        target,
        profiel,
        features: source(args.features.clone()),
        verklaringen,
        tags: args.tags.clone(),
        concurrency: args.concurrency,
        progress: true,
    };
    certify(options, &args.report_dir, signing.as_ref())
}

/// Runs, prints the scope before and the summary after, writes the reports, and with a signing
/// key the certificate of a run that earned one.
pub(crate) fn certify(
    options: RunOptions,
    report_dir: &Path,
    signing: Option<&certificaat::Signing>,
) -> Result<u8> {
    let plan = vum_conformance::run::plan(options)?;
    print!("{}", vum_conformance::report::scope(&plan.scope));
    println!();
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let result = runtime.block_on(vum_conformance::run::execute(plan));
    let mut written = vum_conformance::report::write_all(&result, report_dir)
        .with_context(|| format!("writing the reports to {}", report_dir.display()))?;
    written.extend(certificaat::write(&result, report_dir, signing)?);
    print!("{}", vum_conformance::report::console(&result));
    println!(
        "rapporten: {}",
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(result.exit_code())
}

fn list(dir: Option<PathBuf>) -> Result<u8> {
    let catalogue = vum_spec::requirements::catalogue()?;
    let files = source(dir).files()?;
    let (parsed, failures) = features::parse(&files);
    for failure in &failures {
        println!("{}: {}", failure.path, failure.reason);
    }
    let scenarios = features::scenarios(&parsed);
    let profielen = vum_spec::profielen::profielen()?;
    let coverage = features::coverage(&scenarios, &catalogue, &profielen);
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
    println!(
        "\n{} eisen, {} scenario's",
        catalogue.len(),
        scenarios.len()
    );
    for id in &coverage.uncovered {
        println!("MUST-eis zonder scenario: {id}");
    }
    for (scenario, tag) in &coverage.unknown_tags {
        println!("onbekende eis {tag} in {scenario}");
    }
    for scenario in &coverage.untagged {
        println!("scenario zonder precies één eis, een niveau en een rol: {scenario}");
    }
    for (scenario, tag) in &coverage.declaration_scenarios {
        println!("scenario voor {tag}, dat met een verklaring wordt aangetoond: {scenario}");
    }
    for scenario in &coverage.kind_untagged {
        println!(
            "scenario over één soort profielen zonder @werkzoekenden of @vacatures: {scenario}"
        );
    }
    for (profiel, ids) in &coverage.uncovered_in_profile {
        if !ids.is_empty() {
            println!(
                "profiel {profiel}: MUST-eisen zonder scenario: {}",
                ids.join(", ")
            );
        }
    }
    Ok(if coverage.is_complete() && failures.is_empty() {
        0
    } else {
        1
    })
}

fn testset(out: &Path) -> Result<u8> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut written = Vec::new();
    for (name, text) in vum_spec::testdata::committed_files() {
        let path = out.join(name);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        written.push(path.display().to_string());
    }
    println!("certificeringstestset: {}", written.join(", "));
    Ok(0)
}
