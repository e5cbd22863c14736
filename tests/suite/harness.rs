//! The whole suite against the reference node: every scenario passes; and what the harness makes
//! of a wrong configuration and an unreachable node.

use vum_conformance::verdict::Verdict;
use vum_conformance::{Target, report};
use vum_reference::BronConfig;
use vum_spec::requirements::{Niveau, Verificatie};

use crate::node::{options, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_node_passes_every_scenario() {
    let address = start(BronConfig::default()).await;
    let target = Target::new(&format!("http://{address}/api/v3"));
    let result = vum_conformance::run(options(target)).await.unwrap();
    let not_passed: Vec<String> = result
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Passed)
        .map(|s| {
            format!(
                "{} {} [{}]: {}",
                s.location,
                s.name,
                s.verdict,
                s.reason.as_deref().unwrap_or_default()
            )
        })
        .chain(
            result
                .checks
                .iter()
                .filter(|c| c.verdict != Verdict::Passed)
                .map(|c| format!("check {}: {:?}", c.name, c.findings)),
        )
        .collect();
    assert!(
        result.inconclusive_reason.is_none(),
        "{:?}",
        result.inconclusive_reason
    );
    assert!(
        not_passed.is_empty(),
        "{} not passed:\n{}",
        not_passed.len(),
        not_passed.join("\n")
    );
    let (passed, failed, inconclusive, error) = result.counts();
    assert_eq!((failed, inconclusive, error), (0, 0, 0));
    assert!(
        result.scenarios.len() >= 80,
        "only {} scenarios ran",
        result.scenarios.len()
    );
    println!(
        "{passed} passed, {failed} failed ({} scenarios, {} continuous checks)",
        result.scenarios.len(),
        result.checks.len()
    );
    for r in &result.requirements {
        if r.eis.niveau == Niveau::Must
            && r.eis.verificatie == Verificatie::Scenario
            && !r.scenarios.is_empty()
        {
            assert_eq!(r.verdict, Some(Verdict::Passed), "{}", r.eis.id);
        }
    }
    assert_eq!(result.exit_code(), 0);

    let dir = std::env::temp_dir().join(format!("vum-suite-report-{}", std::process::id()));
    let written = report::write_all(&result, &dir).unwrap();
    assert_eq!(written.len(), 3);
    let junit = std::fs::read_to_string(dir.join("junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&junit).expect("junit.xml is well-formed XML");
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(cases, result.scenarios.len() + result.checks.len());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["spec_version"], "3.0.0");
    assert_eq!(json["features_sha256"].as_str().unwrap().len(), 64);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && !html.contains("<script src")
            && !html.contains("<link ")
    );
    assert!(report::console(&result).ends_with(&format!("\n{passed} passed, 0 failed\n")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_to_party_is_reported_as_failed_requirements_not_a_crash() {
    let address = start(BronConfig::default()).await;
    let mut target = Target::new(&format!("http://{address}/api/v3"));
    target.to_party = vum_spec::testdata::oins::PARTICULIER.to_owned();
    let mut opts = options(target);
    opts.tags = Some("@AV-KOP-001 or @AV-KOP-003".to_owned());
    let result = vum_conformance::run(opts).await.unwrap();
    assert!(
        result.inconclusive_reason.is_none(),
        "a refusal is not a configuration failure of the harness"
    );
    let failed: Vec<&str> = result
        .requirements
        .iter()
        .filter(|r| r.verdict == Some(Verdict::Failed))
        .map(|r| r.eis.id.as_str())
        .collect();
    assert!(
        failed.contains(&"AV-KOP-001") && failed.contains(&"AV-KOP-003"),
        "{failed:?}"
    );
    assert_eq!(result.exit_code(), 1);
    let check = result
        .preflight
        .iter()
        .find(|c| c.name == "certificeringstestset")
        .unwrap();
    assert!(
        !check.ok && check.detail.contains("--to-party"),
        "{check:?}"
    );
    let failing = result
        .scenarios
        .iter()
        .find(|s| s.verdict == Verdict::Failed)
        .unwrap();
    assert!(
        failing.reason.as_deref().unwrap().contains("status 200"),
        "{failing:?}"
    );
    assert!(!failing.evidence.is_empty() && failing.evidence[0].status == Some(401));
}

#[tokio::test]
async fn an_unreachable_node_ends_the_run_inconclusive_with_a_fix() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let result = vum_conformance::run(options(Target::new(&format!("http://{address}/api/v3"))))
        .await
        .unwrap();
    let reason = result.inconclusive_reason.clone().unwrap();
    assert!(
        reason.contains("niet bereikbaar") && reason.contains("--target"),
        "{reason}"
    );
    assert!(
        result.scenarios.is_empty(),
        "no scenario runs after a failed pre-flight"
    );
    assert_eq!(result.exit_code(), 2);
    assert!(report::console(&result).contains("PRE-FLIGHT MISLUKT"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_without_the_test_set_is_inconclusive() {
    let node = vum_reference::Bron::new(
        BronConfig::default(),
        vum_reference::bron::store::Store::in_memory().unwrap(),
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, vum_reference::bron::router(node)).await });
    let result = vum_conformance::run(options(Target::new(&format!("http://{address}/api/v3"))))
        .await
        .unwrap();
    assert!(
        result
            .inconclusive_reason
            .as_deref()
            .unwrap()
            .contains("certificeringstestset"),
        "{:?}",
        result.inconclusive_reason
    );
    assert_eq!(result.exit_code(), 2);
}
