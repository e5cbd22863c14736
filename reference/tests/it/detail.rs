//! Detail: the stored document exactly as imported; SUWI-only fields withheld from others.

use serde_json::Value;
use vum_reference::BronConfig;
use vum_reference::bron::import::prepare;
use vum_spec::Kind;

use crate::support::{TestNode, get, get_with, vum_headers};

fn upstream_upload() -> String {
    let path = std::env::var_os("VUM_UPSTREAM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/vum-upstream")
        })
        .join("vum-docs/accreditatie/werkzoekenden/AccreditatieWerkzoekenden_upload.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn every_upstream_profile_comes_back_as_the_identical_json_value() {
    let text = upstream_upload();
    let originals: Vec<Value> = serde_json::from_str(&text).unwrap();
    // 1000 requests in a row: no rate limit for this one.
    let mut config = BronConfig::default();
    config.limits.rate = None;
    let node = TestNode::empty(config);
    node.node
        .import(
            Kind::Werkzoekende,
            &prepare(Kind::Werkzoekende, &text).unwrap(),
        )
        .unwrap();
    let mut empty_arrays = 0;
    for original in &originals {
        let id = original["idWerkzoekende"].as_str().unwrap();
        let reply = node
            .call(get(&format!("/api/v3/werkzoekendeProfielen/{id}")))
            .await;
        assert_eq!(reply.status, 200, "{id}");
        assert_eq!(
            &reply.json(),
            original,
            "{id} differs from what was imported"
        );
        empty_arrays += reply.text.matches("[]").count();
    }
    assert_eq!(originals.len(), 1000);
    assert!(empty_arrays > 0, "empty arrays must survive");
}

#[tokio::test]
async fn a_caller_outside_suwi_does_not_get_the_ldr_indication() {
    let node = TestNode::demo();
    let suwi = node
        .call(get("/api/v3/werkzoekendeProfielen/wz-t01"))
        .await
        .json();
    assert_eq!(suwi["indicatieLdrRegistratie"], 1);
    let mut headers: Vec<_> = vum_headers()
        .into_iter()
        .filter(|(h, _)| *h != "X-VUM-SUWIparty")
        .collect();
    headers.push(("X-VUM-SUWIparty", "false"));
    let other = node
        .call(get_with("/api/v3/werkzoekendeProfielen/wz-t01", &headers))
        .await
        .json();
    assert!(other.get("indicatieLdrRegistratie").is_none());
    let mut expected = suwi.clone();
    expected
        .as_object_mut()
        .unwrap()
        .remove("indicatieLdrRegistratie");
    assert_eq!(other, expected, "nothing else is withheld or changed");
}

#[tokio::test]
async fn the_suwi_field_policy_is_configuration() {
    let config = BronConfig {
        suwi_only_fields: vec![
            "persoonlijkePresentatie".to_owned(),
            "contactpersoon.telefoonnummer".to_owned(),
        ],
        ..Default::default()
    };
    let node = TestNode::with(config);
    let mut headers: Vec<_> = vum_headers()
        .into_iter()
        .filter(|(h, _)| *h != "X-VUM-SUWIparty")
        .collect();
    headers.push(("X-VUM-SUWIparty", "false"));
    let other = node
        .call(get_with("/api/v3/werkzoekendeProfielen/wz-0001", &headers))
        .await
        .json();
    assert!(other.get("persoonlijkePresentatie").is_none());
    assert!(other["contactpersoon"][0].get("telefoonnummer").is_none());
    assert!(other["contactpersoon"][0].get("emailadres").is_some());
    assert_eq!(
        other["indicatieLdrRegistratie"],
        Value::Null,
        "wz-0001 has none"
    );
}

#[tokio::test]
async fn vacancies_come_back_as_imported_and_unknown_ids_are_404() {
    let node = TestNode::demo();
    let set: Vec<Value> =
        serde_json::from_str(vum_spec::testdata::committed_vacatures().unwrap()).unwrap();
    for original in set
        .iter()
        .take(50)
        .chain(set.iter().filter(|v| v["idVacature"] == "vac-t10"))
    {
        let id = original["idVacature"].as_str().unwrap();
        let reply = node.call(get(&format!("/api/v3/vacatures/{id}"))).await;
        assert_eq!(&reply.json(), original, "{id}");
    }
    let reply = node.call(get("/api/v3/vacatures/vac-9999")).await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (404, "404.01".to_owned())
    );
    let reply = node
        .call(get("/api/v3/werkzoekendeProfielen/vac-t01"))
        .await;
    assert_eq!(reply.status, 404, "a vacancy id is not a job seeker");
}
