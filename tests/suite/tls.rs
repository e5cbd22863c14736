//! The whole suite over mutual TLS, security scenarios included, against the reference node with a
//! fresh test PKI.

use vum_conformance::Target;
use vum_conformance::verdict::Verdict;
use vum_reference::pki::DevPki;

use crate::node::{options, start_tls};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_suite_passes_over_mutual_tls_with_the_security_scenarios() {
    let dir = std::env::temp_dir().join(format!("vum-suite-pki-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let pki = DevPki::generate().unwrap();
    pki.write(&dir).unwrap();
    let port = start_tls(&pki).await;

    let mut target = Target::new(&format!("https://localhost:{port}/api/v3"));
    let exchange = pki.client("uitwisseling").unwrap();
    target.identity = Some((exchange.chain_pem.clone(), exchange.key_pem.clone()));
    target.pki = Some(dir);
    let result = vum_conformance::run(options(target)).await.unwrap();
    assert!(
        result.inconclusive_reason.is_none(),
        "{:?}",
        result.inconclusive_reason
    );
    let not_passed: Vec<String> = result
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Passed)
        .map(|s| {
            format!(
                "{} {}: {}",
                s.location,
                s.name,
                s.reason.as_deref().unwrap_or_default()
            )
        })
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}");
    let security = result
        .scenarios
        .iter()
        .filter(|s| s.location.contains("beveiliging/tls.feature"))
        .count();
    assert_eq!(security, 8, "the security scenarios run over mutual TLS");
    for id in [
        "AV-BEV-001",
        "AV-BEV-002",
        "AV-BEV-004",
        "AV-BEV-005",
        "AV-BEV-007",
    ] {
        let r = result.requirements.iter().find(|r| r.eis.id == id).unwrap();
        assert_eq!(r.verdict, Some(Verdict::Passed), "{id}");
    }
    assert_eq!(result.exit_code(), 0);
}
