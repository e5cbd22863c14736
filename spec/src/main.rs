//! `vum-spec`: generate, validate, lint, compare and publish the versions of the VUM contracts.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};
use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::Value;
use vum_spec::artifacts::{self, Artifact};
use vum_spec::diff::{self, Committed, ContractSet, DiffError, Document, Input, Versions};
use vum_spec::jws::{SigningKey, VerifyingKey};
use vum_spec::kwaliteit::{
    Instellingen, Kalenderdatum, Kind, KwaliteitFout, Meting, Rapport, VEROUDERD_NA_DAGEN,
};
use vum_spec::message::Message;
use vum_spec::publicatie::{self, manifest};
use vum_spec::versie::{self, Versie};
use vum_spec::{lint, validate};

/// The exit code of a usage error of `vum-spec kwaliteit` and `vum-spec diff` (`EX_USAGE` of
/// sysexits.h).
const EXIT_USAGE: u8 = 64;

/// The VUM interface standard, every version of its registry: schemas, validation, contract lint,
/// changelogs and publication.
#[derive(Debug, Parser)]
#[command(name = "vum-spec", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the JSON Schemas and OpenAPI contracts generated from the Rust types, per version
    /// into DIR/<version>/.
    Generate {
        /// Directory to write to (one subdirectory per version).
        #[arg(long, default_value_os_t = default_schema_dir())]
        dir: PathBuf,
        /// Only this version (repeatable); default: every version of the registry.
        #[arg(long = "versie", value_name = "VERSIE")]
        versies: Vec<String>,
        /// Only compare with the files on disk; exit 1 when any differs.
        #[arg(long)]
        check: bool,
    },
    /// Validate JSON documents (one, an array, or NDJSON) against a message's committed schema.
    Validate {
        /// The message the documents should be (see `vum-spec messages`).
        #[arg(long = "as", value_name = "MESSAGE")]
        message: Message,
        /// Files to validate.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check that every criterion of a contract's selection question fits its matching profile.
    Lint {
        /// OpenAPI files (YAML or JSON), or directories holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Compare the generated schemas with the upstream 3.0.0 contracts, against the deviations file.
    Drift {
        /// The upstream contracts directory (holding `VUM-…json`).
        #[arg(long, default_value_os_t = default_upstream_dir())]
        upstream: PathBuf,
        /// The deviations file.
        #[arg(long, default_value_os_t = default_deviations_file())]
        deviations: PathBuf,
    },
    /// Write the certification test set (job seekers, vacancies, README) generated from its seed,
    /// per version into DIR/<version>/.
    Testdata {
        /// Directory to write to (one subdirectory per version).
        #[arg(long, default_value_os_t = default_testdata_dir())]
        dir: PathBuf,
        /// Only this version (repeatable); default: every version of the registry.
        #[arg(long = "versie", value_name = "VERSIE")]
        versies: Vec<String>,
        /// Only compare with the files on disk; exit 1 when any differs.
        #[arg(long)]
        check: bool,
    },
    /// Score card of data quality (kwaliteitstafel): volledig, betrouwbaar and actueel per kind.
    Kwaliteit(KwaliteitArgs),
    /// Write the labour-market regions file, derived from the CBS files in shared/geo.
    Arbeidsmarktregios {
        /// The directory holding arbeidsmarktregio_gemeente.json and gemeenten-2025.tsv.
        #[arg(long, default_value_os_t = default_geo_dir())]
        geo: PathBuf,
        /// The file to write.
        #[arg(long, default_value_os_t = default_regios_file())]
        out: PathBuf,
        /// Only compare with the file on disk; exit 1 when it differs.
        #[arg(long)]
        check: bool,
    },
    /// Compare two versions of the contracts: a Dutch changelog with a verdict per role.
    ///
    /// Exit code: 0 no change, 1 compatible changes only, 2 a breaking change for some role,
    /// 64 usage error.
    Diff {
        /// The old version: a directory of OpenAPI documents (YAML or JSON), or a version of the
        /// registry (3.0.0, 3.1.0); write `./3.0.0` for a directory of that name.
        old: String,
        /// The new version, likewise.
        new: String,
        /// The report's format.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Write the report to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The features whose scenarios are listed with each change.
        #[arg(long, value_name = "DIR", default_value_os_t = default_features_dir())]
        features: PathBuf,
    },
    /// Print the requirement catalogue (the connection conditions) as a Markdown table.
    Requirements {
        /// The version (default: the newest actief one).
        #[arg(long, value_name = "VERSIE")]
        versie: Option<String>,
    },
    /// Print the certification profiles and the requirements each holds, as Markdown.
    Profielen {
        /// The version (default: the newest actief one).
        #[arg(long, value_name = "VERSIE")]
        versie: Option<String>,
    },
    /// Print the version registry (versions.toml): number, status, dates.
    Versies,
    /// Publish a version as a byte-reproducible bundle in DIR (a new or empty directory).
    ///
    /// Exit code: 0 written, 2 a file could not be read or written, 64 usage error (an unknown
    /// version, a DIR that is not empty, an unusable signing key).
    Publish {
        /// The version (see `vum-spec versies`).
        versie: String,
        /// The directory to write the bundle to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Sign MANIFEST.sha256 with this Ed25519 key (PKCS#8 PEM): MANIFEST.sha256.jws.
        #[arg(long, value_name = "private.pem")]
        signing_key: Option<PathBuf>,
        /// The features to render and include.
        #[arg(long, value_name = "DIR", default_value_os_t = default_features_dir())]
        features: PathBuf,
    },
    /// Check a published bundle: every file against MANIFEST.sha256 (and its signature).
    ///
    /// Exit code: 0 valid, 1 invalid (each missing, changed or extra file named), 64 usage error.
    VerifyBundle {
        /// The bundle's directory.
        dir: PathBuf,
        /// Check MANIFEST.sha256.jws with this Ed25519 public key (SPKI PEM); without it the
        /// signature is not checked.
        #[arg(long, value_name = "public.pem")]
        public_key: Option<PathBuf>,
    },
    /// List the messages that `validate --as` knows.
    Messages,
}

/// Arguments of `vum-spec kwaliteit`.
#[derive(Debug, clap::Args)]
struct KwaliteitArgs {
    /// Exports in detail format: a JSON document, a JSON array or NDJSON.
    #[arg(required = true, value_name = "BESTAND")]
    files: Vec<PathBuf>,
    /// The reference date (default: today).
    #[arg(long, value_name = "JJJJ-MM-DD")]
    datum: Option<Kalenderdatum>,
    /// The kind of every record (default: per file, from the id field of its records).
    #[arg(long, value_name = "werkzoekende|vacature")]
    soort: Option<Kind>,
    /// Where to write the JSON score card.
    #[arg(long, value_name = "BESTAND", default_value = "kwaliteit.json")]
    out: PathBuf,
    /// A start date or newest date more than this many days old counts as old.
    #[arg(long, value_name = "DAGEN", default_value_t = VEROUDERD_NA_DAGEN)]
    verouderd_na_dagen: u32,
}

fn default_schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schema")
}

fn default_testdata_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// The versions named on the command line, or every version of the registry.
fn chosen_versions(names: &[String]) -> Result<Vec<&'static Versie>> {
    if names.is_empty() {
        return Ok(versie::registry()?.versies().iter().collect());
    }
    names
        .iter()
        .map(|name| versie::versie(name).map_err(Into::into))
        .collect()
}

/// The format of `vum-spec diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The Dutch changelog.
    Markdown,
    /// JSON with sorted keys and a summary.
    Json,
}

fn default_features_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../features")
}

fn default_upstream_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/vum-upstream/vum-docs/OAS_Contracten")
}

fn default_geo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/geo")
}

fn default_regios_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join("arbeidsmarktregios.tsv")
}

fn default_deviations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deviations")
}

fn default_deviations_file() -> PathBuf {
    default_deviations_dir().join(format!("{}.toml", vum_spec::VERSION))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let mut out = io::stdout().lock();
    let outcome = match cli.command {
        Command::Diff {
            old,
            new,
            format,
            out: file,
            features,
        } => {
            return match diff_versions(&mut out, &old, &new, format, file.as_deref(), &features) {
                Ok(code) => ExitCode::from(code),
                Err(error) if is_broken_pipe(&error) => ExitCode::from(141),
                Err(error) => {
                    eprintln!("vum-spec: {error:#}");
                    ExitCode::from(EXIT_USAGE)
                }
            };
        }
        Command::Publish {
            versie,
            out: dir,
            signing_key,
            features,
        } => {
            let result = publish(&mut out, &versie, &dir, signing_key.as_deref(), &features);
            return exit_with(result.map(|()| 0));
        }
        Command::VerifyBundle { dir, public_key } => {
            return exit_with(verify_bundle(&mut out, &dir, public_key.as_deref()));
        }
        Command::Generate {
            dir,
            versies,
            check,
        } => chosen_versions(&versies).and_then(|versies| {
            let mut fresh = true;
            for v in versies {
                fresh &= generate(&mut out, &dir.join(v.naam()), v, check)?;
            }
            Ok(fresh)
        }),
        Command::Validate { message, files } => validate_files(&mut out, message, &files),
        Command::Lint { paths } => lint_paths(&mut out, &paths),
        Command::Drift {
            upstream,
            deviations,
        } => drift(&mut out, &upstream, &deviations),
        Command::Testdata {
            dir,
            versies,
            check,
        } => chosen_versions(&versies).and_then(|versies| {
            let mut fresh = true;
            for v in versies {
                fresh &= testdata(&mut out, &dir.join(v.naam()), v, check)?;
            }
            Ok(fresh)
        }),
        Command::Kwaliteit(args) => kwaliteit(&mut out, &args),
        Command::Arbeidsmarktregios {
            geo,
            out: file,
            check,
        } => arbeidsmarktregios(&mut out, &geo, &file, check),
        Command::Requirements { versie } => print_requirements(&mut out, versie.as_deref()),
        Command::Profielen { versie } => print_profielen(&mut out, versie.as_deref()),
        Command::Versies => versie::registry()
            .map_err(Into::into)
            .and_then(|r| Ok(write!(out, "{}", r.markdown()).map(|()| true)?)),
        Command::Messages => list_messages(&mut out),
    };
    match outcome.and_then(|ok| out.flush().map(|()| ok).map_err(Into::into)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::from(141),
        Err(error) => {
            eprintln!("vum-spec: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Prints a command-line error; `kwaliteit`, `diff`, `publish` and `verify-bundle` exit 64 on it,
/// the other commands as clap does (2).
fn usage_error(error: &clap::Error) -> ExitCode {
    let informational = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let ours = matches!(
        std::env::args().nth(1).as_deref(),
        Some("kwaliteit" | "diff" | "publish" | "verify-bundle")
    );
    if informational || !ours {
        error.exit();
    }
    let _ = error.print();
    ExitCode::from(EXIT_USAGE)
}

/// A mistake of the caller rather than of the files: exit 64.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// The exit code of a command that decides its own: its code, 64 for a usage error, 2 otherwise.
fn exit_with(result: Result<u8>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) if is_broken_pipe(&error) => ExitCode::from(141),
        Err(error) => {
            eprintln!("vum-spec: {error:#}");
            if error.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

/// A reader that stopped reading (`vum-spec … | head`) is not an error worth a message.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A version named on the command line, or the newest actief one.
fn version_or_newest(name: Option<&str>) -> Result<&'static Versie> {
    Ok(match name {
        Some(name) => versie::versie(name)?,
        None => versie::nieuwste_actieve()?,
    })
}

fn print_profielen(out: &mut impl Write, versie: Option<&str>) -> Result<bool> {
    let versie = version_or_newest(versie)?;
    let catalogue = vum_spec::requirements::catalogue_for(versie)?;
    let profielen = vum_spec::profielen::profielen_for(versie)?;
    write!(
        out,
        "{}",
        vum_spec::profielen::markdown(&profielen, &catalogue)
    )?;
    Ok(true)
}

fn print_requirements(out: &mut impl Write, versie: Option<&str>) -> Result<bool> {
    let catalogue = vum_spec::requirements::catalogue_for(version_or_newest(versie)?)?;
    write!(out, "{}", vum_spec::requirements::markdown(&catalogue))?;
    Ok(true)
}

fn list_messages(out: &mut impl Write) -> Result<bool> {
    for message in Message::ALL {
        writeln!(out, "{:<36} {}", message.name(), message.description())?;
    }
    Ok(true)
}

fn generate(out: &mut impl Write, dir: &Path, versie: &Versie, check: bool) -> Result<bool> {
    let files = artifacts::generate_for(versie);
    let expected: BTreeSet<&str> = files.iter().map(|a| a.file_name.as_str()).collect();
    let obsolete: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| artifacts::is_generated_name(n) && !expected.contains(n))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let stale: Vec<&Artifact> = files
        .iter()
        .filter(|a| fs::read_to_string(dir.join(&a.file_name)).ok().as_deref() != Some(&a.text))
        .collect();
    if check {
        for a in &stale {
            writeln!(out, "stale: {}", dir.join(&a.file_name).display())?;
        }
        for p in &obsolete {
            writeln!(out, "obsolete: {}", p.display())?;
        }
        let fresh = stale.is_empty() && obsolete.is_empty();
        if !fresh {
            writeln!(out, "run `cargo run -p vum-spec -- generate` to update")?;
        }
        return Ok(fresh);
    }
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for a in &stale {
        write_atomically(&dir.join(&a.file_name), &a.text)?;
    }
    for p in &obsolete {
        fs::remove_file(p).with_context(|| format!("removing {}", p.display()))?;
    }
    writeln!(
        out,
        "{} files in {}: {} written, {} unchanged, {} removed",
        files.len(),
        dir.display(),
        stale.len(),
        files.len() - stale.len(),
        obsolete.len()
    )?;
    Ok(true)
}

fn testdata(out: &mut impl Write, dir: &Path, versie: &Versie, check: bool) -> Result<bool> {
    let files = vum_spec::testdata::files_for(versie);
    let stale: Vec<_> = files
        .iter()
        .filter(|f| fs::read_to_string(dir.join(f.file_name)).ok().as_deref() != Some(&f.text))
        .collect();
    if check {
        for f in &stale {
            writeln!(out, "stale: {}", dir.join(f.file_name).display())?;
        }
        if !stale.is_empty() {
            writeln!(out, "run `cargo run -p vum-spec -- testdata` to update")?;
        }
        return Ok(stale.is_empty());
    }
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for f in &stale {
        write_atomically(&dir.join(f.file_name), &f.text)?;
    }
    writeln!(
        out,
        "{} files in {}: {} written",
        files.len(),
        dir.display(),
        stale.len()
    )?;
    Ok(true)
}

fn arbeidsmarktregios(out: &mut impl Write, geo: &Path, file: &Path, check: bool) -> Result<bool> {
    let read = |name: &str| {
        let path = geo.join(name);
        fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    let text = vum_spec::arbeidsmarktregio::afleiden(
        &read("arbeidsmarktregio_gemeente.json")?,
        &read("gemeenten-2025.tsv")?,
    )?;
    let fresh = fs::read_to_string(file).ok().as_deref() == Some(text.as_str());
    if check {
        if !fresh {
            writeln!(
                out,
                "stale: {}\nrun `cargo run -p vum-spec -- arbeidsmarktregios` to update",
                file.display()
            )?;
        }
        return Ok(fresh);
    }
    if !fresh {
        write_atomically(file, &text)?;
    }
    writeln!(
        out,
        "{}: {}",
        file.display(),
        if fresh { "unchanged" } else { "written" }
    )?;
    Ok(true)
}

/// Writes through a temporary file and a rename, so a file is never left half-written.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut file = fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
}

fn kwaliteit(out: &mut impl Write, args: &KwaliteitArgs) -> Result<bool> {
    let vandaag = vandaag();
    let instellingen = Instellingen {
        verouderd_na_dagen: args.verouderd_na_dagen,
        ..Instellingen::standaard(args.datum.unwrap_or(vandaag))
    };
    let mut metingen: BTreeMap<Kind, Meting> = BTreeMap::new();
    for file in &args.files {
        let name = file.display();
        let text =
            fs::read_to_string(file).with_context(|| format!("{name} kan niet gelezen worden"))?;
        let documents = validate::documents(&text).map_err(|e| {
            anyhow!(
                "{name} is geen JSON, JSON-lijst of NDJSON (regel {}, kolom {})",
                e.line,
                e.column
            )
        })?;
        let soort = match args.soort {
            Some(soort) => soort,
            None => documents
                .iter()
                .find_map(Kind::of_document)
                .ok_or_else(|| {
                    anyhow!(
                        "{name}: de soort is niet te bepalen (geen record heeft idWerkzoekende of \
                     idVacature); geef --soort werkzoekende of --soort vacature"
                    )
                })?,
        };
        let meting = metingen
            .entry(soort)
            .or_insert_with(|| Meting::new(soort, instellingen));
        for (index, document) in documents.iter().enumerate() {
            meting.voeg_toe(document).map_err(|fout| {
                let fout = KwaliteitFout {
                    record: index + 1,
                    fout,
                };
                anyhow!("{name}: {fout}")
            })?;
        }
    }
    let kaarten = metingen.values().map(Meting::scorekaart).collect();
    let rapport = Rapport::new(&instellingen, vandaag, kaarten);
    write_atomically(&args.out, &rapport.json())?;
    write!(out, "{}", rapport.tekst())?;
    writeln!(out, "\nScorekaart geschreven naar {}", args.out.display())?;
    Ok(true)
}

/// Today's date (UTC) from the system clock.
fn vandaag() -> Kalenderdatum {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Kalenderdatum::uit_dagen_sinds_1970(i64::try_from(seconds / 86_400).unwrap_or(0))
}

fn validate_files(out: &mut impl Write, message: Message, files: &[PathBuf]) -> Result<bool> {
    let validator = validate::validator(message)?;
    let mut all_valid = true;
    for file in files {
        let text =
            fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let documents = validate::documents(&text)
            .with_context(|| format!("{} is not JSON", file.display()))?;
        let mut invalid = 0usize;
        for (index, document) in documents.iter().enumerate() {
            let violations = validate::violations_of(validator, document);
            if violations.is_empty() {
                continue;
            }
            invalid += 1;
            writeln!(
                out,
                "{}: document {index}{}: {} error{}",
                file.display(),
                identify(document),
                violations.len(),
                if violations.len() == 1 { "" } else { "s" }
            )?;
            for v in violations {
                let at = if v.instance_path.is_empty() {
                    "(document)"
                } else {
                    &v.instance_path
                };
                writeln!(out, "  at {at}: {}  [schema {}]", v.message, v.schema_path)?;
            }
        }
        all_valid &= invalid == 0;
        writeln!(
            out,
            "{}: {} valid, {invalid} invalid ({message})",
            file.display(),
            documents.len() - invalid
        )?;
    }
    Ok(all_valid)
}

/// A short identification of a document by the id it carries, if any.
fn identify(document: &Value) -> String {
    vum_spec::Kind::ALL
        .iter()
        .map(|kind| kind.id_field())
        .chain(["vumID"])
        .find_map(|key| {
            document
                .get(key)
                .and_then(Value::as_str)
                .map(|id| format!(" ({key} {id:?})"))
        })
        .unwrap_or_default()
}

fn lint_paths(out: &mut impl Write, paths: &[PathBuf]) -> Result<bool> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = fs::read_dir(path)
                .with_context(|| format!("reading {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
                })
                .collect();
            found.sort();
            files.extend(found.into_iter().map(|p| (p, false)));
        } else {
            files.push((path.clone(), true));
        }
    }
    let (mut contracts, mut findings) = (0usize, 0usize);
    for (file, named) in files {
        let document = read_contract(&file)?;
        if document.get("openapi").is_none() {
            if named {
                bail!(
                    "{} is not an OpenAPI document (no `openapi` key)",
                    file.display()
                );
            }
            continue;
        }
        let found = lint::lint(&document).with_context(|| format!("linting {}", file.display()))?;
        contracts += 1;
        for finding in &found {
            writeln!(out, "{}: {finding}", file.display())?;
        }
        findings += found.len();
    }
    writeln!(
        out,
        "{findings} finding{} in {contracts} contract{}",
        plural(findings),
        plural(contracts)
    )?;
    Ok(findings == 0)
}

fn drift(out: &mut impl Write, upstream: &Path, deviations: &Path) -> Result<bool> {
    let text = fs::read_to_string(deviations)
        .with_context(|| format!("reading {}", deviations.display()))?;
    let listed = vum_spec::drift::Deviations::parse(&text)
        .with_context(|| format!("parsing {}", deviations.display()))?;
    let mut found = Vec::new();
    for message in Message::ALL {
        let file = upstream.join(format!("{}.json", message.upstream().contract.name()));
        let contract = read_contract(&file)?;
        let differences = vum_spec::drift::differences(*message, &contract)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("{message} in {}", file.display()))?;
        for difference in differences {
            let mark = if listed.lists(message.name(), &difference) {
                "listed  "
            } else {
                "UNLISTED"
            };
            writeln!(out, "{mark} {message}: {difference}")?;
            found.push((message.name().to_owned(), difference));
        }
    }
    let check = vum_spec::drift::check(&found, &listed);
    for d in &check.obsolete {
        writeln!(
            out,
            "OBSOLETE {}: {} {} (no longer differs)",
            d.message, d.path, d.keyword
        )?;
    }
    for d in &check.unexplained {
        writeln!(out, "NO REASON {}: {} {}", d.message, d.path, d.keyword)?;
    }
    writeln!(
        out,
        "{} differences, {} unlisted, {} obsolete deviations",
        found.len(),
        check.unlisted.len(),
        check.obsolete.len()
    )?;
    Ok(check.is_clean())
}

/// `vum-spec diff`: reads both sides and the features, writes the report; the exit code of the
/// report (0, 1, 2).
fn diff_versions(
    out: &mut impl Write,
    old: &str,
    new: &str,
    format: Format,
    file: Option<&Path>,
    features: &Path,
) -> Result<u8> {
    let catalogue = catalogue_of(new)
        .or_else(|| catalogue_of(old))
        .unwrap_or_else(vum_spec::requirements::catalogue)?;
    let old = contract_set(old)?;
    let new = contract_set(new)?;
    let scenarios = read_scenarios(features)?;
    let trace = diff::Traceability {
        catalogue: &catalogue,
        scenarios: &scenarios,
    };
    let report = diff::diff(&old, &new, trace);
    let text = match format {
        Format::Markdown => report.markdown(),
        Format::Json => report.json(),
    };
    match file {
        Some(path) => write_atomically(path, &text)?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(report.exit_code())
}

/// The catalogue of a registry version named on the command line (`None` for a directory).
fn catalogue_of(
    word: &str,
) -> Option<Result<Vec<vum_spec::requirements::Eis>, vum_spec::requirements::CatalogueError>> {
    match Input::parse(word, &Committed) {
        Input::Version(name) => versie::versie(&name)
            .ok()
            .map(vum_spec::requirements::catalogue_for),
        Input::Directory(_) => None,
    }
}

/// One side of `diff`: a version this workspace holds, or a directory's documents (its top level).
fn contract_set(word: &str) -> Result<ContractSet> {
    let documents = match Input::parse(word, &Committed) {
        Input::Version(version) => {
            let label = format!("{version} ({})", Committed.origin(&version));
            let documents = Committed
                .documents(&version)
                .with_context(|| format!("no contracts for version {version}"))??;
            return ContractSet::load(label, documents).map_err(anyhow::Error::from);
        }
        Input::Directory(dir) => {
            if !dir.is_dir() {
                bail!(
                    "{word} is neither a directory nor a version of this workspace (known: {})",
                    Committed.names().join(", ")
                );
            }
            let mut documents = Vec::new();
            let entries =
                fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?;
            for entry in entries {
                let path = entry
                    .with_context(|| format!("reading {}", dir.display()))?
                    .path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                if !path.is_file() || !Document::is_document_name(&name) {
                    continue;
                }
                let text = fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                documents.push(Document::parse(&name, &text).map_err(|e| in_dir(&dir, e))?);
            }
            documents
        }
    };
    ContractSet::load(word, documents).map_err(|e| in_dir(Path::new(word), e))
}

/// A contract-set error with the file it names placed in its directory.
fn in_dir(dir: &Path, error: DiffError) -> anyhow::Error {
    match error {
        DiffError::NoContracts { .. } | DiffError::DuplicateContract { .. } => error.into(),
        other => anyhow::anyhow!("{}/{other}", dir.display()),
    }
}

/// Every scenario under the features directory (none, with a note, when it is absent).
fn read_scenarios(dir: &Path) -> Result<Vec<diff::Scenario>> {
    if !dir.is_dir() {
        eprintln!(
            "vum-spec: no features at {}; changes are listed without scenarios",
            dir.display()
        );
        return Ok(Vec::new());
    }
    Ok(read_feature_files(dir)?
        .iter()
        .flat_map(|(name, text)| diff::scenarios(name, text))
        .collect())
}

/// Every `.feature` file under a directory: (path relative to it with `/`, text), sorted by path.
fn read_feature_files(dir: &Path) -> Result<Vec<(String, String)>> {
    read_tree(dir)?
        .into_iter()
        .filter(|(name, _)| name.ends_with(".feature"))
        .map(|(name, bytes)| {
            String::from_utf8(bytes)
                .map(|text| (name.clone(), text))
                .map_err(|_| anyhow!("{}/{name} is not UTF-8", dir.display()))
        })
        .collect::<Result<Vec<_>>>()
}

/// Every file under a directory: path relative to it (`/`-separated) → bytes. Symbolic links are
/// followed; a path that is not UTF-8 is an error naming it.
fn read_tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).with_context(|| format!("reading {}", next.display()))? {
            let path = entry
                .with_context(|| format!("reading {}", next.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let name = relative
                .to_str()
                .ok_or_else(|| anyhow!("{} has a name that is not UTF-8", path.display()))?
                .replace('\\', "/");
            let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            files.insert(name, bytes);
        }
    }
    Ok(files)
}

/// `vum-spec publish`: the bundle of a version, written into a new or empty directory.
fn publish(
    out: &mut impl Write,
    name: &str,
    dir: &Path,
    signing_key: Option<&Path>,
    features: &Path,
) -> Result<()> {
    let register = versie::registry()?;
    let versie = register.versie(name).map_err(|e| usage(e.to_string()))?;
    let empty = fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_none());
    if !empty {
        return Err(usage(format!(
            "{} is not empty; publish into a new or empty directory",
            dir.display()
        )));
    }
    let key = signing_key
        .map(|path| {
            let text =
                fs::read_to_string(path).map_err(|e| usage(format!("{}: {e}", path.display())))?;
            SigningKey::from_pem(&text).map_err(|e| usage(format!("{}: {e}", path.display())))
        })
        .transpose()?;
    if !features.is_dir() {
        return Err(usage(format!(
            "no features at {}; give --features DIR",
            features.display()
        )));
    }
    let feature_files = read_feature_files(features)?;
    let afwijkingen = match &versie.afwijkingen {
        Some(basis) => {
            let path = default_deviations_dir().join(format!("{basis}.toml"));
            Some(fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?)
        }
        None => None,
    };
    let mut bundel = publicatie::publiceer(&publicatie::Invoer {
        register,
        versie,
        features: &feature_files,
        afwijkingen: afwijkingen.as_deref(),
    })?;
    if let Some(key) = &key {
        bundel.onderteken(key);
    }
    for (path, bytes) in bundel.bestanden() {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&target, bytes).with_context(|| format!("writing {}", target.display()))?;
    }
    writeln!(
        out,
        "VUM {} ({}): {} bestanden, {} bytes in {}{}",
        versie.naam(),
        versie.status,
        bundel.bestanden().len(),
        bundel.grootte(),
        dir.display(),
        if key.is_some() {
            "; MANIFEST.sha256 ondertekend"
        } else {
            ""
        }
    )?;
    Ok(())
}

/// `vum-spec verify-bundle`: 0 when every file matches the manifest (and the signature holds), 1
/// otherwise, each finding on a line of its own.
fn verify_bundle(out: &mut impl Write, dir: &Path, public_key: Option<&Path>) -> Result<u8> {
    if !dir.is_dir() {
        return Err(usage(format!("{} is not a directory", dir.display())));
    }
    let key = public_key
        .map(|path| {
            let text =
                fs::read_to_string(path).map_err(|e| usage(format!("{}: {e}", path.display())))?;
            VerifyingKey::from_pem(&text).map_err(|e| usage(format!("{}: {e}", path.display())))
        })
        .transpose()?;
    let files = read_tree(dir)?;
    let Some(manifest_bytes) = files.get(manifest::MANIFEST) else {
        writeln!(
            out,
            "ontbreekt: {}
ongeldig",
            manifest::MANIFEST
        )?;
        return Ok(1);
    };
    let Ok(manifest_text) = std::str::from_utf8(manifest_bytes) else {
        writeln!(
            out,
            "{} is geen UTF-8
ongeldig",
            manifest::MANIFEST
        )?;
        return Ok(1);
    };
    let controle = match manifest::controleer(manifest_text, &files) {
        Ok(controle) => controle,
        Err(error) => {
            writeln!(
                out,
                "{error}
ongeldig"
            )?;
            return Ok(1);
        }
    };
    let mut valid = controle.is_geldig();
    for line in controle.regels() {
        writeln!(out, "{line}")?;
    }
    let jws = files
        .get(manifest::HANDTEKENING)
        .map(|b| String::from_utf8_lossy(b).into_owned());
    match (&key, jws) {
        (Some(key), Some(jws)) => {
            match manifest::controleer_handtekening(manifest_bytes, &jws, key) {
                Ok(()) => writeln!(out, "handtekening: geldig (sleutel {})", key.key_id())?,
                Err(error) => {
                    valid = false;
                    writeln!(out, "handtekening: {error}")?;
                }
            }
        }
        (Some(_), None) => {
            valid = false;
            writeln!(out, "ontbreekt: {}", manifest::HANDTEKENING)?;
        }
        (None, Some(_)) => writeln!(out, "handtekening: niet gecontroleerd (geef --public-key)")?,
        (None, None) => {}
    }
    if valid {
        writeln!(
            out,
            "geldig: {} bestanden kloppen met {}",
            controle.in_orde,
            manifest::MANIFEST
        )?;
        Ok(0)
    } else {
        writeln!(out, "ongeldig")?;
        Ok(1)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn read_contract(file: &Path) -> Result<Value> {
    let text = fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let is_yaml = file.extension().is_some_and(|e| e == "yaml" || e == "yml");
    if is_yaml {
        serde_yaml_ng::from_str(&text)
            .with_context(|| format!("{} is not valid YAML", file.display()))
    } else {
        serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", file.display()))
    }
}
