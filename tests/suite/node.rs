//! A reference source on 127.0.0.1:0, loaded with the certification test set, and the options
//! of a quiet run of the embedded features against it.

use std::net::SocketAddr;

use vum_conformance::Target;
use vum_conformance::features::FeatureSource;
use vum_conformance::target::{Identity, SpecialCert, TlsMaterial};
use vum_conformance::verklaringen::Verklaringen;
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::server::listener;
use vum_reference::{Bron, BronConfig};
use vum_spec::Kind;

/// Serves `bron` over plain HTTP in the background; returns its address.
pub(crate) async fn serve(bron: Bron) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = vum_reference::bron::router(bron);
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

/// A source with the certification test set.
pub(crate) fn loaded(config: BronConfig) -> Bron {
    let bron = Bron::new(config, Store::in_memory().unwrap()).unwrap();
    bron.load_certification_test_set().unwrap();
    bron
}

/// Starts a source in the background; returns its address.
pub(crate) async fn start(config: BronConfig) -> SocketAddr {
    serve(loaded(config)).await
}

/// Starts a source over mutual TLS on 127.0.0.1 that trusts `pki` and its participants; returns
/// its port (reach it as `localhost`, the name in the server certificate).
pub(crate) async fn start_tls(pki: &DevPki) -> u16 {
    start_tls_with(pki, &Kind::ALL).await
}

/// The same, with only the test set's profiles of `kinds` imported.
pub(crate) async fn start_tls_with(pki: &DevPki, kinds: &[Kind]) -> u16 {
    let config = BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml).unwrap()),
        ..Default::default()
    };
    let bron = Bron::new(config, Store::in_memory().unwrap()).unwrap();
    for kind in kinds {
        let text = match kind {
            Kind::Werkzoekende => vum_spec::testdata::committed_werkzoekenden(),
            Kind::Vacature => vum_spec::testdata::committed_vacatures(),
        };
        let prepared = vum_reference::bron::import::prepare(*kind, text.unwrap()).unwrap();
        bron.import(*kind, &prepared).unwrap();
    }
    let settings = pki.server_settings().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(listener::serve_tls(
        listener,
        vum_reference::bron::router(bron),
        settings,
        std::future::pending(),
    ));
    port
}

/// A test-PKI identity as the harness takes it.
pub(crate) fn identity(pki: &DevPki, name: &str) -> Identity {
    let found = pki.client(name).unwrap();
    Identity {
        chain_pem: found.chain_pem.clone(),
        key_pem: found.key_pem.clone(),
    }
}

/// All TLS material of a test PKI: CA, the exchange's certificate, every special certificate.
pub(crate) fn material(pki: &DevPki) -> TlsMaterial {
    let mut material = TlsMaterial {
        ca_pem: Some(pki.ca_pem.clone()),
        identity: Some(identity(pki, "uitwisseling")),
        ..TlsMaterial::default()
    };
    for cert in SpecialCert::ALL {
        material.special.insert(cert, identity(pki, cert.name()));
    }
    material
}

/// A target over mutual TLS on `port` with all of `pki`'s material.
pub(crate) fn tls_target(pki: &DevPki, port: u16) -> Target {
    let mut target = Target::new(&format!("https://localhost:{port}/api/v3"));
    target.tls = material(pki);
    target
}

/// The reference node's declarations (`reference/verklaringen.toml`), re-affirmed today.
pub(crate) fn declarations() -> Verklaringen {
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let mut declarations = Verklaringen::parse(vum_reference::VERKLARINGEN, &catalogue).unwrap();
    declarations.herbevestig(time::OffsetDateTime::now_utc().date());
    declarations
}

/// A quiet run of the embedded features against `target`, 8 scenarios at a time, with the
/// reference node's declarations.
pub(crate) fn options(target: Target) -> vum_conformance::RunOptions {
    vum_conformance::RunOptions {
        target,
        profiel: None,
        features: FeatureSource::Embedded,
        simulatie: None,
        verklaringen: Some(declarations()),
        tags: None,
        concurrency: 8,
        progress: false,
    }
}

/// A test PKI written to a directory of its own (removed by the caller when it likes).
pub(crate) fn pki_dir(pki: &DevPki, name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "vum-suite-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
    ));
    pki.write(&dir).unwrap();
    dir
}

/// Two consecutive free ports on 127.0.0.1 (for the two simulated sources).
pub(crate) fn free_port_pair() -> u16 {
    for _ in 0..50 {
        let first = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = first.local_addr().unwrap().port();
        if port < u16::MAX && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no two consecutive free ports on 127.0.0.1");
}

/// The reference exchange over mutual TLS with `pki`, with this configuration and these sources.
pub(crate) async fn start_exchange_with(
    pki: &DevPki,
    config: vum_reference::uitwisseling::UitwisselingConfig,
    sources: Vec<vum_reference::uitwisseling::bronnen::Aansluiting>,
) -> u16 {
    use vum_reference::uitwisseling::{Uitwisseling, vumid};
    let exchange = Uitwisseling::new(
        config,
        sources,
        vumid::PseudonymKey::generate().unwrap(),
        Uitwisseling::in_memory_database().unwrap(),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(listener::serve_tls(
        listener,
        vum_reference::uitwisseling::api::router(exchange),
        pki.exchange_server_settings().unwrap(),
        std::future::pending(),
    ));
    port
}

/// The reference exchange's declarations (`reference/verklaringen-uitwisseling.toml`),
/// re-affirmed today.
pub(crate) fn exchange_declarations() -> Verklaringen {
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let mut declarations =
        Verklaringen::parse(vum_reference::VERKLARINGEN_UITWISSELING, &catalogue).unwrap();
    declarations.herbevestig(time::OffsetDateTime::now_utc().date());
    declarations
}
