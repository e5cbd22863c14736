//! Headers, errors and limits: every contract status the node uses, and never a 5xx for client
//! input.

use std::time::Duration;

use serde_json::json;
use vum_reference::BronConfig;
use vum_reference::bron::store::Store;
use vum_reference::server::limit::RateLimit;
use vum_spec::testdata::oins;

use crate::support::{TestNode, VAC, WZ, get, get_with, post, post_raw, vum_headers};

fn vraag() -> serde_json::Value {
    json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5}}})
}

fn without(name: &str) -> Vec<(&'static str, &'static str)> {
    vum_headers()
        .into_iter()
        .filter(|(h, _)| !h.eq_ignore_ascii_case(name))
        .collect()
}

fn replaced(name: &'static str, value: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut headers = without(name);
    headers.push((name, value));
    headers
}

fn with_json(mut headers: Vec<(&'static str, &'static str)>) -> Vec<(&'static str, &'static str)> {
    headers.push(("content-type", "application/json"));
    headers
}

#[tokio::test]
async fn each_missing_header_is_400_02_naming_the_header() {
    let node = TestNode::demo();
    for header in [
        "X-VUM-berichtVersie",
        "API-Version",
        "X-VUM-fromParty",
        "X-VUM-toParty",
        "X-VUM-viaParty",
        "X-VUM-SUWIparty",
    ] {
        let reply = node
            .call(post_raw(
                WZ,
                &with_json(without(header)),
                vraag().to_string(),
            ))
            .await;
        assert_eq!(
            (reply.status.as_u16(), reply.code()),
            (400, "400.02".to_owned()),
            "{header}"
        );
        assert!(
            reply.json()["details"].as_str().unwrap().contains(header),
            "{header}: {}",
            reply.text
        );
        let reply = node
            .call(get_with(
                "/api/v3/werkzoekendeProfielen/wz-t01",
                &without(header),
            ))
            .await;
        assert_eq!(reply.status, 400, "GET without {header}");
    }
}

#[tokio::test]
async fn malformed_headers_are_400_01() {
    let node = TestNode::demo();
    for (header, value) in [
        ("X-VUM-berichtVersie", "2.0.0"),
        ("API-Version", "3.0"),
        ("X-VUM-fromParty", "123"),
        ("X-VUM-viaParty", "00000099000000003001"),
        ("X-VUM-SUWIparty", "ja"),
        ("X-VUM-SUWIparty", "TRUE"),
    ] {
        let reply = node
            .call(post_raw(
                WZ,
                &with_json(replaced(header, value)),
                vraag().to_string(),
            ))
            .await;
        assert_eq!(
            (reply.status.as_u16(), reply.code()),
            (400, "400.01".to_owned()),
            "{header}: {value}"
        );
        assert!(
            reply.json()["details"].as_str().unwrap().contains(header),
            "{}",
            reply.text
        );
    }
}

#[tokio::test]
async fn a_single_value_header_twice_with_different_values_is_400_01() {
    let node = TestNode::demo();
    let cases = [
        ("X-VUM-SUWIparty", "false"),
        ("X-VUM-fromParty", oins::PARTICULIER),
        ("X-VUM-toParty", oins::PARTICULIER),
        ("X-VUM-viaParty", oins::BEMIDDELAAR_VERWERKER),
        ("X-VUM-berichtVersie", "2.0.0"),
        ("API-Version", "2.0.0"),
    ];
    for (header, second) in cases {
        // The well-formed value first, then a second line with another value.
        let mut headers = vum_headers();
        headers.push((header, second));
        let reply = node
            .call(get_with("/api/v3/werkzoekendeProfielen/wz-t01", &headers))
            .await;
        assert_eq!(
            (reply.status.as_u16(), reply.code()),
            (400, "400.01".to_owned()),
            "{header}: {}",
            reply.text
        );
        assert!(
            reply.json()["details"].as_str().unwrap().contains(header),
            "{}",
            reply.text
        );
        let reply = node
            .call(post_raw(WZ, &with_json(headers), vraag().to_string()))
            .await;
        assert_eq!(reply.status, 400, "{header}: {}", reply.text);
    }
    // The same value twice says nothing new and is accepted.
    let mut headers = vum_headers();
    headers.push(("X-VUM-SUWIparty", "true"));
    let reply = node
        .call(get_with("/api/v3/werkzoekendeProfielen/wz-t01", &headers))
        .await;
    assert_eq!(reply.status, 200);
    // Two Content-Types that differ are as ambiguous.
    let mut headers = with_json(vum_headers());
    headers.push(("content-type", "text/plain"));
    let reply = node.call(post_raw(WZ, &headers, vraag().to_string())).await;
    assert_eq!(reply.status, 400, "{}", reply.text);
}

#[tokio::test]
async fn header_names_are_case_insensitive() {
    let node = TestNode::demo();
    let lower: Vec<(String, &str)> = vum_headers()
        .into_iter()
        .map(|(h, v)| (h.to_ascii_lowercase(), v))
        .collect();
    let mut headers: Vec<(&str, &str)> = lower.iter().map(|(h, v)| (h.as_str(), *v)).collect();
    headers.push(("Content-Type", "application/json"));
    assert_eq!(
        node.call(post_raw(WZ, &headers, vraag().to_string()))
            .await
            .status,
        200
    );
    let headers = with_json(replaced("X-VUM-SUWIparty", "true"));
    let mut spelled: Vec<(&str, &str)> = headers
        .into_iter()
        .filter(|(h, _)| *h != "X-VUM-SUWIparty")
        .collect();
    spelled.push(("X-VUM-SUWIParty", "true"));
    assert_eq!(
        node.call(post_raw(WZ, &spelled, vraag().to_string()))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_request_for_another_source_is_401_without_body_and_audited() {
    let node = TestNode::demo();
    let reply = node
        .call(post_raw(
            WZ,
            &with_json(replaced("X-VUM-toParty", oins::PARTICULIER)),
            vraag().to_string(),
        ))
        .await;
    assert_eq!(reply.status, 401);
    let reply = node
        .call(get_with(
            "/api/v3/vacatures/vac-t01",
            &replaced("X-VUM-viaParty", oins::BEMIDDELAAR_VERWERKER),
        ))
        .await;
    assert_eq!(reply.status, 401);
    let audit = node.node.database().audit(None, None).unwrap();
    let refusals: Vec<_> = audit.iter().filter(|r| r.operatie == "toegang").collect();
    assert_eq!(refusals.len(), 2);
    assert!(
        refusals[0].uitkomst.contains("X-VUM-toParty"),
        "{refusals:?}"
    );
    assert!(
        refusals[1].uitkomst.contains("X-VUM-viaParty"),
        "{refusals:?}"
    );
}

#[tokio::test]
async fn every_response_carries_the_contract_and_security_headers() {
    let node = TestNode::demo();
    let replies = [
        node.call(post(WZ, &vraag())).await,
        node.call(post(WZ, &json!({"vraagObject": {}}))).await,
        node.call(get("/api/v3/werkzoekendeProfielen/bestaat-niet"))
            .await,
        node.call(post_raw(
            WZ,
            &with_json(replaced("X-VUM-toParty", oins::PARTICULIER)),
            vraag().to_string(),
        ))
        .await,
    ];
    assert_eq!(
        replies
            .iter()
            .map(|r| r.status.as_u16())
            .collect::<Vec<_>>(),
        [200, 400, 404, 401]
    );
    for reply in &replies {
        assert_eq!(reply.header("x-vum-berichtversie"), Some("3.0.0"));
        assert_eq!(reply.header("api-version"), Some("3.0.0"));
        assert_eq!(
            reply.header("x-vum-fromparty"),
            Some(oins::BRON),
            "the answering controller"
        );
        assert_eq!(
            reply.header("x-vum-toparty"),
            Some(oins::BEMIDDELAAR),
            "the asking controller"
        );
        assert_eq!(
            reply.header("x-vum-viaparty"),
            Some(oins::BRON_VERWERKER),
            "the answering processor"
        );
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert!(reply.header("traceparent").is_some());
    }
}

#[tokio::test]
async fn wrong_structures_are_400_01_and_missing_fields_400_02() {
    let node = TestNode::demo();
    let cases: Vec<(&str, String, &str)> = vec![
        (WZ, "{\"vraagObject\": ".to_owned(), "400.01"),
        (WZ, "[]".to_owned(), "400.01"),
        (WZ, json!({"vraagObject": "1791AA"}).to_string(), "400.01"),
        (WZ, json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5}}, "callbackURL": "x"}).to_string(), "400.01"),
        (WZ, json!({"vraagObject": {"selectiegebied": {"postcode": "1791 AA", "afstand": 5}}}).to_string(), "400.01"),
        (WZ, json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 1000}}}).to_string(), "400.01"),
        (WZ, json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5}, "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": "veel"}}}).to_string(), "400.01"),
        (VAC, json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 5}, "codeWerkEnDenkniveauMinimaal": {"$lt": "7", "$eq": "7"}}}).to_string(), "400.01"),
        (WZ, json!({"vraagObject": {}}).to_string(), "400.02"),
        (WZ, json!({}).to_string(), "400.02"),
        (VAC, json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA"}}}).to_string(), "400.02"),
    ];
    for (path, body, code) in cases {
        let reply = node
            .call(post_raw(path, &with_json(vum_headers()), body.clone()))
            .await;
        assert_eq!(
            (reply.status.as_u16(), reply.code().as_str()),
            (400, code),
            "{body}: {}",
            reply.text
        );
    }
    let reply = node
        .call(post_raw(WZ, &vum_headers(), vraag().to_string()))
        .await;
    assert_eq!(reply.code(), "400.01", "no Content-Type");
    let reply = node
        .call(post_raw(
            WZ,
            &replaced("content-type", "text/plain"),
            vraag().to_string(),
        ))
        .await;
    assert_eq!(reply.code(), "400.01", "wrong Content-Type");
}

#[tokio::test]
async fn an_unknown_pc4_is_400_01_naming_it() {
    let node = TestNode::demo();
    let reply = node
        .call(post(
            WZ,
            &json!({"vraagObject": {"selectiegebied": {"postcode": "0000AA", "afstand": 5}}}),
        ))
        .await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (400, "400.01".to_owned())
    );
    assert!(
        reply.json()["details"].as_str().unwrap().contains("0000"),
        "{}",
        reply.text
    );
}

#[tokio::test]
async fn bodies_over_the_limit_or_too_deep_are_400_01() {
    let node = TestNode::demo();
    let big = format!(
        "{{\"vraagObject\": {{\"selectiegebied\": {{\"postcode\": \"1791AA\", \"afstand\": 5}}, \"x\": \"{}\"}}}}",
        "a".repeat(1024 * 1024)
    );
    let reply = node
        .call(post_raw(WZ, &with_json(vum_headers()), big))
        .await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (400, "400.01".to_owned())
    );
    let deep = format!("{}1{}", "{\"a\":".repeat(40), "}".repeat(40));
    let body = format!(
        "{{\"vraagObject\": {{\"selectiegebied\": {{\"postcode\": \"1791AA\", \"afstand\": 5}}, \"toekomst\": {deep}}}}}"
    );
    let reply = node
        .call(post_raw(WZ, &with_json(vum_headers()), body))
        .await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (400, "400.01".to_owned())
    );
    assert!(reply.text.contains("genest"), "{}", reply.text);
}

#[tokio::test]
async fn maintenance_is_503_500_3_until_switched_off() {
    let node = TestNode::demo();
    node.node.set_maintenance(true);
    let reply = node.call(post(WZ, &vraag())).await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (503, "500.3".to_owned())
    );
    assert_eq!(
        node.call(get("/api/v3/vacatures/vac-t01")).await.status,
        503
    );
    node.node.set_maintenance(false);
    assert_eq!(node.call(post(WZ, &vraag())).await.status, 200);
}

#[tokio::test]
async fn too_many_requests_are_429_01_with_retry_after() {
    let mut config = BronConfig::default();
    config.limits.rate = Some(RateLimit {
        per_second: 0.5,
        burst: 2.0,
    });
    let node = TestNode::with(config);
    assert_eq!(node.call(post(WZ, &vraag())).await.status, 200);
    assert_eq!(node.call(post(WZ, &vraag())).await.status, 200);
    let reply = node.call(post(WZ, &vraag())).await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (429, "429.01".to_owned())
    );
    let wait: u64 = reply.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=2).contains(&wait), "Retry-After {wait}");
}

fn temp_db(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-node-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("node.db")
}

#[tokio::test]
async fn an_internal_failure_is_500_1_without_internals() {
    let path = temp_db("internal");
    let node =
        vum_reference::Bron::new(BronConfig::default(), Store::open(&path).unwrap()).unwrap();
    let test = crate::support::TestNode::from_node(node);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE werkzoekende;")
        .unwrap();
    let reply = test.call(get("/api/v3/werkzoekendeProfielen/wz-t01")).await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (500, "500.1".to_owned())
    );
    for leak in [
        "SQL",
        "sqlite",
        "table",
        "werkzoekende ",
        "node.db",
        "/tmp",
        "panicked",
    ] {
        assert!(!reply.text.contains(leak), "{leak} in {}", reply.text);
    }
}

#[tokio::test]
async fn a_request_that_runs_out_of_time_is_503_500_3() {
    let path = temp_db("timeout");
    let mut config = BronConfig::default();
    config.limits.request_deadline = Duration::from_millis(300);
    let node = vum_reference::Bron::new(config, Store::open(&path).unwrap()).unwrap();
    let prepared = vum_reference::bron::import::prepare(
        vum_spec::Kind::Vacature,
        &json!([{"idVacature": "v1", "adres": {"postcode": "1791AA"}}]).to_string(),
    )
    .unwrap();
    node.import(vum_spec::Kind::Vacature, &prepared).unwrap();
    let test = crate::support::TestNode::from_node(node);
    // Another process holds the write lock, so the processing-log record cannot be written.
    let blocker = rusqlite::Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE; INSERT INTO logboek (tijd, trace_id, span_id, operatie, uitkomst) VALUES ('t','t','s','o','u');").unwrap();
    let reply = test.call(get("/api/v3/vacatures/v1")).await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (503, "500.3".to_owned())
    );
    assert!(
        !reply.text.contains("v1\""),
        "no profile data after a timeout"
    );
    blocker.execute_batch("ROLLBACK;").unwrap();
}

#[tokio::test]
async fn unknown_paths_and_trailing_slashes_are_404_and_never_redirect() {
    let node = TestNode::demo();
    for path in [
        "/api/v3/werkzoekendeProfielen/",
        "/api/v3/onbekend",
        "/api/v2/vacatures/vac-t01",
        "/",
    ] {
        let reply = node.call(get(path)).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.code(), "404.01");
    }
}

#[tokio::test]
async fn the_contract_is_served_as_openapi_json_without_vum_headers() {
    let node = TestNode::demo();
    let reply = node.call(get_with("/api/v3/openapi.json", &[])).await;
    assert_eq!(reply.status, 200);
    let doc = reply.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], "3.0.0");
    assert_eq!(doc["paths"].as_object().unwrap().len(), 4);
    assert!(vum_spec::lint::lint(&doc).unwrap().is_empty());
}

#[tokio::test]
async fn no_client_input_ever_gets_a_5xx() {
    let node = TestNode::demo();
    let bodies = [
        "",
        "null",
        "0",
        "\"x\"",
        "{}",
        "{\"vraagObject\": null}",
        "{\"vraagObject\": []}",
        "{\"vraagObject\": {\"selectiegebied\": null}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": 1791, \"afstand\": 5}}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"1791AA\", \"afstand\": -1}}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"1791AA\", \"afstand\": 5.5}}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"1791AA\", \"afstand\": 5.0}}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"1791AA\", \"afstand\": 5}, \"bemiddelingsberoep\": {\"$elemMatch\": {\"$or\": {}}}}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"1791AA\", \"afstand\": 5}, \"contractvorm\": {\"$elemMatch\": {\"$or\": [{}]}}}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"1791AA\", \"afstand\": 5}, \"arbeidsmarktkwalificatie.taalbeheersing\": {\"$all\": [{}]}}}",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"1791AA\", \"afstand\": 5}, \"datumAanvangBeschikbaarVoorWerk\": {\"$lte\": \"9999-99-99\"}}}",
        "\u{0}\u{1}binary",
        "{\"vraagObject\": {\"selectiegebied\": {\"postcode\": \"\u{00e9}\u{00e9}\u{00e9}\u{00e9}AA\", \"afstand\": 5}}}",
    ];
    for path in [WZ, VAC] {
        for body in bodies {
            let reply = node
                .call(post_raw(path, &with_json(vum_headers()), body.to_owned()))
                .await;
            assert!(
                reply.status.is_client_error() || reply.status == 200,
                "{path} {body:?}: {}",
                reply.status
            );
        }
    }
    for id in ["%00", "a%2Fb", "..", "%C3%A9", &"x".repeat(300)] {
        let reply = node
            .call(get(&format!("/api/v3/werkzoekendeProfielen/{id}")))
            .await;
        assert!(reply.status.is_client_error(), "{id}: {}", reply.status);
    }
}
