//! The suite against the reference source over plain HTTP, and what the harness makes of its own
//! configuration errors: never a failed requirement.

use vum_conformance::result::{Eindoordeel, RequirementVerdict, Verdict};
use vum_conformance::run::RunError;
use vum_conformance::{Target, report};
use vum_reference::BronConfig;
use vum_reference::bron::store::Store;

use crate::node::{options, serve, start};

fn failed_requirements(result: &vum_conformance::RunResult) -> Vec<&str> {
    result
        .requirements
        .iter()
        .filter(|r| r.verdict == RequirementVerdict::Judged(Verdict::Failed))
        .map(|r| r.eis.id.as_str())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_plain_http_every_scenario_passes_but_the_run_is_incomplete_and_says_so() {
    let address = start(BronConfig::default()).await;
    let target = Target::new(&format!("http://{address}/api/v3"));
    let result = vum_conformance::run(options(target)).await.unwrap();
    assert!(result.preflight.failure.is_none(), "{:?}", result.preflight);
    let not_passed: Vec<String> = result
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Passed)
        .map(|s| {
            format!(
                "{} [{}]: {}",
                s.id,
                s.verdict,
                s.reason.as_deref().unwrap_or_default()
            )
        })
        .chain(
            result
                .checks
                .iter()
                .filter(|c| c.verdict != Some(Verdict::Passed))
                .map(|c| format!("check {}: {:?}", c.name, c.findings)),
        )
        .collect();
    assert!(
        not_passed.is_empty(),
        "{} not passed:\n{}",
        not_passed.len(),
        not_passed.join("\n")
    );
    assert!(
        result.scenarios.len() >= 100,
        "only {} scenarios ran",
        result.scenarios.len()
    );
    // The security scenarios need https: not run, so the run is incomplete, not passed.
    assert_eq!(result.conclusion.verdict, Eindoordeel::Onvolledig);
    assert!(!result.conclusion.complete);
    assert_eq!(result.exit_code(), 3);
    for id in ["AV-BEV-001", "AV-BEV-007", "AV-BEV-014"] {
        let r = result.requirements.iter().find(|r| r.eis.id == id).unwrap();
        assert_eq!(r.verdict, RequirementVerdict::NotRun, "{id}");
    }
    let declarations = result
        .requirements
        .iter()
        .filter(|r| r.verdict == RequirementVerdict::Declaration)
        .count();
    assert!(declarations >= 15, "{declarations} declarations");

    let dir = std::env::temp_dir().join(format!("vum-suite-report-{}", std::process::id()));
    let written = report::write_all(&result, &dir).unwrap();
    assert_eq!(written.len(), 3);
    let junit = std::fs::read_to_string(dir.join("junit.xml")).unwrap();
    let doc = roxmltree::Document::parse(&junit).expect("junit.xml is well-formed XML");
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(
        cases,
        result.scenarios.len() + result.checks.len() + result.declarations.len()
    );
    let property = |name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("property") && n.attribute("name") == Some(name))
            .and_then(|n| n.attribute("value"))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(property("verdict"), "ONVOLLEDIG");
    assert!(property("transport").contains("gewoon HTTP"));
    assert!(
        property("left-out").contains("AV-BEV-007"),
        "{}",
        property("left-out")
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["scope"]["spec_version"], "3.0.0");
    assert_eq!(json["scope"]["transport"], "plain-http");
    assert_eq!(json["conclusion"]["verdict"], "onvolledig");
    assert!(
        json["conclusion"]["left_out"]
            .to_string()
            .contains("AV-BEV-007")
    );
    assert_eq!(json["scope"]["features_sha256"].as_str().unwrap().len(), 64);
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && !html.contains("<script src")
            && !html.contains("<link ")
    );
    assert!(html.contains("ONVOLLEDIG") && html.contains("geen certificering"));
    assert!(html.contains("AV-BEV-007"));
    let console = report::console(&result);
    assert!(
        console.contains("UITSLAG: ONVOLLEDIG — Dit is geen certificering"),
        "{console}"
    );
    assert!(console.ends_with(&format!("\n{}\n", result.counts())));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_to_party_is_the_harnesss_configuration_not_a_failure() {
    let address = start(BronConfig::default()).await;
    let mut target = Target::new(&format!("http://{address}/api/v3"));
    target.parties.to_party = vum_spec::testdata::oins::PARTICULIER.to_owned();
    let result = vum_conformance::run(options(target)).await.unwrap();
    let failure = result.preflight.failure.clone().unwrap();
    assert!(failure.contains("--to-party"), "{failure}");
    assert!(failed_requirements(&result).is_empty());
    assert!(
        result.scenarios.is_empty(),
        "no scenario runs after a failed pre-flight"
    );
    assert_eq!(result.conclusion.verdict, Eindoordeel::Onbeslist);
    assert_eq!(result.exit_code(), 2);
    assert!(report::console(&result).contains("DE CONTROLE VOORAF IS MISLUKT"));
}

#[tokio::test]
async fn an_unreachable_node_ends_the_run_inconclusive_with_a_fix() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let result = vum_conformance::run(options(Target::new(&format!("http://{address}/api/v3"))))
        .await
        .unwrap();
    let reason = result.preflight.failure.clone().unwrap();
    assert!(
        reason.contains("niet bereikbaar") && reason.contains("--target"),
        "{reason}"
    );
    assert_eq!(result.exit_code(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_without_the_test_set_is_inconclusive() {
    let empty =
        vum_reference::Bron::new(BronConfig::default(), Store::in_memory().unwrap()).unwrap();
    let address = serve(empty).await;
    let result = vum_conformance::run(options(Target::new(&format!("http://{address}/api/v3"))))
        .await
        .unwrap();
    let reason = result.preflight.failure.clone().unwrap();
    assert!(reason.contains("certificeringstestset"), "{reason}");
    assert!(failed_requirements(&result).is_empty());
    assert_eq!(result.exit_code(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_target_without_the_base_path_is_inconclusive_and_names_it() {
    let address = start(BronConfig::default()).await;
    let result = vum_conformance::run(options(Target::new(&format!("http://{address}"))))
        .await
        .unwrap();
    let reason = result.preflight.failure.clone().unwrap();
    assert!(
        reason.contains("404") && reason.contains("/api/v3"),
        "{reason}"
    );
    assert!(failed_requirements(&result).is_empty());
    assert_eq!(result.exit_code(), 2);
}

#[tokio::test]
async fn a_tag_filter_that_matches_nothing_is_a_usage_error_not_a_pass() {
    let mut opts = options(Target::new("http://127.0.0.1:9/api/v3"));
    opts.tags = Some("@selectie".to_owned());
    let error = vum_conformance::run(opts).await.unwrap_err();
    assert!(matches!(error, RunError::NothingSelected(_)), "{error}");
    assert!(error.to_string().contains("past op geen enkel scenario"));
}

#[tokio::test]
async fn tls_material_for_a_plain_http_target_is_a_usage_error() {
    let mut target = Target::new("http://127.0.0.1:9/api/v3");
    target.tls.ca_pem = Some("-----BEGIN CERTIFICATE-----\n".to_owned());
    let error = vum_conformance::run(options(target)).await.unwrap_err();
    assert!(matches!(error, RunError::TlsForPlainHttp(..)), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filtered_run_is_incomplete_and_records_its_filter() {
    let address = start(BronConfig::default()).await;
    let mut opts = options(Target::new(&format!("http://{address}/api/v3")));
    opts.tags = Some("@AV-SEL-001".to_owned());
    let result = vum_conformance::run(opts).await.unwrap();
    assert_eq!(result.scope.tags.as_deref(), Some("@AV-SEL-001"));
    assert_eq!(result.exit_code(), 3);
    assert!(result.conclusion.left_out[0].contains("--tags '@AV-SEL-001'"));
    let selected = result
        .requirements
        .iter()
        .find(|r| r.eis.id == "AV-SEL-001")
        .unwrap();
    assert_eq!(
        selected.verdict,
        RequirementVerdict::Judged(Verdict::Passed)
    );
    let other = result
        .requirements
        .iter()
        .find(|r| r.eis.id == "AV-SEL-003")
        .unwrap();
    assert_eq!(
        other.verdict,
        RequirementVerdict::NotRun,
        "not run is never passed"
    );
}
