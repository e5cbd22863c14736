//! The one-command demo: an embedded reference node on 127.0.0.1, over mutual TLS with a fresh
//! test PKI and the certification test set, certified by the full suite. Part of the binary only.

use std::path::Path;

use anyhow::{Context, Result};
use vum_conformance::Target;
use vum_conformance::run::RunOptions;
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::server::tls;
use vum_reference::{Bron, BronConfig};

/// Starts the node, runs the suite against it, writes the reports; returns the exit code.
pub(crate) fn certify(features: &Path, report_dir: &Path) -> Result<u8> {
    let pki_dir = std::env::temp_dir().join(format!("vum-conformance-pki-{}", std::process::id()));
    let pki = DevPki::generate().context("generating the test PKI")?;
    pki.write(&pki_dir).context("writing the test PKI")?;
    let outcome = run(features, report_dir, &pki, &pki_dir);
    let _ = std::fs::remove_dir_all(&pki_dir);
    outcome
}

fn run(features: &Path, report_dir: &Path, pki: &DevPki, pki_dir: &Path) -> Result<u8> {
    let config = BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml)?),
        ..BronConfig::default()
    };
    let node = Bron::new(config, Store::in_memory()?)?;
    let (werkzoekenden, vacatures) = node.load_certification_test_set()?;
    let settings = pki.server_settings()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.context("binding 127.0.0.1")?;
        let port = listener.local_addr()?.port();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(tls::serve(listener, vum_reference::bron::router(node), settings, async {
            let _ = stopped.await;
        }));
        println!(
            "vum-conformance: embedded reference node with {} werkzoekenden and {} vacatures on https://localhost:{port}/api/v3 (mutual TLS, test PKI)",
            werkzoekenden.records, vacatures.records
        );
        let mut target = Target::new(&format!("https://localhost:{port}/api/v3"));
        let exchange = pki.client("uitwisseling").context("the test PKI has no exchange certificate")?;
        target.identity = Some((exchange.chain_pem.clone(), exchange.key_pem.clone()));
        target.pki = Some(pki_dir.to_path_buf());
        let options = RunOptions { target, features: features.to_path_buf(), tags: None, concurrency: 8, progress: true };
        let result = vum_conformance::run(options).await?;
        let _ = stop.send(());
        let _ = server.await;
        let written = vum_conformance::report::write_all(&result, report_dir)
            .with_context(|| format!("writing the reports to {}", report_dir.display()))?;
        print!("{}", vum_conformance::report::console(&result));
        println!("reports: {}", written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
        Ok(result.exit_code())
    })
}
