//! Each deliberate fault of the client changes exactly its own behaviour: the same task against
//! the same stub exchange, once correct and once with the fault, and the requests the stub saw
//! compared. No assertion depends on how fast the machine is: the retry faults are told apart by
//! counts and by the waits the client's journal records.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use vum_reference::bemiddelaar::afwijking::STORM_POGINGEN;
use vum_reference::bemiddelaar::{Afwijking, Bemiddelaar, BemiddelaarFout, voer_uit};
use vum_spec::taken::Taak;
use vum_spec::testdata::oins;

use super::support::{Reply, Script, Seen, Stub, kort};

/// A request as compared: method, path, the headers of §3.2 and the body as JSON.
#[derive(Clone, Debug, PartialEq)]
struct Verzoek {
    method: String,
    path: String,
    to: String,
    from: String,
    via: String,
    versie: String,
    body: Option<Value>,
}

impl From<&Seen> for Verzoek {
    fn from(seen: &Seen) -> Self {
        let header = |name: &str| seen.header(name).unwrap_or_default().to_owned();
        Self {
            method: seen.method.to_string(),
            path: seen.path.clone(),
            to: header("X-VUM-toParty"),
            from: header("X-VUM-fromParty"),
            via: header("X-VUM-viaParty"),
            versie: header("X-VUM-berichtVersie"),
            body: (!seen.body.is_empty()).then(|| serde_json::from_slice(&seen.body).unwrap()),
        }
    }
}

/// Twelve job seekers `v1` … `v12`, and a detail of the test set's first for any of them.
fn twaalf_matches() -> Script {
    let set: Vec<Value> =
        serde_json::from_str(vum_spec::testdata::committed_werkzoekenden().unwrap()).unwrap();
    let detail = json!({"bronID": "stub", "werkzoekende": set[0]}).to_string();
    let matches = json!({
        "maximumAantalResultatenBereikt": false,
        "vraagID": "stub-1",
        "matches": (1..=12)
            .map(|n| json!({"vumID": format!("v{n}"), "mobiliteit": {"bemiddelingspostcode": "1791AB"}}))
            .collect::<Vec<_>>()
    })
    .to_string();
    Arc::new(move |_, seen: &Seen| {
        if seen.method == "POST" {
            Reply::new(200, matches.clone())
        } else {
            Reply::new(200, detail.clone())
        }
    })
}

/// A task with a criterion on a dotted path, two "at most" criteria, and twelve details.
fn taak() -> Taak {
    serde_json::from_value(json!({
        "nummer": 1,
        "omschrijving": "Zoek werkzoekenden binnen 15 km van 1791AA met rijbewijs C, uiterlijk 1 december beschikbaar, hoogstens 32 uur; vraag het detail op van de eerste twaalf",
        "zoek": {"werkzoekenden": {
            "postcode": "1791AA", "afstand": 15, "rijbewijzen": ["C"],
            "beschikbaarUiterlijk": "2026-12-01", "urenPerWeek": {"tot": 32}
        }},
        "details": 12
    }))
    .unwrap()
}

/// The requests of the task with this fault (or none), against a fresh stub of `script`.
async fn verzoeken(script: Script, afwijking: Option<Afwijking>) -> Vec<Verzoek> {
    let stub = Stub::start(script).await;
    let mut config = stub.config(kort(3), Duration::from_secs(5));
    config.afwijking = afwijking;
    let client = Bemiddelaar::new(config).unwrap();
    assert_eq!(client.afwijking(), afwijking);
    let _ = voer_uit(&client, &taak()).await;
    stub.seen().iter().map(Verzoek::from).collect()
}

#[tokio::test]
async fn the_header_and_body_faults_change_exactly_their_part_of_the_requests() {
    let goed = verzoeken(twaalf_matches(), None).await;
    assert_eq!(goed.len(), 11, "one question and ten details");
    assert!(goed.iter().all(|v| v.to == oins::UITWISSELING
        && v.from == oins::BEMIDDELAAR
        && v.via == oins::BEMIDDELAAR
        && v.versie == "3.0.0"));
    let vraag = goed[0].body.clone().unwrap()["vraagObject"].clone();

    for afwijking in [
        Afwijking::VerkeerdeToParty,
        Afwijking::ViaPartyNietCertificaat,
        Afwijking::GeenSelectiegebied,
        Afwijking::CriteriumOpVerkeerdPad,
        Afwijking::GteVoorHoogstens,
    ] {
        let fout = verzoeken(twaalf_matches(), Some(afwijking)).await;
        assert_eq!(fout.len(), goed.len(), "{afwijking}");
        // What the fault should make of the correct requests.
        let verwacht: Vec<Verzoek> = goed
            .iter()
            .cloned()
            .map(|mut v| {
                match afwijking {
                    Afwijking::VerkeerdeToParty => v.to = oins::BRON.to_owned(),
                    Afwijking::ViaPartyNietCertificaat => {
                        v.via = oins::BEMIDDELAAR_VERWERKER.to_owned();
                    }
                    _ => {
                        if let Some(body) = &mut v.body {
                            let vraag = body["vraagObject"].as_object_mut().unwrap();
                            match afwijking {
                                Afwijking::GeenSelectiegebied => {
                                    vraag.remove("selectiegebied").unwrap();
                                }
                                Afwijking::CriteriumOpVerkeerdPad => {
                                    let c = vraag.remove("arbeidsmarktkwalificatie.rijbewijs");
                                    vraag.insert("rijbewijs".to_owned(), c.unwrap());
                                }
                                _ => {
                                    for pad in [
                                        "datumAanvangBeschikbaarVoorWerk",
                                        "werktijden.aantalWerkurenPerWeekMinimaal",
                                    ] {
                                        let c = vraag[pad].as_object_mut().unwrap();
                                        let grens = c.remove("$lte").unwrap();
                                        c.insert("$gte".to_owned(), grens);
                                    }
                                }
                            }
                        }
                    }
                }
                v
            })
            .collect();
        assert_eq!(fout, verwacht, "{afwijking}");
        assert_ne!(fout, goed, "{afwijking}");
    }
    // The body faults are seen in the question the standard's correct client sends.
    assert!(vraag["selectiegebied"].is_object());
    assert_eq!(
        vraag["datumAanvangBeschikbaarVoorWerk"],
        json!({"$lte": "2026-12-01"})
    );
}

#[tokio::test]
async fn the_detail_faults_add_exactly_their_requests() {
    let goed = verzoeken(twaalf_matches(), None).await;
    let paden = |v: &[Verzoek]| v.iter().map(|v| v.path.clone()).collect::<Vec<_>>();

    // An eleventh detail: the correct requests and one more, of the eleventh match.
    let fout = verzoeken(twaalf_matches(), Some(Afwijking::ElfdeDetail)).await;
    assert_eq!(fout[..goed.len()], goed[..]);
    assert_eq!(
        paden(&fout[goed.len()..]),
        ["/api/v3/werkzoekendeProfielen/v11"]
    );

    // A detail by the source's key: after each detail, the same again by `idWerkzoekende`.
    let set: Vec<Value> =
        serde_json::from_str(vum_spec::testdata::committed_werkzoekenden().unwrap()).unwrap();
    let sleutel = set[0]["idWerkzoekende"].as_str().unwrap();
    let op_sleutel = format!("/api/v3/werkzoekendeProfielen/{sleutel}");
    let fout = verzoeken(twaalf_matches(), Some(Afwijking::DetailOpBronId)).await;
    assert_eq!(fout.len(), goed.len() + 10);
    let (extra, rest): (Vec<Verzoek>, Vec<Verzoek>) =
        fout.into_iter().partition(|v| v.path == op_sleutel);
    assert_eq!(rest, goed);
    assert_eq!(extra.len(), 10);
    assert!(
        extra
            .iter()
            .all(|v| v.method == "GET" && v.to == oins::UITWISSELING)
    );
}

fn te_veel(retry_after: Option<&str>) -> Reply {
    let reply = Reply::new(429, r#"{"code": "429.01", "message": "Te veel verzoeken"}"#);
    match retry_after {
        Some(seconds) => reply.header("retry-after", seconds),
        None => reply,
    }
}

/// The question: `429` first (with this `Retry-After`), then twelve matches.
fn eerst_429(retry_after: Option<&'static str>) -> Script {
    let verder = twaalf_matches();
    Arc::new(move |n, seen| {
        if n == 0 {
            te_veel(retry_after)
        } else {
            verder(n, seen)
        }
    })
}

#[tokio::test]
async fn an_immediate_retry_after_429_ignores_retry_after_and_nothing_else() {
    for afwijking in [None, Some(Afwijking::DirecteHerhalingNa429)] {
        // A Retry-After longer than the client waits: the correct client stops at once, the
        // faulty one asks again without waiting.
        let stub = Stub::start(eerst_429(Some("30"))).await;
        let mut config = stub.config(kort(3), Duration::from_secs(5));
        config.afwijking = afwijking;
        let client = Bemiddelaar::new(config).unwrap();
        let uitkomst = client.zoek(&taak().zoek).await;
        let journaal = client.journaal();
        if afwijking.is_none() {
            assert_eq!(
                uitkomst.unwrap_err(),
                BemiddelaarFout::TeLangWachten {
                    seconden: 30,
                    max: 5
                }
            );
            assert_eq!(stub.seen().len(), 1);
        } else {
            assert_eq!(uitkomst.unwrap().matches().len(), 12);
            assert_eq!(stub.seen().len(), 2);
            assert_eq!(journaal[1].gewacht, Duration::ZERO);
            assert_eq!(
                Verzoek::from(&stub.seen()[0]),
                Verzoek::from(&stub.seen()[1])
            );
        }
        // A 429 without Retry-After (a limit): the correct client never retries it.
        let stub = Stub::start(eerst_429(None)).await;
        let mut config = stub.config(kort(3), Duration::from_secs(5));
        config.afwijking = afwijking;
        let client = Bemiddelaar::new(config).unwrap();
        let uitkomst = client.zoek(&taak().zoek).await;
        assert_eq!(uitkomst.is_ok(), afwijking.is_some());
        assert_eq!(stub.seen().len(), if afwijking.is_some() { 2 } else { 1 });
    }
    // A 503 is still retried with back-off by a client whose fault is about 429.
    let stub = Stub::start(Arc::new(|n, seen| {
        if n == 0 {
            Reply::new(503, r#"{"code": "500.3", "message": "Niet beschikbaar"}"#)
        } else {
            twaalf_matches()(n, seen)
        }
    }))
    .await;
    let mut config = stub.config(kort(3), Duration::from_secs(5));
    config.afwijking = Some(Afwijking::DirecteHerhalingNa429);
    let client = Bemiddelaar::new(config).unwrap();
    client.zoek(&taak().zoek).await.unwrap();
    assert!(client.journaal()[1].gewacht >= Duration::from_millis(200));
}

#[tokio::test]
async fn a_retry_storm_after_503_and_nothing_else() {
    let altijd_503: Script =
        Arc::new(|_, _| Reply::new(503, r#"{"code": "500.3", "message": "Niet beschikbaar"}"#));
    let stub = Stub::start(Arc::clone(&altijd_503)).await;
    let client = stub.client(kort(3), Duration::from_secs(5));
    client.zoek(&taak().zoek).await.unwrap_err();
    assert_eq!(stub.seen().len(), 3);
    assert!(client.journaal()[1..].iter().all(|p| !p.gewacht.is_zero()));

    let stub = Stub::start(altijd_503).await;
    let mut config = stub.config(kort(3), Duration::from_secs(5));
    config.afwijking = Some(Afwijking::HerhaalstormNa503);
    let client = Bemiddelaar::new(config).unwrap();
    let fout = client.zoek(&taak().zoek).await.unwrap_err();
    assert!(
        matches!(fout, BemiddelaarFout::Opgegeven { pogingen, .. } if pogingen == STORM_POGINGEN)
    );
    assert_eq!(stub.seen().len(), STORM_POGINGEN as usize);
    assert!(client.journaal().iter().all(|p| p.gewacht.is_zero()));
    // The question itself is the correct one.
    let goed = verzoeken(twaalf_matches(), None).await;
    assert_eq!(Verzoek::from(&stub.seen()[0]), goed[0]);

    // Not even a Retry-After on the 503 spaces the storm.
    let stub = Stub::start(Arc::new(|_, _| {
        Reply::new(503, r#"{"code": "500.3", "message": "Niet beschikbaar"}"#)
            .header("retry-after", "2")
    }))
    .await;
    let mut config = stub.config(kort(3), Duration::from_secs(5));
    config.afwijking = Some(Afwijking::HerhaalstormNa503);
    let client = Bemiddelaar::new(config).unwrap();
    client.zoek(&taak().zoek).await.unwrap_err();
    assert_eq!(stub.seen().len(), STORM_POGINGEN as usize);
    assert!(client.journaal().iter().all(|p| p.gewacht.is_zero()));

    // A 429 with Retry-After is still waited out by a client whose fault is about 503.
    let stub = Stub::start(eerst_429(Some("1"))).await;
    let mut config = stub.config(kort(3), Duration::from_secs(5));
    config.afwijking = Some(Afwijking::HerhaalstormNa503);
    let client = Bemiddelaar::new(config).unwrap();
    client.zoek(&taak().zoek).await.unwrap();
    assert!(client.journaal()[1].gewacht >= Duration::from_millis(900));
}
