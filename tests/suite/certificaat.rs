//! The certificate: issued only for a complete, passed run over mutual TLS, bound to the node's
//! server certificate and to its evidence, and verifiable offline; every way of tampering with it
//! or presenting it elsewhere is refused.

use time::{Duration, OffsetDateTime};
use vum_conformance::RunResult;
use vum_conformance::certificaat::verify::{self, VerifyError};
use vum_conformance::certificaat::{self, IssueError, IssueOptions, Issued, bewijs, live};
use vum_reference::pki::DevPki;
use vum_spec::jws::{SigningKey, VerifyingKey};

use crate::node::{options, start, start_tls, start_tls_with, tls_target};

fn key() -> (SigningKey, VerifyingKey) {
    let (private, public) = SigningKey::generate().unwrap();
    (
        SigningKey::from_pem(&private).unwrap(),
        VerifyingKey::from_pem(&public).unwrap(),
    )
}

fn issue(result: &RunResult, key: &SigningKey) -> Result<(Issued, Vec<u8>), IssueError> {
    let inhoud = bewijs::Inhoud::of(result);
    let issued = certificaat::issue(result, &inhoud, key, &IssueOptions::new("test"))?;
    let zip = inhoud.zip(&issued.jws).unwrap();
    Ok((issued, zip))
}

/// A source over mutual TLS on a port of its own, with a shutdown switch: two nodes can take
/// the same address one after the other.
async fn start_stoppable(pki: &DevPki, port: u16) -> tokio::sync::oneshot::Sender<()> {
    use vum_reference::bron::store::Store;
    use vum_reference::server::deelnemers::Participants;
    let config = vum_reference::BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml).unwrap()),
        ..Default::default()
    };
    let bron = vum_reference::Bron::new(config, Store::in_memory().unwrap()).unwrap();
    bron.load_certification_test_set().unwrap();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(vum_reference::server::listener::serve_tls(
        listener,
        vum_reference::bron::router(bron),
        pki.server_settings().unwrap(),
        async {
            let _ = stopped.await;
        },
    ));
    stop
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complete_run_earns_a_certificate_bound_to_the_node_and_its_evidence() {
    let pki = DevPki::generate().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let stop = start_stoppable(&pki, port).await;
    let target = tls_target(&pki, port);
    let result = vum_conformance::run(options(target.clone())).await.unwrap();
    assert_eq!(result.exit_code(), 0, "{}", result.conclusion.reason);
    let (signing, verifying) = key();
    let (issued, zip) = issue(&result, &signing).unwrap();
    let claims = &issued.claims;
    // The node is run by the source's processor: its server certificate carries that OIN.
    assert_eq!(claims.sub, vum_spec::testdata::oins::BRON_VERWERKER);
    assert_eq!(claims.vum.profiel, "bron");
    assert_eq!(claims.vum.knooppunt.url, target.base_url);
    assert_eq!(claims.vum.verklaringen.len(), 16);
    assert!(
        claims
            .vum
            .eisen
            .iter()
            .all(|e| e.niveau != "MUST" || e.uitslag == "voldaan"),
        "{:?}",
        claims.vum.eisen
    );
    let now = OffsetDateTime::now_utc();
    assert_eq!(
        verify::certificate(&issued.jws, &verifying, now).unwrap(),
        *claims
    );
    assert_eq!(verify::package(&zip, &verifying, now).unwrap(), *claims);
    // Live: the node presents the certified certificate, even to a caller without one.
    let mut bare = target.clone();
    bare.tls.identity = None;
    let found = live::server_certificate(&bare).await.unwrap();
    verify::live(claims, &found).unwrap();

    // One flipped bit in the certificate: every byte of header and signature, and every
    // eleventh of the payload (the signature covers each alike).
    let header_end = issued.jws.find('.').unwrap();
    let signature_start = issued.jws.rfind('.').unwrap();
    let places = (0..=header_end)
        .chain((header_end..signature_start).step_by(11))
        .chain(signature_start..issued.jws.len());
    for i in places {
        let mut bytes = issued.jws.clone().into_bytes();
        bytes[i] ^= 0x01;
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            verify::certificate(&text, &verifying, now).is_err(),
            "byte {i}"
        );
    }
    // The package: the zip's own structure at both ends and forty places in between (every
    // byte of a small package: the unit test of `bewijs`).
    let n = zip.len();
    let places = (0..64).chain(n - 256..n).chain((1..40).map(|k| k * n / 40));
    for i in places {
        let mut flipped = zip.clone();
        flipped[i] ^= 0x01;
        assert!(
            verify::package(&flipped, &verifying, now).is_err(),
            "zip byte {i}"
        );
    }
    // Expired: checked on a day after its end.
    let later = OffsetDateTime::from_unix_timestamp(claims.exp).unwrap() + Duration::days(1);
    assert!(matches!(
        verify::certificate(&issued.jws, &verifying, later),
        Err(VerifyError::Expired { .. })
    ));
    // Another key.
    let (_, other) = key();
    assert!(matches!(
        verify::certificate(&issued.jws, &other, now),
        Err(VerifyError::OtherKey { .. })
    ));
    // A certificate signed by another key that claims this key's id is still refused.
    let (forger, _) = key();
    let forged = forger.sign(
        serde_json::Map::from_iter([("typ".to_owned(), serde_json::Value::from(certificaat::TYP))]),
        &serde_json::to_vec(claims).unwrap(),
    );
    assert!(verify::certificate(&forged, &verifying, now).is_err());

    // Another node, with another server certificate, at the same address.
    let _ = stop.send(());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let other_pki = DevPki::generate().unwrap();
    let _other = start_stoppable(&other_pki, port).await;
    let found = live::server_certificate(&bare).await.unwrap();
    let refused = verify::live(claims, &found).unwrap_err();
    assert!(
        matches!(refused, VerifyError::ServerCertificateChanged { .. }),
        "{refused}"
    );
    assert!(refused.to_string().contains("gewijzigd"), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_of_vacancies_is_certified_for_its_own_profile() {
    let pki = DevPki::generate().unwrap();
    let port = start_tls_with(&pki, &[vum_spec::Kind::Vacature]).await;
    let mut opts = options(tls_target(&pki, port));
    opts.profiel = Some(vum_spec::profielen::profiel("bron-vacatures").unwrap());
    let result = vum_conformance::run(opts).await.unwrap();
    assert_eq!(result.exit_code(), 0, "{}", result.conclusion.reason);
    let (signing, verifying) = key();
    let (issued, zip) = issue(&result, &signing).unwrap();
    assert_eq!(issued.claims.vum.profiel, "bron-vacatures");
    assert!(
        !issued.claims.vum.eisen.iter().any(|e| e.id == "AV-KOP-001"),
        "a job-seeker requirement is outside the profile"
    );
    let now = OffsetDateTime::now_utc();
    verify::package(&zip, &verifying, now).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_certificate_for_a_filtered_a_plain_a_failed_or_an_undeclared_run() {
    let (signing, _) = key();
    let pki = DevPki::generate().unwrap();
    let port = start_tls(&pki).await;

    let mut filtered = options(tls_target(&pki, port));
    filtered.tags = Some("@must".to_owned());
    let result = vum_conformance::run(filtered).await.unwrap();
    assert_eq!(result.exit_code(), 3);
    assert!(matches!(
        issue(&result, &signing),
        Err(IssueError::NotCertifying(_))
    ));

    let mut undeclared = options(tls_target(&pki, port));
    let mut declarations = undeclared.verklaringen.take().unwrap();
    declarations.verklaring.retain(|v| v.eis != "AV-LOG-001");
    undeclared.verklaringen = Some(declarations);
    let result = vum_conformance::run(undeclared).await.unwrap();
    assert_eq!(result.exit_code(), 3, "{}", result.conclusion.reason);
    assert!(
        result
            .conclusion
            .reason
            .contains("AV-LOG-001: geen verklaring"),
        "{}",
        result.conclusion.reason
    );
    assert!(issue(&result, &signing).is_err());

    let mut declared_unmet = options(tls_target(&pki, port));
    let mut declarations = declared_unmet.verklaringen.take().unwrap();
    for v in &mut declarations.verklaring {
        if v.eis == "AV-LOG-001" {
            v.uitspraak = vum_conformance::verklaringen::Uitspraak::NietVoldaan;
        }
    }
    declared_unmet.verklaringen = Some(declarations);
    let result = vum_conformance::run(declared_unmet).await.unwrap();
    assert_eq!(result.exit_code(), 1, "{}", result.conclusion.reason);
    assert!(result.conclusion.reason.contains("AV-LOG-001 (verklaard)"));
    assert!(issue(&result, &signing).is_err());

    let plain = start(vum_reference::BronConfig::default()).await;
    let result = vum_conformance::run(options(vum_conformance::Target::new(&format!(
        "http://{plain}/api/v3"
    ))))
    .await
    .unwrap();
    assert_eq!(result.exit_code(), 3);
    assert!(issue(&result, &signing).is_err());

    let result = crate::golden::fixed_run().await;
    assert_eq!(result.exit_code(), 1);
    assert!(issue(&result, &signing).is_err());
}

/// Every declaration of the reference node names a test that exists, as `path::function`.
#[test]
fn the_reference_declarations_rest_on_tests_that_exist() {
    let declarations = crate::node::declarations();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let profiel = vum_spec::profielen::profiel("bron").unwrap();
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let covered = vum_conformance::verklaringen::toets(
        Some(&declarations),
        &profiel,
        &catalogue,
        OffsetDateTime::now_utc().date(),
    );
    assert!(
        covered
            .iter()
            .all(vum_conformance::verklaringen::Verklaringsuitslag::geldig),
        "{covered:?}"
    );
    for v in &declarations.verklaring {
        let basis = v.onderbouwing.as_deref().unwrap_or_default();
        let references: Vec<(&str, &str)> = basis
            .split([';', ' '])
            .filter_map(|part| part.split_once("::"))
            .collect();
        assert!(
            !references.is_empty(),
            "{}: no test named in {basis:?}",
            v.eis
        );
        for (path, function) in references {
            let text = std::fs::read_to_string(root.join(path))
                .unwrap_or_else(|e| panic!("{}: {path}: {e}", v.eis));
            assert!(
                text.contains(&format!("fn {function}(")),
                "{}: {path} has no test {function}",
                v.eis
            );
        }
    }
}
