//! The versions a source serves: the active ones always, a concept version (3.1.0) only when
//! started with it enabled; every answer carries the version asked for; a question is read as a
//! node of its version reads it (3.1.0's `competenties` is an unknown criterion in 3.0.0).

use axum::body::Body;
use serde_json::{Value, json};
use vum_reference::bron::store::Store;
use vum_reference::{Bron, BronConfig};
use vum_spec::testdata::{competentie_uri, oins};

use crate::support::{Reply, TestNode, WZ, post_raw};

/// A job-seeker question in `versie`.
async fn ask(node: &TestNode, versie: &str, body: &Value) -> Reply {
    let headers = [
        ("X-VUM-berichtVersie", versie),
        ("API-Version", versie),
        ("X-VUM-fromParty", oins::BEMIDDELAAR),
        ("X-VUM-toParty", oins::BRON),
        ("X-VUM-viaParty", oins::BRON_VERWERKER),
        ("X-VUM-SUWIparty", "true"),
        ("content-type", "application/json"),
    ];
    node.call(post_raw(WZ, &headers, Body::from(body.to_string())))
        .await
}

/// Within 15 km of 1791AA, with the competence C2 when `competentie`.
fn question(competentie: bool) -> Value {
    let mut vraag = json!({"selectiegebied": {"postcode": "1791AA", "afstand": 15}});
    if competentie {
        vraag["competenties"] =
            json!({"$elemMatch": {"codeCompetentie": {"$eq": competentie_uri("C2").unwrap()}}});
    }
    json!({"vraagObject": vraag})
}

/// A source that serves the concept too, loaded (as `vum-node bron --demo --concept` is) with the
/// test set of the newest version it serves.
fn concept_node() -> TestNode {
    let config = BronConfig {
        concept: true,
        ..BronConfig::default()
    };
    let node = Bron::new(config, Store::in_memory().unwrap()).unwrap();
    node.load_certification_test_set().unwrap();
    TestNode::from_node(node)
}

#[tokio::test]
async fn a_concept_version_is_refused_unless_the_node_serves_it() {
    let node = TestNode::demo();
    let reply = ask(&node, "3.1.0", &question(false)).await;
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert_eq!(reply.code(), "400.01");
    assert!(
        reply
            .text
            .contains("versie 3.1.0 wordt hier niet bediend; wel: 3.0.0"),
        "{}",
        reply.text
    );
    // The refusal speaks the version the node does serve.
    assert_eq!(reply.header("X-VUM-berichtVersie"), Some("3.0.0"));
}

#[tokio::test]
async fn with_the_concept_enabled_both_versions_are_answered_each_in_its_own() {
    let node = concept_node();
    let reply = ask(&node, "3.1.0", &question(true)).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    let mut ids = reply.ids();
    ids.sort();
    assert_eq!(ids, ["wz-t01", "wz-t02", "wz-t08", "wz-t12"]);
    assert_eq!(reply.header("X-VUM-berichtVersie"), Some("3.1.0"));
    assert_eq!(reply.header("API-Version"), Some("3.1.0"));

    // In 3.0.0 the criterion is unknown, so it does not restrict: the whole area answers.
    let all = ask(&node, "3.0.0", &question(false)).await;
    let unknown = ask(&node, "3.0.0", &question(true)).await;
    assert_eq!(unknown.status, 200, "{}", unknown.text);
    assert_eq!(unknown.ids(), all.ids());
    assert!(unknown.ids().len() > 4);
    assert_eq!(unknown.header("X-VUM-berichtVersie"), Some("3.0.0"));
}

#[tokio::test]
async fn two_different_versions_in_one_request_are_refused() {
    let node = concept_node();
    let headers = [
        ("X-VUM-berichtVersie", "3.1.0"),
        ("API-Version", "3.0.0"),
        ("X-VUM-fromParty", oins::BEMIDDELAAR),
        ("X-VUM-toParty", oins::BRON),
        ("X-VUM-viaParty", oins::BRON_VERWERKER),
        ("X-VUM-SUWIparty", "true"),
        ("content-type", "application/json"),
    ];
    let reply = node
        .call(post_raw(
            WZ,
            &headers,
            Body::from(question(false).to_string()),
        ))
        .await;
    assert_eq!(reply.status, 400, "{}", reply.text);
    assert!(
        reply.text.contains("noemen verschillende versies"),
        "{}",
        reply.text
    );
}
