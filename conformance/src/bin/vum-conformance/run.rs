//! `vum-conformance run`: the arguments of a run, the target and identities they describe, and
//! the run itself with its reports and certificate.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use vum_conformance::run::RunOptions;
use vum_conformance::target::{Identity, Rol, SpecialCert, Target, TlsMaterial};

use crate::{Usage, certificaat, read, source};

#[derive(Debug, clap::Args)]
pub(crate) struct RunArgs {
    /// Base URL of the node's API, e.g. https://localhost:8443/api/v3.
    #[arg(long)]
    target: String,
    /// Client certificate chain (PEM) the harness presents: the exchange's towards a source, the
    /// mediator's towards an exchange (mutual TLS).
    #[arg(long, requires = "client_key")]
    client_cert: Option<PathBuf>,
    /// Its private key (PEM).
    #[arg(long, requires = "client_cert")]
    client_key: Option<PathBuf>,
    /// Trust anchor for the node's server certificate (PEM).
    #[arg(long)]
    ca: Option<PathBuf>,
    /// An expired certificate from your CA, chain and key in one PEM file (AV-BEV-002,
    /// AV-BEV-018).
    #[arg(long)]
    expired_cert: Option<PathBuf>,
    /// A valid certificate from your CA whose OIN does not take part, chain and key in one PEM
    /// file (AV-BEV-004, AV-BEV-017).
    #[arg(long)]
    unlisted_cert: Option<PathBuf>,
    /// Towards a source: a valid certificate of a mediator from your CA, chain and key in one
    /// PEM file (AV-BEV-004).
    #[arg(long)]
    mediator_cert: Option<PathBuf>,
    /// Towards an exchange: a valid certificate of a second, registered mediator outside SUWI,
    /// chain and key in one PEM file (AV-BEV-016, AV-PRIV-012, AV-PRIV-016).
    #[arg(long)]
    second_mediator_cert: Option<PathBuf>,
    /// Towards an exchange: a valid certificate of the processor registered for the mediator,
    /// chain and key in one PEM file (AV-BEV-016).
    #[arg(long)]
    processor_cert: Option<PathBuf>,
    /// A test PKI directory (`vum-node dev-pki`): --ca, the client certificate and every special
    /// certificate at once.
    #[arg(long, conflicts_with_all = ["client_cert", "ca"])]
    pki: Option<PathBuf>,
    /// OIN of the asking controller (X-VUM-fromParty; default the test mediator's).
    #[arg(long)]
    from_party: Option<String>,
    /// OIN of the node's controller (X-VUM-toParty; default the test source's, or the test
    /// exchange's with --profiel uitwisseling).
    #[arg(long)]
    to_party: Option<String>,
    /// OIN of the processor (X-VUM-viaParty; default the test source's processor, or the
    /// mediator itself with --profiel uitwisseling).
    #[arg(long)]
    via_party: Option<String>,
    /// With --profiel uitwisseling: the directory `vum-conformance bronnen` wrote, whose sources
    /// the harness plays while the exchange asks them.
    #[arg(long)]
    bronnen: Option<PathBuf>,
    /// The certification profile: bron, bron-werkzoekenden, bron-vacatures, uitwisseling
    /// (default: bron).
    #[arg(long)]
    profiel: Option<String>,
    /// The interface version to ask in and certify against (default: the newest active one of
    /// the registry; a concept version can be run, never certified).
    #[arg(long)]
    versie: Option<String>,
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

fn target(args: &RunArgs, rol: Rol) -> Result<Target> {
    let mut target = Target::with_rol(&args.target, rol);
    for (party, flag) in [
        (&mut target.parties.from_party, &args.from_party),
        (&mut target.parties.to_party, &args.to_party),
        (&mut target.parties.via_party, &args.via_party),
    ] {
        if let Some(value) = flag {
            party.clone_from(value);
        }
    }
    target.timeout = Duration::from_secs(args.timeout.max(1));
    if let Some(pki) = &args.pki {
        target.tls = TlsMaterial::from_dev_pki(pki, rol).map_err(|e| {
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
        (SpecialCert::TweedeBemiddelaar, &args.second_mediator_cert),
        (SpecialCert::Verwerker, &args.processor_cert),
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

pub(crate) fn run(args: &RunArgs) -> Result<u8> {
    let versie = match &args.versie {
        Some(nummer) => vum_spec::versie::versie(nummer)
            .map_err(|e| Usage(format!("--versie {nummer}: {e}")))?,
        None => vum_spec::versie::nieuwste_actieve()?,
    };
    let profiel = args
        .profiel
        .as_deref()
        .map(|naam| vum_spec::profielen::profiel_for(versie, naam))
        .transpose()
        .map_err(|e| Usage(e.to_string()))?;
    let rol = match &profiel {
        Some(p) => Rol::of_profile(&p.rol).ok_or_else(|| {
            Usage(format!(
                "--profiel {}: het harnas certificeert de rol {} nog niet",
                p.naam, p.rol
            ))
        })?,
        None => Rol::Bron,
    };
    let mut target = target(args, rol)?;
    target.versie = versie.naam();
    let simulatie = match (rol, &args.bronnen) {
        (Rol::Uitwisseling, Some(dir)) => Some(
            vum_conformance::simulatie::Opzet::read(dir)
                .map_err(|e| Usage(format!("--bronnen {}: {e}", dir.display())))?,
        ),
        (Rol::Uitwisseling, None) => {
            return Err(Usage(
                "--profiel uitwisseling: geef --bronnen DIR (de map die `vum-conformance bronnen` schreef en waarmee de uitwisselingsvoorziening is ingericht)".to_owned(),
            )
            .into());
        }
        (Rol::Bron, Some(_)) => {
            return Err(Usage("--bronnen hoort bij --profiel uitwisseling".to_owned()).into());
        }
        (Rol::Bron, None) => None,
    };
    let catalogue = vum_spec::requirements::catalogue_for(versie)?;
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
        simulatie,
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
