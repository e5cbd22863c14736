//! The harness in another version of the standard: the concept 3.1.0 against a reference source
//! started with it enabled, judged by that version's catalogue, profile, schemas, test set and
//! scenarios (the criterion `competenties` among them); and a node that does not serve the version
//! asked for makes the run inconclusive, not failed.

use std::collections::BTreeMap;

use vum_conformance::Target;
use vum_conformance::result::{Eindoordeel, RequirementVerdict, Verdict};
use vum_reference::BronConfig;
use vum_tests::faults::versies::{FAULTS, VERSIE};
use vum_tests::proxy::{self, Upstream};

use crate::faults::failures;
use crate::node::{options, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_concept_version_is_judged_by_its_own_catalogue_and_scenarios() {
    let address = start(BronConfig {
        concept: true,
        ..BronConfig::default()
    })
    .await;
    let mut target = Target::new(&format!("http://{address}/api/v3"));
    target.versie = "3.1.0".to_owned();
    let result = vum_conformance::run(options(target)).await.unwrap();
    assert!(result.preflight.failure.is_none(), "{:?}", result.preflight);
    let not_passed: Vec<String> = result
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Passed)
        .map(|s| format!("{}: {}", s.id, s.reason.as_deref().unwrap_or_default()))
        .chain(
            result
                .checks
                .iter()
                .filter(|c| c.verdict == Some(Verdict::Failed))
                .map(|c| format!("check {}: {:?}", c.name, c.findings)),
        )
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}");
    assert_eq!(result.scope.spec_version, "3.1.0");
    let competenties = result
        .scenarios
        .iter()
        .filter(|s| s.requirements.iter().any(|r| r == "AV-SEL-030"))
        .count();
    assert_eq!(competenties, 3, "the scenarios of AV-SEL-030 ran");
    let sel_030 = result
        .requirements
        .iter()
        .find(|r| r.eis.id == "AV-SEL-030")
        .unwrap();
    assert_eq!(sel_030.verdict, RequirementVerdict::Judged(Verdict::Passed));
    // Plain HTTP: incomplete, as in 3.0.0.
    assert_eq!(result.conclusion.verdict, Eindoordeel::Onvolledig);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_that_does_not_serve_the_version_asked_for_is_inconclusive() {
    let address = start(BronConfig::default()).await;
    let mut target = Target::new(&format!("http://{address}/api/v3"));
    target.versie = "3.1.0".to_owned();
    let result = vum_conformance::run(options(target)).await.unwrap();
    assert_eq!(
        result.conclusion.verdict,
        Eindoordeel::Onbeslist,
        "{}",
        result.conclusion.reason
    );
    assert!(
        result
            .requirements
            .iter()
            .all(|r| r.verdict != RequirementVerdict::Judged(Verdict::Failed))
    );
    assert!(
        result.conclusion.reason.contains("3.1.0"),
        "{}",
        result.conclusion.reason
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_fault_of_the_concept_is_caught_in_its_version_and_breaks_only_what_it_declares() {
    let node = start(BronConfig {
        concept: true,
        ..BronConfig::default()
    })
    .await;
    let mut clients = BTreeMap::new();
    clients.insert(String::new(), reqwest::Client::new());
    for fault in FAULTS {
        let upstream = Upstream {
            origin: format!("http://{node}"),
            clients: clients.clone(),
            served_as: "uitwisseling",
        };
        let address = proxy::start(upstream, Some(fault), None).await;
        let mut target = Target::new(&format!("http://{address}/api/v3"));
        target.versie = VERSIE.to_owned();
        let result = vum_conformance::run(options(target)).await.unwrap();
        let failed = failures(&result);
        assert!(
            failed
                .get(fault.target())
                .is_some_and(|s| s.iter().any(|x| !x.starts_with("controle "))),
            "{}: no scenario of {} failed: {failed:#?}",
            fault.name,
            fault.target()
        );
        let undeclared: Vec<&String> = failed.keys().filter(|r| !fault.declares(r)).collect();
        assert!(
            undeclared.is_empty(),
            "{}: also failed {undeclared:?}",
            fault.name
        );
    }
}
