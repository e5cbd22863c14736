//! The suite over mutual TLS against the reference source with a fresh test PKI: the complete run
//! certifies; without the special certificates it is incomplete and says which would complete it;
//! the harness's own TLS configuration errors are inconclusive, never failures.

use vum_conformance::Target;
use vum_conformance::result::{Eindoordeel, RequirementVerdict, Verdict};
use vum_conformance::target::{Identity, TlsMaterial};
use vum_reference::pki::DevPki;

use crate::node::{identity, options, start, start_tls, start_tls_with, tls_target};

fn failed(result: &vum_conformance::RunResult) -> Vec<&str> {
    result
        .requirements
        .iter()
        .filter(|r| r.verdict == RequirementVerdict::Judged(Verdict::Failed))
        .map(|r| r.eis.id.as_str())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_complete_run_over_mutual_tls_certifies() {
    let pki = DevPki::generate().unwrap();
    let port = start_tls(&pki).await;
    let result = vum_conformance::run(options(tls_target(&pki, port)))
        .await
        .unwrap();
    assert!(result.preflight.failure.is_none(), "{:?}", result.preflight);
    let not_passed: Vec<String> = result
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Passed)
        .map(|s| format!("{}: {}", s.id, s.reason.as_deref().unwrap_or_default()))
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}");
    let security = result
        .scenarios
        .iter()
        .filter(|s| s.id.file.ends_with("beveiliging/tls.feature"))
        .count();
    assert_eq!(security, 11, "the security scenarios run over mutual TLS");
    assert!(
        result.scope.security.complete(),
        "{:?}",
        result.scope.security
    );
    for id in [
        "AV-BEV-001",
        "AV-BEV-002",
        "AV-BEV-004",
        "AV-BEV-005",
        "AV-BEV-007",
        "AV-BEV-014",
    ] {
        let r = result.requirements.iter().find(|r| r.eis.id == id).unwrap();
        assert_eq!(
            r.verdict,
            RequirementVerdict::Judged(Verdict::Passed),
            "{id}"
        );
    }
    assert!(result.conclusion.complete, "{:?}", result.conclusion);
    assert_eq!(result.conclusion.verdict, Eindoordeel::Geslaagd);
    assert_eq!(result.exit_code(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_special_certificates_the_run_is_incomplete_and_names_them() {
    let pki = DevPki::generate().unwrap();
    let port = start_tls(&pki).await;
    let mut target = tls_target(&pki, port);
    target.tls.special.clear();
    let result = vum_conformance::run(options(target)).await.unwrap();
    assert!(failed(&result).is_empty(), "{:?}", failed(&result));
    assert_eq!(result.exit_code(), 3, "{}", result.conclusion.reason);
    let left_out = result.conclusion.left_out.join("\n");
    for flag in ["--expired-cert", "--unlisted-cert", "--mediator-cert"] {
        assert!(left_out.contains(flag), "{flag} in {left_out}");
    }
    // What the harness can do itself still ran: no certificate, self-signed, a foreign CA.
    let r = result
        .requirements
        .iter()
        .find(|r| r.eis.id == "AV-BEV-005")
        .unwrap();
    assert_eq!(r.verdict, RequirementVerdict::Judged(Verdict::Passed));
}

/// Runs against a TLS node with changed material; the run must stop in the pre-flight.
async fn preflight_failure(change: impl FnOnce(&mut Target, &DevPki)) -> String {
    let pki = DevPki::generate().unwrap();
    let port = start_tls(&pki).await;
    let mut target = tls_target(&pki, port);
    change(&mut target, &pki);
    let result = vum_conformance::run(options(target)).await.unwrap();
    assert!(failed(&result).is_empty(), "{:?}", failed(&result));
    assert_eq!(result.exit_code(), 2, "{}", result.conclusion.reason);
    assert_eq!(result.conclusion.verdict, Eindoordeel::Onbeslist);
    result.preflight.failure.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_client_certificate_is_inconclusive_and_names_the_flag() {
    let reason = preflight_failure(|t, _| t.tls.identity = None).await;
    assert!(reason.contains("--client-cert"), "{reason}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_certificate_the_node_does_not_trust_is_inconclusive() {
    let reason = preflight_failure(|t, pki| t.tls.identity = Some(identity(pki, "vreemd"))).await;
    assert!(reason.contains("--client-cert"), "{reason}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_that_does_not_match_the_certificate_is_inconclusive() {
    let reason = preflight_failure(|t, pki| {
        let other = identity(pki, "bemiddelaar");
        if let Some(mine) = &mut t.tls.identity {
            mine.key_pem = other.key_pem;
        }
    })
    .await;
    assert!(
        reason.contains("hoort niet bij het certificaat"),
        "{reason}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ca_that_is_not_pem_is_inconclusive() {
    let reason = preflight_failure(|t, _| t.tls.ca_pem = Some("geen certificaat".to_owned())).await;
    assert!(reason.contains("--ca"), "{reason}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_certificate_outside_the_ca_is_inconclusive() {
    let reason = preflight_failure(|t, pki| t.tls.ca_pem = Some(pki.foreign_ca_pem.clone())).await;
    assert!(reason.contains("--ca"), "{reason}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_to_a_plain_http_port_is_inconclusive_and_says_so() {
    let address = start(vum_reference::BronConfig::default()).await;
    let pki = DevPki::generate().unwrap();
    let mut target = Target::new(&format!("https://{address}/api/v3"));
    target.tls = TlsMaterial {
        ca_pem: Some(pki.ca_pem.clone()),
        identity: Some(Identity {
            ..identity(&pki, "uitwisseling")
        }),
        ..TlsMaterial::default()
    };
    let result = vum_conformance::run(options(target)).await.unwrap();
    let reason = result.preflight.failure.unwrap_or_default();
    assert!(reason.contains("spreekt gewoon HTTP"), "{reason}");
    assert_eq!(result.conclusion.exit_code, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_to_a_tls_port_is_inconclusive_and_says_so() {
    let pki = DevPki::generate().unwrap();
    let port = start_tls(&pki).await;
    let target = Target::new(&format!("http://127.0.0.1:{port}/api/v3"));
    let result = vum_conformance::run(options(target)).await.unwrap();
    let reason = result.preflight.failure.unwrap_or_default();
    assert!(reason.contains("spreekt TLS"), "{reason}");
    assert_eq!(result.conclusion.exit_code, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_of_vacancies_only_passes_its_own_profile_completely() {
    let pki = DevPki::generate().unwrap();
    let port = start_tls_with(&pki, &[vum_spec::Kind::Vacature]).await;
    let mut opts = options(tls_target(&pki, port));
    opts.profiel = Some(vum_spec::profielen::profiel("bron-vacatures").unwrap());
    let result = vum_conformance::run(opts).await.unwrap();
    let not_passed: Vec<String> = result
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Passed)
        .map(|s| format!("{}: {}", s.id, s.reason.as_deref().unwrap_or_default()))
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}");
    assert_eq!(result.scope.profile, "bron-vacatures");
    assert!(
        result
            .scenarios
            .iter()
            .all(|s| !s.id.file.contains("criteria_werkzoekenden")),
        "no job-seeker scenario runs for a source of vacancies"
    );
    assert_eq!(result.exit_code(), 0, "{}", result.conclusion.reason);
    let kop_001 = result
        .requirements
        .iter()
        .find(|r| r.eis.id == "AV-KOP-001")
        .unwrap();
    assert_eq!(
        kop_001.verdict,
        RequirementVerdict::NotRun,
        "outside the profile"
    );

    // The same node against the default profile: the job seekers are missing.
    let result = vum_conformance::run(options(tls_target(&pki, port)))
        .await
        .unwrap();
    assert!(result.scope.profile_by_default);
    assert_eq!(result.exit_code(), 2, "{}", result.conclusion.reason);
    assert!(
        result
            .preflight
            .failure
            .as_deref()
            .unwrap_or_default()
            .contains("werkzoekenden ontbreken"),
        "{:?}",
        result.preflight.failure
    );
}
