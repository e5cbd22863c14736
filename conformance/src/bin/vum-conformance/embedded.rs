//! The one-command demo: an embedded reference source on 127.0.0.1, over mutual TLS with a fresh
//! test PKI and the certification test set, certified by the full suite with every security
//! scenario; then an embedded reference exchange, certified by the `uitwisseling` profile
//! ([`uitwisseling`]). Part of the binary only: the library never depends on the reference node.

mod dienst;
mod uitwisseling;

use self::dienst::Dienst;

use std::path::Path;

use anyhow::{Context, Result};
use vum_conformance::certificaat::IssueOptions;
use vum_conformance::features::FeatureSource;
use vum_conformance::run::RunOptions;
use vum_conformance::target::{Identity, SpecialCert, Target, TlsMaterial};
use vum_conformance::verklaringen::Verklaringen;
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::{Bron, BronConfig};
use vum_spec::jws::SigningKey;

fn identity(pki: &DevPki, name: &str) -> Result<Identity> {
    let found = pki
        .client(name)
        .with_context(|| format!("the test PKI has no certificate {name}"))?;
    Ok(Identity {
        chain_pem: found.chain_pem.clone(),
        key_pem: found.key_pem.clone(),
    })
}

/// Starts the node, runs the suite against it, writes the reports; returns the exit code.
pub(crate) fn certify(report_dir: &Path) -> Result<u8> {
    let pki = DevPki::generate().context("generating the test PKI")?;
    let config = BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml)?),
        ..BronConfig::default()
    };
    let bron = Bron::new(config, Store::in_memory()?)?;
    let (werkzoekenden, vacatures) = bron.load_certification_test_set()?;
    let settings = pki.server_settings()?;
    let mut material = TlsMaterial {
        ca_pem: Some(pki.ca_pem.clone()),
        identity: Some(identity(&pki, "uitwisseling")?),
        ..TlsMaterial::default()
    };
    for cert in SpecialCert::ALL {
        material.special.insert(cert, identity(&pki, cert.name())?);
    }
    let dienst = Dienst::start(vum_reference::bron::router(bron), settings)?;
    let port = dienst.port();
    println!(
        "vum-conformance: ingebouwde referentiebron met {} werkzoekenden en {} vacatures op https://localhost:{port}/api/v3 (tweezijdig TLS, test-PKI)\n",
        werkzoekenden.records, vacatures.records
    );
    let mut target = Target::new(&format!("https://localhost:{port}/api/v3"));
    target.tls = material;
    let catalogue = vum_spec::requirements::catalogue()?;
    let mut verklaringen = Verklaringen::parse(vum_reference::VERKLARINGEN, &catalogue)
        .context("reference/verklaringen.toml")?;
    // The reference node's declarations rest on tests that run with every build: the demo
    // re-affirms them on the day of the run.
    verklaringen.herbevestig(time::OffsetDateTime::now_utc().date());
    let (private_pem, public_pem) = SigningKey::generate()?;
    let mut issue = IssueOptions::new("VUM-conformiteitssuite (demo met testsleutel)");
    issue.test = true;
    let signing = crate::certificaat::Signing {
        key: SigningKey::from_pem(&private_pem)?,
        options: issue,
    };
    std::fs::create_dir_all(report_dir)
        .with_context(|| format!("creating {}", report_dir.display()))?;
    let public = report_dir.join("test-public.pem");
    std::fs::write(&public, public_pem).with_context(|| format!("writing {}", public.display()))?;
    let options = RunOptions {
        target,
        profiel: None,
        simulatie: None,
        verklaringen: Some(verklaringen),
        features: FeatureSource::Embedded,
        tags: None,
        concurrency: 8,
        progress: true,
    };
    let bron = crate::run::certify(options, report_dir, Some(&signing));
    dienst.stop();
    let bron = bron?;
    let exchange_dir = report_dir.join("uitwisseling");
    let exchange = uitwisseling::certify(&pki, &exchange_dir, &signing)?;
    println!(
        "\nprofiel bron: {} ({})\nprofiel uitwisseling: {} ({})",
        uitslag(bron),
        report_dir.display(),
        uitslag(exchange),
        exchange_dir.display()
    );
    println!(
        "testsleutel: {} (controleer met: vum-conformance verify {} --public-key {})",
        public.display(),
        report_dir.join("bewijs.zip").display(),
        public.display()
    );
    // The worst of the two: a failure (1) over an inconclusive run (2) over an incomplete one (3)
    // over a pass (0).
    Ok([bron, exchange]
        .into_iter()
        .max_by_key(|code| match code {
            0 => 0,
            3 => 1,
            2 => 2,
            1 => 3,
            _ => 4,
        })
        .unwrap_or_default())
}

/// The verdict of an exit code, in the words of the console.
fn uitslag(code: u8) -> &'static str {
    match code {
        0 => "GESLAAGD, gecertificeerd",
        1 => "NIET GESLAAGD",
        2 => "ONBESLIST",
        _ => "ONVOLLEDIG",
    }
}
