//! Over real sockets on 127.0.0.1: plain HTTP, and mutual TLS with the dev PKI.

use std::sync::Arc;

use serde_json::{Value, json};
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::{Bron, BronConfig};
use vum_spec::testdata::oins;

use crate::support::{client, serve_tls, vum_headers};

fn demo_node(config: BronConfig) -> Bron {
    let node = Bron::new(config, Store::in_memory().unwrap()).unwrap();
    node.load_certification_test_set().unwrap();
    node
}

fn question() -> Value {
    json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}})
}

fn headers(to: &str) -> reqwest::header::HeaderMap {
    let mut map = reqwest::header::HeaderMap::new();
    for (name, value) in vum_headers() {
        let value = if name == "X-VUM-toParty" { to } else { value };
        map.insert(
            reqwest::header::HeaderName::from_static(Box::leak(
                name.to_ascii_lowercase().into_boxed_str(),
            )),
            value.parse().unwrap(),
        );
    }
    map
}

#[tokio::test]
async fn plain_http_on_a_real_socket() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = vum_reference::bron::router(demo_node(BronConfig::default()));
    tokio::spawn(async move { axum::serve(listener, router).await });
    // reqwest is built without a default crypto provider; the workspace uses ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    let reply = client
        .post(format!(
            "http://{address}/api/v3/werkzoekendeProfielen/matches"
        ))
        .headers(headers(oins::BRON))
        .json(&question())
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.headers()["x-vum-fromparty"], oins::BRON);
    let body: Value = reply.json().await.unwrap();
    let ids: Vec<&str> = body["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["idWerkzoekende"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["wz-t01", "wz-t02", "wz-t10"]);
}

#[tokio::test]
async fn mutual_tls_serves_only_the_trusted_exchange_and_audits_every_refusal() {
    let pki = DevPki::generate().unwrap();
    let config = BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml).unwrap()),
        ..Default::default()
    };
    let node = demo_node(config);
    let store = Arc::clone(node.store());
    let port = serve_tls(&pki, vum_reference::bron::router(node)).await;
    let url = format!("https://localhost:{port}/api/v3/werkzoekendeProfielen/matches");

    let reply = client(&pki, Some("uitwisseling"))
        .post(&url)
        .headers(headers(oins::BRON))
        .json(&question())
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    assert!(reply.headers().contains_key("strict-transport-security"));

    let refused = [
        ("geen certificaat", None, oins::BRON),
        ("verlopen", Some("verlopen"), oins::BRON),
        ("vreemde CA", Some("vreemd"), oins::BRON),
        ("niet in de deelnemerslijst", Some("onbekend"), oins::BRON),
        (
            "niet de uitwisselingsvoorziening",
            Some("bemiddelaar"),
            oins::BRON,
        ),
        (
            "toParty is een andere bron",
            Some("uitwisseling"),
            oins::PARTICULIER,
        ),
    ];
    for (what, identity, to) in refused {
        let reply = client(&pki, identity)
            .post(&url)
            .headers(headers(to))
            .json(&question())
            .send()
            .await;
        let reply = reply.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(reply.status(), 401, "{what}");
        assert!(
            reply.text().await.unwrap().is_empty(),
            "{what}: a 401 has no body"
        );
    }
    let audit = store.database().audit(None, None).unwrap();
    let refusals: Vec<&str> = audit
        .iter()
        .filter(|r| r.operatie == "toegang")
        .map(|r| r.uitkomst.as_str())
        .collect();
    assert_eq!(refusals.len(), 6, "{refusals:#?}");
    for (reason, expected) in refusals.iter().zip([
        "geen clientcertificaat",
        "verlopen",
        "stamcertificaat",
        "deelnemerslijst",
        "niet de uitwisselingsvoorziening",
        "X-VUM-toParty",
    ]) {
        assert!(
            reason.contains(expected),
            "{reason} should mention {expected}"
        );
    }

    let plain = reqwest::Client::new()
        .post(format!(
            "http://localhost:{port}/api/v3/werkzoekendeProfielen/matches"
        ))
        .json(&question())
        .send()
        .await;
    assert!(
        plain.is_err() || plain.is_ok_and(|r| r.status() != 200),
        "no plain HTTP in TLS mode"
    );
}

#[tokio::test]
async fn requests_without_a_certificate_are_throttled_per_address_before_anything_is_written() {
    let pki = DevPki::generate().unwrap();
    let mut config = BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml).unwrap()),
        ..Default::default()
    };
    config.limits.refusals = Some(vum_reference::server::limit::RateLimit {
        per_second: 0.001,
        burst: 20.0,
    });
    let node = demo_node(config);
    let database = Arc::clone(node.database());
    let address = crate::support::serve_router(
        vum_reference::bron::router(node),
        vum_reference::server::limit::ConnectionLimits::default(),
        Some(&pki),
    )
    .await;
    let url = format!(
        "https://localhost:{}/api/v3/werkzoekendeProfielen/matches",
        address.port()
    );
    let anonymous = client(&pki, None);
    let mut statuses = std::collections::BTreeMap::new();
    for _ in 0..300 {
        let reply = anonymous
            .post(&url)
            .headers(headers(oins::BRON))
            .json(&question())
            .send()
            .await
            .unwrap();
        if reply.status() == 429 {
            assert!(reply.headers().contains_key("retry-after"));
        }
        *statuses.entry(reply.status().as_u16()).or_insert(0) += 1;
    }
    assert_eq!(statuses, [(401, 20), (429, 280)].into_iter().collect());
    let refusals = database
        .audit(None, None)
        .unwrap()
        .into_iter()
        .filter(|r| r.operatie == "toegang")
        .count();
    assert_eq!(
        refusals, 20,
        "one record per refusal within the limit, none beyond it"
    );
    // The exchange's own certificate is not throttled by the flood.
    let reply = client(&pki, Some("uitwisseling"))
        .post(&url)
        .headers(headers(oins::BRON))
        .json(&question())
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
}
