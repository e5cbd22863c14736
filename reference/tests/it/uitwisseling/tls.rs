//! The whole chain over mutual TLS: mediator → exchange → two sources, each hop with its own
//! certificate from the dev PKI.

use std::time::Duration;

use serde_json::json;
use vum_reference::bron::Part;
use vum_reference::bron::store::Store;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::uitwisseling::bronnen::{Aansluiting, ClientTls};
use vum_reference::uitwisseling::vumid::PseudonymKey;
use vum_reference::uitwisseling::{Uitwisseling, UitwisselingConfig};
use vum_reference::{Bron, BronConfig};
use vum_spec::Kind;
use vum_spec::testdata::oins;

use super::support::mediator_headers;
use crate::support::{client, serve_tls, test_set};

#[tokio::test]
async fn a_mediator_asks_and_fetches_through_the_exchange_over_mutual_tls() {
    let pki = DevPki::generate().unwrap();
    let participants = Participants::parse(&pki.participants_toml).unwrap();
    let exchange_identity = pki.client("uitwisseling").unwrap();
    let mut bronnen = Vec::new();
    for (index, name) in [(1, "bron-a"), (2, "bron-b")] {
        let node = Bron::new(
            BronConfig {
                participants: Some(participants.clone()),
                ..BronConfig::default()
            },
            Store::in_memory().unwrap(),
        )
        .unwrap();
        let part = Part { index, of: 2 };
        let (wz, _) = test_set();
        let share: Vec<_> = wz
            .iter()
            .enumerate()
            .filter(|(i, _)| part.holds(*i))
            .map(|(_, p)| p.clone())
            .collect();
        node.import(Kind::Werkzoekende, &share).unwrap();
        let port = serve_tls(&pki, vum_reference::bron::router(node)).await;
        bronnen.push(Aansluiting {
            bron_id: name.to_owned(),
            url: format!("https://localhost:{port}/api/v3"),
            controller_oin: oins::BRON.parse().unwrap(),
            processor_oin: oins::BRON_VERWERKER.parse().unwrap(),
            tls: Some(ClientTls {
                certificate_pem: exchange_identity.chain_pem.clone(),
                key_pem: exchange_identity.key_pem.clone(),
                ca_pem: pki.ca_pem.clone(),
            }),
            deadline: Duration::from_secs(5),
        });
    }
    let exchange = Uitwisseling::new(
        UitwisselingConfig {
            tls: true,
            participants,
            ..UitwisselingConfig::default()
        },
        bronnen,
        PseudonymKey::generate().unwrap(),
        Uitwisseling::in_memory_database().unwrap(),
    )
    .unwrap();
    let port = serve_tls(&pki, vum_reference::uitwisseling::api::router(exchange)).await;
    let base = format!("https://localhost:{port}/api/v3");
    let question = json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}});
    let send = |identity: &str, via: &str| {
        let mut request =
            client(&pki, Some(identity)).post(format!("{base}/werkzoekendeProfielen/matches"));
        for (name, value) in mediator_headers(oins::BEMIDDELAAR) {
            let value = if name == "X-VUM-viaParty" {
                via.to_owned()
            } else {
                value
            };
            request = request.header(name, value);
        }
        request.json(&question).send()
    };

    let reply = send("bemiddelaar", oins::BEMIDDELAAR).await.unwrap();
    assert_eq!(reply.status(), 200);
    assert!(reply.headers().contains_key("strict-transport-security"));
    let body: serde_json::Value = reply.json().await.unwrap();
    let matches = body["matches"].as_array().unwrap();
    assert_eq!(
        matches.len(),
        3,
        "wz-t01, wz-t02 and wz-t10 from both halves"
    );
    let vum_id = matches[0]["vumID"].as_str().unwrap();
    let mut request =
        client(&pki, Some("bemiddelaar")).get(format!("{base}/werkzoekendeProfielen/{vum_id}"));
    for (name, value) in mediator_headers(oins::BEMIDDELAAR) {
        request = request.header(name, value);
    }
    let detail: serde_json::Value = request.send().await.unwrap().json().await.unwrap();
    assert!(
        detail["werkzoekende"]["idWerkzoekende"]
            .as_str()
            .unwrap()
            .starts_with("wz-t")
    );

    // The certificate's OIN must be the viaParty; the exchange's own certificate is no mediator.
    for (identity, via) in [
        ("bemiddelaar", oins::BEMIDDELAAR_VERWERKER),
        ("uitwisseling", oins::UITWISSELING),
        ("onbekend", vum_reference::pki::ONBEKEND_OIN),
    ] {
        let reply = send(identity, via).await.unwrap();
        assert_eq!(reply.status(), 401, "{identity} as {via}");
    }
}
