//! The demo's third part: the harness as the exchange on 127.0.0.1 over mutual TLS with the demo's
//! test PKI, the reference mediator client executing the scripted task file against it, certified
//! by the `bemiddelaar` profile.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use vum_conformance::bemiddelaar::ServerTls;
use vum_conformance::features::FeatureSource;
use vum_conformance::run::RunOptions;
use vum_conformance::target::{Identity, Rol, Target};
use vum_reference::bemiddelaar::{Bemiddelaar, BemiddelaarConfig, Tls, voer_alle_uit};
use vum_reference::pki::DevPki;
use vum_spec::taken::Takenlijst;

use crate::certificaat::Signing;

/// Listens as the exchange, lets the reference client execute the tasks, judges and reports to
/// `report_dir`; returns the exit code.
pub(crate) fn certify(pki: &DevPki, report_dir: &Path, signing: &Signing) -> Result<u8> {
    let tls = ServerTls {
        certificaat_pem: pki.exchange_server.chain_pem.clone(),
        sleutel_pem: pki.exchange_server.key_pem.clone(),
        ca_pem: pki.ca_pem.clone(),
    };
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let (dienst, url) = runtime.block_on(crate::bemiddelaar::start("127.0.0.1:0", Some(&tls)))?;
    println!(
        "\nvum-conformance: het harnas als uitwisselingsvoorziening op {url} (tweezijdig TLS, test-PKI), voor de referentieclient van een bemiddelaar\n"
    );
    std::fs::create_dir_all(report_dir)
        .with_context(|| format!("creating {}", report_dir.display()))?;
    let taken = report_dir.join("taken.json");
    crate::bemiddelaar::schrijf_taken(&taken, &url)?;
    let lijst = Takenlijst::lees(
        &std::fs::read_to_string(&taken).with_context(|| format!("reading {}", taken.display()))?,
    )
    .with_context(|| format!("reading {}", taken.display()))?;
    let identiteit = pki
        .client("bemiddelaar")
        .context("the test PKI has no certificate bemiddelaar")?;
    let config = BemiddelaarConfig::met_tls(
        url.clone(),
        Tls {
            certificate_pem: identiteit.chain_pem.clone(),
            key_pem: identiteit.key_pem.clone(),
            ca_pem: pki.ca_pem.clone(),
        },
    )?;
    let client = Bemiddelaar::new(config)?;
    let verslagen = runtime.block_on(voer_alle_uit(&client, &lijst));
    println!(
        "referentieclient: {} van {} taken voltooid (taken: {})",
        verslagen.iter().filter(|v| v.voltooid()).count(),
        verslagen.len(),
        taken.display()
    );
    let opname = dienst.opname();
    drop(dienst);
    let mut target = Target::with_rol(&url, Rol::Bemiddelaar);
    target.tls.ca_pem = Some(tls.ca_pem.clone());
    target.tls.identity = Some(Identity {
        chain_pem: tls.certificaat_pem.clone(),
        key_pem: tls.sleutel_pem.clone(),
    });
    let options = RunOptions {
        target,
        profiel: Some(vum_spec::profielen::profiel("bemiddelaar")?),
        simulatie: None,
        verklaringen: None,
        features: FeatureSource::Embedded,
        tags: None,
        concurrency: 1,
        progress: true,
    };
    let plan = vum_conformance::run::plan(options)?;
    print!("{}", vum_conformance::report::scope(&plan.scope));
    println!();
    let result = runtime.block_on(vum_conformance::run::execute_bemiddelaar(plan, opname));
    let code = crate::run::rapporteer(&result, report_dir, Some(signing));
    runtime.shutdown_timeout(Duration::from_secs(1));
    code
}
