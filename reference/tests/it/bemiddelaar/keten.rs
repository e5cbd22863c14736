//! The client through the whole chain (client → reference exchange → two reference sources):
//! known questions give the published answers, every criterion means what the standard says,
//! the headers and bodies the exchange receives, details, and the detail rules.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use vum_reference::bemiddelaar::{Bemiddelaar, BemiddelaarFout, Zoekresultaat};
use vum_spec::Kind;
use vum_spec::primitives::VumId;
use vum_spec::taken::Zoekopdracht;
use vum_spec::testdata::oins;
use vum_spec::validate::violations;

use super::support::Keten;

fn zoek(json: Value) -> Zoekopdracht {
    serde_json::from_value(json).unwrap()
}

/// The source ids behind an answer, sorted.
fn ids(keten: &Keten, resultaat: &Zoekresultaat) -> Vec<String> {
    let kind = resultaat.kind();
    let set: BTreeSet<String> = resultaat
        .matches()
        .iter()
        .map(|m| keten.open(kind, m.vum_id().as_str()))
        .collect();
    set.into_iter().collect()
}

fn lijst(ids: &str) -> Vec<String> {
    ids.split(", ").map(str::to_owned).collect()
}

#[tokio::test]
async fn known_questions_give_the_published_answers_with_the_headers_of_the_standard() {
    let keten = Keten::plain().await;
    let client = keten.client();
    let wz = client
        .zoek(&zoek(
            json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}),
        ))
        .await
        .unwrap();
    assert_eq!(ids(&keten, &wz), lijst("wz-t01, wz-t02, wz-t10"));
    assert!(!wz.maximum_aantal_resultaten_bereikt());
    let vac = client
        .zoek(&zoek(
            json!({"vacatures": {"postcode": "8881AA", "afstand": 15}}),
        ))
        .await
        .unwrap();
    assert_eq!(
        ids(&keten, &vac),
        lijst("vac-t01, vac-t02, vac-t03, vac-t04, vac-t05, vac-t06, vac-t07, vac-t08, vac-t09")
    );

    let seen = keten.seen();
    assert_eq!(seen.len(), 2);
    for (request, kind) in seen.iter().zip([Kind::Werkzoekende, Kind::Vacature]) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, format!("/api/v3{}", kind.matches_path()));
        assert_eq!(request.header("X-VUM-toParty"), Some(oins::UITWISSELING));
        assert_eq!(request.header("X-VUM-fromParty"), Some(oins::BEMIDDELAAR));
        assert_eq!(request.header("X-VUM-viaParty"), Some(oins::BEMIDDELAAR));
        assert_eq!(request.header("X-VUM-berichtVersie"), Some("3.0.0"));
        assert_eq!(request.header("API-Version"), Some("3.0.0"));
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert!(request.header("X-VUM-SUWIparty").is_none());
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let errors = violations(kind.matches_request_message(), &body).unwrap();
        assert!(errors.is_empty(), "{body}: {errors:#?}");
        assert!(body["vraagObject"]["selectiegebied"].is_object());
    }
}

/// Each criterion through the whole chain, with the answers the features write out for the
/// reference source (`features/bron/selectie/criteria_*.feature`).
#[tokio::test]
async fn each_criterion_asks_what_the_standard_means() {
    let keten = Keten::plain().await;
    let client = keten.client();
    let b1 = vum_spec::testdata::beroep_uri("B1").unwrap();
    let (b2, b3) = (
        vum_spec::testdata::beroep_uri("B2").unwrap(),
        vum_spec::testdata::beroep_uri("B3").unwrap(),
    );
    let werkzoekenden = [
        (
            json!({"beroepen": [b1]}),
            "wz-t01, wz-t02, wz-t05, wz-t08, wz-t10",
        ),
        (
            json!({"beroepen": [b2, b3]}),
            "wz-t02, wz-t03, wz-t07, wz-t08, wz-t12",
        ),
        (
            json!({"contractvormen": ["onbepaaldeTijd"]}),
            "wz-t01, wz-t03, wz-t05, wz-t07, wz-t10, wz-t12",
        ),
        (
            json!({"contractvormen": ["bepaaldeTijd"]}),
            "wz-t02, wz-t03, wz-t06, wz-t08",
        ),
        (
            json!({"onregelmatigWerk": true}),
            "wz-t01, wz-t03, wz-t06, wz-t07, wz-t10",
        ),
        (json!({"onregelmatigWerk": false}), "wz-t02, wz-t05, wz-t08"),
        (json!({"kantoortijden": false}), "wz-t02, wz-t06, wz-t12"),
        (json!({"rijbewijzen": ["B", "C"]}), "wz-t02, wz-t12"),
        (json!({"rijbewijzen": ["CE", "C"]}), "wz-t03, wz-t12"),
        (
            json!({"talen": [{"taal": "nld", "mondeling": "goed"}]}),
            "wz-t01, wz-t02, wz-t05, wz-t07, wz-t08, wz-t10",
        ),
        (
            json!({"talen": [{"taal": "nld", "schriftelijk": "goed"}]}),
            "wz-t01, wz-t05, wz-t07, wz-t10",
        ),
        (
            json!({"talen": [{"taal": "nld", "mondeling": "redelijk"}, {"taal": "eng", "mondeling": "uitstekend"}]}),
            "wz-t03",
        ),
        (
            json!({"beschikbaarUiterlijk": "2026-12-01"}),
            "wz-t01, wz-t03, wz-t07, wz-t10",
        ),
        (
            json!({"urenPerWeek": {"van": 36}}),
            "wz-t01, wz-t02, wz-t06, wz-t10, wz-t12",
        ),
        (
            json!({"urenPerWeek": {"tot": 16}}),
            "wz-t03, wz-t05, wz-t08, wz-t11",
        ),
        (
            json!({"urenPerWeek": {"van": 24, "tot": 32}}),
            "wz-t01, wz-t02, wz-t03, wz-t07, wz-t10",
        ),
    ];
    for (criteria, verwacht) in werkzoekenden {
        let mut opdracht = json!({"postcode": "1791AA", "afstand": 15});
        opdracht
            .as_object_mut()
            .unwrap()
            .extend(criteria.as_object().unwrap().clone());
        let resultaat = client
            .zoek(&zoek(json!({"werkzoekenden": opdracht})))
            .await
            .unwrap();
        assert_eq!(ids(&keten, &resultaat), lijst(verwacht), "{criteria}");
    }
    let vacatures = [
        (json!({"beroep": b1}), "vac-t01, vac-t03, vac-t06, vac-t09"),
        (
            json!({"werkEnDenkniveau": {"minstens": 4}}),
            "vac-t01, vac-t02, vac-t08",
        ),
        (
            json!({"werkEnDenkniveau": "bekend"}),
            "vac-t01, vac-t02, vac-t05, vac-t06, vac-t07, vac-t08, vac-t09",
        ),
        (json!({"werkEnDenkniveau": "nietBekend"}), "vac-t03"),
        (
            json!({"aanvangVanaf": "2026-12-01"}),
            "vac-t01, vac-t02, vac-t05, vac-t06, vac-t08, vac-t09",
        ),
        (
            json!({"onregelmatigWerk": false}),
            "vac-t02, vac-t05, vac-t09",
        ),
        (
            json!({"onregelmatigWerk": true}),
            "vac-t01, vac-t03, vac-t06, vac-t08",
        ),
        (json!({"rijbewijzen": ["C"]}), "vac-t02, vac-t05"),
        (
            json!({"talen": [{"taal": "nld", "mondeling": "goed"}]}),
            "vac-t01, vac-t02, vac-t05, vac-t06, vac-t08",
        ),
        (
            json!({"urenPerWeek": {"van": 40}}),
            "vac-t01, vac-t03, vac-t07",
        ),
        (json!({"urenPerWeek": {"tot": 8}}), "vac-t06, vac-t09"),
        (
            json!({"onregelmatigWerk": false, "rijbewijzen": ["C"]}),
            "vac-t02, vac-t05",
        ),
    ];
    for (criteria, verwacht) in vacatures {
        let mut opdracht = json!({"postcode": "8881AA", "afstand": 15});
        opdracht
            .as_object_mut()
            .unwrap()
            .extend(criteria.as_object().unwrap().clone());
        let resultaat = client
            .zoek(&zoek(json!({"vacatures": opdracht})))
            .await
            .unwrap();
        assert_eq!(ids(&keten, &resultaat), lijst(verwacht), "{criteria}");
    }
    for request in keten.seen() {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        let kind = Kind::of_path(request.path.trim_start_matches("/api/v3")).unwrap();
        let errors = violations(kind.matches_request_message(), &body).unwrap();
        assert!(errors.is_empty(), "{body}: {errors:#?}");
    }
}

#[tokio::test]
async fn details_only_of_the_answer_and_never_an_eleventh() {
    let keten = Keten::plain().await;
    let client = keten.client();
    // Ameland: 101 job seekers, more than the detail limit.
    let mut resultaat = client
        .zoek(&zoek(
            json!({"werkzoekenden": {"postcode": "9161AA", "afstand": 20}}),
        ))
        .await
        .unwrap();
    assert!(resultaat.matches().len() > 10);
    let vum_ids: Vec<VumId> = resultaat
        .matches()
        .iter()
        .map(|m| m.vum_id().clone())
        .collect();
    for vum_id in &vum_ids[..10] {
        let detail = client.detail(&mut resultaat, vum_id).await.unwrap();
        let DetailWz { id, bron } = detail_wz(&detail);
        assert_eq!(id, keten.open(Kind::Werkzoekende, vum_id.as_str()));
        assert!(bron == "bron-a" || bron == "bron-b");
    }
    // Asking one of the ten again is no new detail; the eleventh is refused without a request.
    client.detail(&mut resultaat, &vum_ids[0]).await.unwrap();
    let before = keten.seen().len();
    let fout = client
        .detail(&mut resultaat, &vum_ids[10])
        .await
        .unwrap_err();
    assert_eq!(fout, BemiddelaarFout::DetailLimiet { max: 10 });
    assert!(
        fout.to_string()
            .starts_with("al 10 details van deze zoekvraag opgevraagd")
    );
    // A vumID of no answer is refused too, and so is one of another question.
    let vreemd = VumId::new("1ditkomtnergensvandaan");
    assert!(matches!(
        client.detail(&mut resultaat, &vreemd).await,
        Err(BemiddelaarFout::VreemdVumId(_))
    ));
    let mut ander = client
        .zoek(&zoek(
            json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}),
        ))
        .await
        .unwrap();
    assert!(matches!(
        client.detail(&mut ander, &vum_ids[11]).await,
        Err(BemiddelaarFout::VreemdVumId(_))
    ));
    let seen = keten.seen();
    assert_eq!(seen.len(), before + 1, "only the second question was sent");
    let details: Vec<_> = seen.iter().filter(|s| s.method == "GET").collect();
    assert_eq!(details.len(), 11, "ten details and one repeat");
    for request in details {
        assert_eq!(request.header("X-VUM-toParty"), Some(oins::UITWISSELING));
        assert_eq!(request.header("X-VUM-fromParty"), Some(oins::BEMIDDELAAR));
        assert_eq!(request.header("X-VUM-berichtVersie"), Some("3.0.0"));
        assert!(request.body.is_empty());
        assert!(request.path.starts_with("/api/v3/werkzoekendeProfielen/1"));
    }
}

struct DetailWz {
    id: String,
    bron: String,
}

fn detail_wz(detail: &vum_reference::bemiddelaar::Detail) -> DetailWz {
    let json: Value = serde_json::from_str(&detail.json()).unwrap();
    assert!(
        violations(vum_spec::Message::WerkzoekendeDetailResponse, &json)
            .unwrap()
            .is_empty()
    );
    DetailWz {
        id: json["werkzoekende"]["idWerkzoekende"]
            .as_str()
            .unwrap()
            .to_owned(),
        bron: detail.bron_id().to_owned(),
    }
}

#[tokio::test]
async fn the_whole_chain_over_mutual_tls() {
    let keten = Keten::tls().await;
    let client = keten.client();
    let mut wz = client
        .zoek(&zoek(
            json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}),
        ))
        .await
        .unwrap();
    assert_eq!(ids(&keten, &wz), lijst("wz-t01, wz-t02, wz-t10"));
    let first = wz.matches()[0].vum_id().clone();
    let detail = client.detail(&mut wz, &first).await.unwrap();
    assert_eq!(
        detail_wz(&detail).id,
        keten.open(Kind::Werkzoekende, first.as_str())
    );
    let mut vac = client
        .zoek(&zoek(
            json!({"vacatures": {"postcode": "8881AA", "afstand": 15, "rijbewijzen": ["C"]}}),
        ))
        .await
        .unwrap();
    assert_eq!(ids(&keten, &vac), lijst("vac-t02, vac-t05"));
    let first = vac.matches()[0].vum_id().clone();
    let detail = client.detail(&mut vac, &first).await.unwrap();
    let json: Value = serde_json::from_str(&detail.json()).unwrap();
    assert_eq!(
        json["vacature"]["idVacature"],
        keten.open(Kind::Vacature, first.as_str())
    );
    for request in keten.seen() {
        assert_eq!(request.header("X-VUM-viaParty"), Some(oins::BEMIDDELAAR));
    }

    // The client never sends a viaParty that is not its certificate's OIN, and never talks
    // https without its certificate.
    let mut config = keten.config();
    config.partijen.via_party = oins::BEMIDDELAAR_VERWERKER.parse().unwrap();
    let fout = Bemiddelaar::new(config).unwrap_err();
    assert_eq!(
        fout.to_string(),
        format!(
            "X-VUM-viaParty {} is niet het OIN van het clientcertificaat ({})",
            oins::BEMIDDELAAR_VERWERKER,
            oins::BEMIDDELAAR
        )
    );
    let mut config = keten.config();
    config.tls = None;
    assert!(
        Bemiddelaar::new(config)
            .unwrap_err()
            .to_string()
            .contains("mutual TLS vraagt")
    );
    let mut config = keten.config();
    config.uitwisseling = config.uitwisseling.replace("https", "http");
    assert!(
        Bemiddelaar::new(config)
            .unwrap_err()
            .to_string()
            .contains("plain http")
    );
}

#[tokio::test]
async fn a_base_url_without_a_path_gets_the_base_path_of_the_version() {
    let keten = Keten::plain().await;
    let mut config = keten.config();
    config.uitwisseling = keten.base.trim_end_matches("/api/v3").to_owned();
    let client = Bemiddelaar::new(config).unwrap();
    let resultaat = client
        .zoek(&zoek(
            json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}),
        ))
        .await
        .unwrap();
    assert_eq!(resultaat.matches().len(), 3);
    // The journal keeps what was sent and how it ended.
    let journaal = client.journaal();
    assert_eq!(journaal.len(), 1);
    assert_eq!(
        journaal[0].to_string(),
        "POST /werkzoekendeProfielen/matches → 200"
    );
    assert!(client.journaal().is_empty(), "the journal was emptied");
}

#[tokio::test]
async fn a_processor_asks_for_its_controller_and_a_mediator_outside_suwi_for_itself() {
    let keten = Keten::tls().await;
    let verwerker =
        Bemiddelaar::new(keten.config_as("bemiddelaar-verwerker", oins::BEMIDDELAAR)).unwrap();
    let mut wz = verwerker
        .zoek(&zoek(
            json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}),
        ))
        .await
        .unwrap();
    assert_eq!(ids(&keten, &wz), lijst("wz-t01, wz-t02, wz-t10"));
    let first = wz.matches()[0].vum_id().clone();
    verwerker.detail(&mut wz, &first).await.unwrap();
    for request in keten.seen() {
        assert_eq!(request.header("X-VUM-fromParty"), Some(oins::BEMIDDELAAR));
        assert_eq!(
            request.header("X-VUM-viaParty"),
            Some(oins::BEMIDDELAAR_VERWERKER)
        );
    }

    let particulier = Bemiddelaar::new(keten.config_as("particulier", oins::PARTICULIER)).unwrap();
    let vac = particulier
        .zoek(&zoek(
            json!({"vacatures": {"postcode": "8881AA", "afstand": 15, "rijbewijzen": ["C"]}}),
        ))
        .await
        .unwrap();
    assert_eq!(vac.matches().len(), 2);

    // The processor is not registered for the mediator outside SUWI: the exchange refuses.
    let vreemd =
        Bemiddelaar::new(keten.config_as("bemiddelaar-verwerker", oins::PARTICULIER)).unwrap();
    let fout = vreemd
        .zoek(&zoek(
            json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}),
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(fout, BemiddelaarFout::Antwoord { status: 401, .. }),
        "{fout}"
    );
}

/// What the reference exchange itself notices of the client's faults over mutual TLS: the ones
/// it can see in one request are refused; a criterion on a wrong path or operator is answered, so
/// only a harness comparing the question with the task catches it. (The retry faults need an
/// exchange that answers 429 or 503 on purpose: the harness's part.)
#[tokio::test]
async fn the_reference_exchange_refuses_the_faults_it_can_see() {
    use vum_reference::bemiddelaar::{Afwijking, Uitkomst, voer_uit};
    use vum_spec::taken::Taak;

    let keten = Keten::tls().await;
    let taak: Taak = serde_json::from_value(json!({
        "nummer": 1,
        "omschrijving": "Zoek werkzoekenden binnen 20 km van 9161AA die hoogstens 32 uur willen werken; vraag het detail op van de eerste twaalf",
        "zoek": {"werkzoekenden": {"postcode": "9161AA", "afstand": 20, "urenPerWeek": {"tot": 32}}},
        "details": 12
    }))
    .unwrap();
    let statussen = |verslag: &vum_reference::bemiddelaar::Taakverslag| -> Vec<u16> {
        verslag
            .pogingen
            .iter()
            .map(|p| match p.uitkomst {
                Uitkomst::Status { status, .. } => status,
                Uitkomst::GeenAntwoord(_) => 0,
            })
            .collect()
    };
    let goed = voer_uit(&keten.client(), &taak).await;
    assert!(goed.voltooid(), "{goed:#?}");
    assert_eq!(statussen(&goed), [200; 11]);
    let aantal = goed.resultaat.as_ref().unwrap().aantal;

    let mut gezien = Vec::new();
    for afwijking in Afwijking::ALLE {
        let mut config = keten.config();
        config.afwijking = Some(afwijking);
        let client = Bemiddelaar::new(config).unwrap();
        let verslag = voer_uit(&client, &taak).await;
        gezien.push((
            afwijking,
            statussen(&verslag),
            verslag.resultaat.map(|r| r.aantal),
        ));
    }
    let verwacht = |afwijking| gezien.iter().find(|(a, ..)| *a == afwijking).unwrap();
    assert_eq!(verwacht(Afwijking::VerkeerdeToParty).1, [401], "{gezien:?}");
    assert_eq!(
        verwacht(Afwijking::ViaPartyNietCertificaat).1,
        [401],
        "{gezien:?}"
    );
    assert_eq!(
        verwacht(Afwijking::GeenSelectiegebied).1,
        [400],
        "{gezien:?}"
    );
    let elfde = &verwacht(Afwijking::ElfdeDetail).1;
    assert_eq!(elfde.len(), 12, "{gezien:?}");
    assert_eq!(elfde[11], 429, "{gezien:?}");
    let bron_id = &verwacht(Afwijking::DetailOpBronId).1;
    assert_eq!(bron_id.len(), 21, "{gezien:?}");
    assert!(
        bron_id.iter().skip(2).step_by(2).all(|s| *s == 404),
        "{gezien:?}"
    );
    // A criterion on a wrong path or with the wrong operator still validates: the exchange
    // answers, and only a harness that compares the question with the task sees the fault.
    for afwijking in [
        Afwijking::CriteriumOpVerkeerdPad,
        Afwijking::GteVoorHoogstens,
    ] {
        assert_eq!(verwacht(afwijking).1, [200; 11], "{gezien:?}");
    }
    assert!(aantal > 10);
}
