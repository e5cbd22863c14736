//! The demo's second part: an embedded reference exchange on 127.0.0.1 over mutual TLS with the
//! demo's test PKI, in front of the harness's two simulated sources, certified by the
//! `uitwisseling` profile.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use vum_conformance::features::FeatureSource;
use vum_conformance::run::RunOptions;
use vum_conformance::simulatie::opzet::{self, Inrichting, Opzet};
use vum_conformance::target::{Rol, Target, TlsMaterial};
use vum_conformance::verklaringen::Verklaringen;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::uitwisseling::{Uitwisseling, UitwisselingConfig, api, bronnen, vumid};

use super::dienst::Dienst;
use crate::certificaat::Signing;

/// Two consecutive free ports on 127.0.0.1, for the two simulated sources.
fn free_port_pair() -> Result<u16> {
    for _ in 0..50 {
        let first = std::net::TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1")?;
        let port = first.local_addr()?.port();
        if port < u16::MAX && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return Ok(port);
        }
    }
    anyhow::bail!("no two consecutive free ports on 127.0.0.1 for the simulated sources")
}

/// A directory of its own under the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Starts the exchange, runs the `uitwisseling` profile against it, writes the reports and the
/// certificate to `report_dir`; returns the exit code.
pub(crate) fn certify(pki: &DevPki, report_dir: &Path, signing: &Signing) -> Result<u8> {
    let scratch =
        Scratch(std::env::temp_dir().join(format!("vum-conformance-demo-{}", std::process::id())));
    let pki_dir = scratch.0.join("pki");
    pki.write(&pki_dir)
        .with_context(|| format!("writing the test PKI to {}", pki_dir.display()))?;
    let setup = scratch.0.join("bronnen");
    opzet::schrijf(
        &setup,
        free_port_pair()?,
        &Inrichting::TestPki(pki_dir.clone()),
    )?;
    let sources = bronnen::read(&setup.join("bronnen.toml"))?;
    let config = UitwisselingConfig {
        tls: true,
        participants: Participants::parse(&pki.participants_toml)?,
        ..UitwisselingConfig::default()
    };
    let exchange = Uitwisseling::new(
        config,
        sources,
        vumid::PseudonymKey::generate()?,
        Uitwisseling::in_memory_database()?,
    )?;
    let dienst = Dienst::start(api::router(exchange), pki.exchange_server_settings()?)?;
    let port = dienst.port();
    println!(
        "\nvum-conformance: ingebouwde referentie-uitwisselingsvoorziening op https://localhost:{port}/api/v3 (tweezijdig TLS, test-PKI), voor twee gesimuleerde bronnen\n"
    );
    let url = format!("https://localhost:{port}/api/v3");
    let mut target = Target::with_rol(&url, Rol::Uitwisseling);
    target.tls = TlsMaterial::from_dev_pki(&pki_dir, Rol::Uitwisseling)
        .with_context(|| format!("reading the test PKI in {}", pki_dir.display()))?;
    let catalogue = vum_spec::requirements::catalogue()?;
    let mut verklaringen =
        Verklaringen::parse(vum_reference::VERKLARINGEN_UITWISSELING, &catalogue)
            .context("reference/verklaringen-uitwisseling.toml")?;
    verklaringen.herbevestig(time::OffsetDateTime::now_utc().date());
    let options = RunOptions {
        target,
        profiel: Some(vum_spec::profielen::profiel("uitwisseling")?),
        simulatie: Some(Opzet::read(&setup)?),
        verklaringen: Some(verklaringen),
        features: FeatureSource::Embedded,
        tags: None,
        concurrency: 1,
        progress: true,
    };
    std::fs::create_dir_all(report_dir)
        .with_context(|| format!("creating {}", report_dir.display()))?;
    let code = crate::run::certify(options, report_dir, Some(signing));
    dienst.stop();
    code
}
