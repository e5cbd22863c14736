//! `vum-conformance`: run the connection conditions against a VUM source.

mod bronnen;
mod certificaat;
#[cfg(feature = "embedded-node")]
mod embedded;
mod hercertificering;
mod regio;
mod run;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use vum_conformance::features::{self, FeatureSource};
use vum_conformance::result::conclusion::EXIT_USAGE;
use vum_conformance::run::RunError;
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
    Run(Box<run::RunArgs>),
    /// List requirements × scenarios (coverage) without running anything.
    List {
        /// A directory of feature files (default: the features built into the harness).
        #[arg(long)]
        features: Option<PathBuf>,
        /// The version whose catalogue and profiles to cover (default: the newest active one).
        #[arg(long)]
        versie: Option<String>,
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
    /// Write the setup of the sources the harness plays when it certifies an exchange: the
    /// source directory for the exchange (bronnen.toml) and the harness's own (simulatie.toml).
    Bronnen(bronnen::BronnenArgs),
    /// The readiness board of a labour-market region (several region files: also the national
    /// overview): regio.html, regio.json, regio.prom and the history.
    #[command(
        after_help = "Exit codes: 0 board written, 64 usage error (a region file at fault), 2 the board could not be made"
    )]
    Regio(regio::RegioArgs),
    /// What a new version of the standard means for each node certified on the old one: still
    /// valid, re-run these requirements (with the --tags expression), or certify anew.
    #[command(
        after_help = "Exit codes: 0 plan written, 1 a certificate invalid or for another version, 64 usage error"
    )]
    Hercertificering(hercertificering::HercertificeringArgs),
    /// Write the certification test set a source must load before a run.
    Testset {
        /// Directory to write werkzoekenden.json, vacatures.json and README.md to.
        #[arg(long)]
        out: PathBuf,
    },
}

/// A usage error: printed and answered with exit code 64.
#[derive(Debug)]
pub(crate) struct Usage(pub(crate) String);

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
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::List { features, versie }) => list(features, versie.as_deref()),
        Some(Command::Testset { out }) => testset(&out),
        Some(Command::Keygen { dir }) => certificaat::keygen(&dir),
        Some(Command::Bronnen(args)) => bronnen::bronnen(&args),
        Some(Command::Verify(args)) => certificaat::verify(&args),
        Some(Command::Regio(args)) => regio::regio(&args),
        Some(Command::Hercertificering(args)) => hercertificering::hercertificering(&args),
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

pub(crate) fn source(dir: Option<PathBuf>) -> FeatureSource {
    dir.map_or(FeatureSource::Embedded, FeatureSource::Directory)
}

fn list(dir: Option<PathBuf>, versie: Option<&str>) -> Result<u8> {
    let versie = match versie {
        Some(nummer) => vum_spec::versie::versie(nummer)
            .map_err(|e| Usage(format!("--versie {nummer}: {e}")))?,
        None => vum_spec::versie::nieuwste_actieve()?,
    };
    let catalogue = vum_spec::requirements::catalogue_for(versie)?;
    let files = source(dir).files()?;
    let (parsed, failures) = features::parse(&files);
    for failure in &failures {
        println!("{}: {}", failure.path, failure.reason);
    }
    let scenarios = features::scenarios(&parsed);
    let profielen = vum_spec::profielen::profielen_for(versie)?;
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
        "\nversie {versie}: {} eisen, {} scenario's",
        catalogue.len(),
        coverage
            .by_requirement
            .values()
            .map(Vec::len)
            .sum::<usize>()
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
