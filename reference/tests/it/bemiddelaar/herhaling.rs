//! The client against a stub exchange on loopback that answers `429`, `503` or nothing on
//! purpose: `Retry-After` is waited out for the question and every later request, failures are
//! retried a bounded number of times with growing waits, a limit without `Retry-After` is never
//! retried, and nothing that looks like a direct identifier is sent.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use vum_reference::bemiddelaar::{BemiddelaarFout, Uitkomst};
use vum_spec::Kind;
use vum_spec::primitives::VumId;
use vum_spec::taken::Zoekopdracht;

use super::support::{Reply, Stub, kort};

fn zoek() -> Zoekopdracht {
    serde_json::from_value(json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 2}})).unwrap()
}

/// A matches answer with three job seekers `v1`, `v2`, `v3`.
fn drie_matches() -> String {
    let m = |id: &str| json!({"vumID": id, "mobiliteit": {"bemiddelingspostcode": "1791AB"}});
    json!({"maximumAantalResultatenBereikt": false, "vraagID": "stub-1", "matches": [m("v1"), m("v2"), m("v3")]})
        .to_string()
}

/// A detail answer with the first job seeker of the test set.
fn detail() -> String {
    let set: Vec<Value> =
        serde_json::from_str(vum_spec::testdata::committed_werkzoekenden().unwrap()).unwrap();
    json!({"bronID": "stub", "werkzoekende": set[0]}).to_string()
}

fn te_veel(retry_after: Option<&str>) -> Reply {
    let reply = Reply::new(
        429,
        r#"{"code": "429.01", "message": "Aantal werkzoekendeProfielen limiet overschreden"}"#,
    );
    match retry_after {
        Some(seconds) => reply.header("retry-after", seconds),
        None => reply,
    }
}

fn niet_beschikbaar() -> Reply {
    Reply::new(
        503,
        r#"{"code": "500.3", "message": "Service niet beschikbaar"}"#,
    )
}

#[tokio::test]
async fn a_429_is_waited_out_for_that_question_and_every_later_request() {
    // 0: the question gets 429 with Retry-After 1; 1: its retry, 200; 2: detail v1, 429 with
    // Retry-After 1; 3: its retry, 200; 4: detail v2, 200.
    let stub = Stub::start(Arc::new(|n, _| match n {
        0 | 2 => te_veel(Some("1")),
        1 => Reply::new(200, drie_matches()),
        _ => Reply::new(200, detail()),
    }))
    .await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    let mut resultaat = client.zoek(&zoek()).await.unwrap();
    assert_eq!(resultaat.matches().len(), 3);
    client
        .detail(&mut resultaat, &VumId::new("v1"))
        .await
        .unwrap();
    client
        .detail(&mut resultaat, &VumId::new("v2"))
        .await
        .unwrap();
    let seen = stub.seen();
    assert_eq!(seen.len(), 5);
    let gap = |a: usize, b: usize| seen[b].at.duration_since(seen[a].at);
    assert!(gap(0, 1) >= Duration::from_secs(1), "{:?}", gap(0, 1));
    assert!(gap(2, 3) >= Duration::from_secs(1), "{:?}", gap(2, 3));
    assert_eq!(seen[3].path, "/api/v3/werkzoekendeProfielen/v1");
    assert_eq!(seen[4].path, "/api/v3/werkzoekendeProfielen/v2");
    let journaal = client.journaal();
    assert_eq!(journaal.len(), 5);
    assert!(journaal[1].gewacht >= Duration::from_millis(900));
    assert_eq!(
        journaal[0].uitkomst,
        Uitkomst::Status {
            status: 429,
            retry_after: Some("1".to_owned())
        }
    );
}

#[tokio::test]
async fn a_429_without_retry_after_is_a_limit_and_never_retried() {
    let stub = Stub::start(Arc::new(|_, _| te_veel(None))).await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    let fout = client.zoek(&zoek()).await.unwrap_err();
    assert_eq!(
        fout.to_string(),
        "de uitwisselingsvoorziening antwoordde 429 429.01: Aantal werkzoekendeProfielen limiet overschreden"
    );
    assert_eq!(stub.seen().len(), 1);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_client_waits_ends_the_request_at_once() {
    let stub = Stub::start(Arc::new(|_, _| te_veel(Some("3600")))).await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    let fout = client.zoek(&zoek()).await.unwrap_err();
    assert_eq!(
        fout,
        BemiddelaarFout::TeLangWachten {
            seconden: 3600,
            max: 5
        }
    );
    assert_eq!(stub.seen().len(), 1);
}

#[tokio::test]
async fn a_503_is_retried_a_bounded_number_of_times_with_growing_waits() {
    let stub = Stub::start(Arc::new(|_, _| niet_beschikbaar())).await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    let fout = client.zoek(&zoek()).await.unwrap_err();
    assert_eq!(
        fout.to_string(),
        "geen antwoord na 3 poging(en); laatste: 503 (500.3 Service niet beschikbaar)"
    );
    let seen = stub.seen();
    assert_eq!(seen.len(), 3, "no retry storm");
    assert!(seen[1].at.duration_since(seen[0].at) >= Duration::from_millis(200));
    assert!(seen[2].at.duration_since(seen[1].at) >= Duration::from_millis(400));
    // Recovery within the tries: a 503, then an answer.
    let stub = Stub::start(Arc::new(|n, _| match n {
        0 => niet_beschikbaar(),
        _ => Reply::new(200, drie_matches()),
    }))
    .await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    assert_eq!(client.zoek(&zoek()).await.unwrap().matches().len(), 3);
    assert_eq!(stub.seen().len(), 2);
}

#[tokio::test]
async fn a_timeout_is_retried_a_bounded_number_of_times() {
    let stub = Stub::start(Arc::new(|_, _| {
        Reply::new(200, drie_matches()).after(Duration::from_secs(3))
    }))
    .await;
    let client = stub.client(kort(2), Duration::from_millis(300));
    let fout = client.zoek(&zoek()).await.unwrap_err();
    assert_eq!(
        fout.to_string(),
        "geen antwoord na 2 poging(en); laatste: geen antwoord binnen 0.3 s"
    );
    assert_eq!(stub.seen().len(), 2);
}

#[tokio::test]
async fn other_errors_are_never_retried_and_answers_off_contract_are_not_used() {
    for status in [400, 401, 404, 500] {
        let stub = Stub::start(Arc::new(move |_, _| {
            Reply::new(
                status,
                r#"{"code": "400.01", "message": "Ongeldige aanroep"}"#,
            )
        }))
        .await;
        let client = stub.client(kort(3), Duration::from_secs(5));
        let fout = client.zoek(&zoek()).await.unwrap_err();
        assert!(matches!(fout, BemiddelaarFout::Antwoord { status: s, .. } if s == status));
        assert_eq!(stub.seen().len(), 1, "{status}");
    }
    let stub = Stub::start(Arc::new(|_, _| {
        Reply::new(200, r#"{"matches": [{"idWerkzoekende": "wz-t01"}]}"#)
    }))
    .await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    let fout = client.zoek(&zoek()).await.unwrap_err();
    assert!(
        fout.to_string().starts_with(
            "het antwoord voldoet niet aan het contract (werkzoekende-matches-response: "
        ),
        "{fout}"
    );
    assert_eq!(stub.seen().len(), 1);
}

#[tokio::test]
async fn nothing_that_looks_like_a_direct_identifier_is_sent() {
    let stub = Stub::start(Arc::new(|_, _| Reply::new(200, drie_matches()))).await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    let opdracht: Zoekopdracht = serde_json::from_value(json!({"werkzoekenden": {
        "postcode": "1791AA", "afstand": 2, "beroepen": ["mailto:j.jansen@voorbeeld.nl"]
    }}))
    .unwrap();
    let fout = client.zoek(&opdracht).await.unwrap_err();
    assert_eq!(
        fout.to_string(),
        "niet verstuurd: de zoekvraag bevat iets dat op een emailadres lijkt; een verzoek draagt nooit directe identificatoren"
    );
    // A BSN (it passes the eleven test) where a vumID belongs.
    let fout = client
        .detail_van(Kind::Werkzoekende, &VumId::new("111222333"))
        .await
        .unwrap_err();
    assert!(matches!(
        fout,
        BemiddelaarFout::Identificator {
            waar: "het adres",
            ..
        }
    ));
    let fout = client
        .detail_van(Kind::Werkzoekende, &VumId::new("../vacatures/x"))
        .await
        .unwrap_err();
    assert!(matches!(fout, BemiddelaarFout::OngeldigVumId(_)));
    assert!(stub.seen().is_empty());
}
