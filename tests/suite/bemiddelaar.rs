//! The mediator profile: the harness plays the exchange on a loopback address over mutual TLS
//! with a fresh test PKI; the reference mediator client executes the scripted task file against
//! it. The correct client passes `bemiddelaar` completely; each of its deliberate faults
//! (`vum_tests::faults::bemiddelaar`) is caught by its requirement and fails nothing it is not
//! declared to break.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use futures::StreamExt;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;
use vum_conformance::bemiddelaar::{Dienst, ServerTls, certificatietaken, takenlijst};
use vum_conformance::features::FeatureSource;
use vum_conformance::result::{Eindoordeel, RequirementVerdict, RunResult, Verdict};
use vum_conformance::run::RunOptions;
use vum_conformance::target::{Identity, Rol, Target};
use vum_reference::bemiddelaar::{Afwijking, Bemiddelaar, BemiddelaarConfig, Tls, voer_alle_uit};
use vum_reference::pki::DevPki;
use vum_spec::taken::Takenlijst;
use vum_tests::faults::Fault;
use vum_tests::faults::bemiddelaar::{BemiddelaarFout, FOUTEN, Wijze};
use vum_tests::proxy::{ServerTls as ProxyTls, Upstream};

use crate::faults::{Section, failures, inconclusive_because};

fn pki() -> &'static DevPki {
    static PKI: OnceLock<DevPki> = OnceLock::new();
    PKI.get_or_init(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
        DevPki::generate().unwrap()
    })
}

/// The proxy between the client and the harness, with `fault`: the client's certificate passed
/// on (the proxy holds the test PKI's keys); its base URL.
async fn proxy(port: u16, fault: &'static Fault) -> String {
    let pki = pki();
    let ca = reqwest::Certificate::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let identiteit = pki.client("bemiddelaar").unwrap();
    let mut clients = BTreeMap::new();
    clients.insert(
        String::new(),
        reqwest::Client::builder()
            .tls_certs_only([ca.clone()])
            .build()
            .unwrap(),
    );
    clients.insert(
        "bemiddelaar".to_owned(),
        reqwest::Client::builder()
            .tls_certs_only([ca])
            .identity(
                reqwest::Identity::from_pem(
                    format!("{}\n{}", identiteit.chain_pem, identiteit.key_pem).as_bytes(),
                )
                .unwrap(),
            )
            .build()
            .unwrap(),
    );
    let leaf = CertificateDer::pem_slice_iter(identiteit.chain_pem.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    let address = vum_tests::proxy::start(
        Upstream {
            origin: format!("https://localhost:{port}"),
            clients,
            served_as: "bemiddelaar",
        },
        Some(fault),
        Some(ProxyTls {
            chain_pem: pki.exchange_server.chain_pem.clone(),
            key_pem: pki.exchange_server.key_pem.clone(),
            identities: vec![("bemiddelaar".to_owned(), leaf.as_ref().to_vec())],
        }),
    )
    .await;
    format!("https://localhost:{}/api/v3", address.port())
}

/// A run of the `bemiddelaar` profile: the harness listens, the reference client (with the
/// fault, if any) executes the task file it wrote, the recording is judged.
async fn run(fout: Option<&'static BemiddelaarFout>) -> RunResult {
    let pki = pki();
    let tls = ServerTls {
        certificaat_pem: pki.exchange_server.chain_pem.clone(),
        sleutel_pem: pki.exchange_server.key_pem.clone(),
        ca_pem: pki.ca_pem.clone(),
    };
    let taken = certificatietaken().unwrap();
    let dienst = Dienst::start("127.0.0.1:0", Some(&tls), taken.clone())
        .await
        .unwrap();
    let url = format!("https://localhost:{}/api/v3", dienst.adres().port());
    let (afwijking, voor_client) = match fout.map(|f| &f.wijze) {
        Some(Wijze::Afwijking(a)) => (Some(*a), url.clone()),
        Some(Wijze::Proxy(fault)) => (None, proxy(dienst.adres().port(), fault).await),
        None => (None, url.clone()),
    };
    // Scripted mode: the task file as a driver reads it.
    let lijst = Takenlijst::lees(&takenlijst(&taken, &voor_client, None).naar_json()).unwrap();
    let identiteit = pki.client("bemiddelaar").unwrap();
    let mut config = BemiddelaarConfig::met_tls(
        lijst.uitwisseling.clone().unwrap(),
        Tls {
            certificate_pem: identiteit.chain_pem.clone(),
            key_pem: identiteit.key_pem.clone(),
            ca_pem: pki.ca_pem.clone(),
        },
    )
    .unwrap();
    config.afwijking = afwijking;
    let client = Bemiddelaar::new(config).unwrap();
    let _ = voer_alle_uit(&client, &lijst).await;
    let opname = dienst.opname();
    drop(dienst);

    let mut target = Target::with_rol(&url, Rol::Bemiddelaar);
    target.tls.ca_pem = Some(tls.ca_pem.clone());
    target.tls.identity = Some(Identity {
        chain_pem: tls.certificaat_pem.clone(),
        key_pem: tls.sleutel_pem.clone(),
    });
    let options = RunOptions {
        target,
        profiel: Some(vum_spec::profielen::profiel("bemiddelaar").unwrap()),
        simulatie: None,
        verklaringen: None,
        features: FeatureSource::Embedded,
        tags: None,
        concurrency: 1,
        progress: false,
    };
    let plan = vum_conformance::run::plan(options).unwrap();
    vum_conformance::run::execute_bemiddelaar(plan, opname).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_mediator_client_passes_the_mediator_profile_over_mutual_tls() {
    let result = run(None).await;
    let not_passed: Vec<String> = result
        .requirements
        .iter()
        .filter(|r| r.eis.rollen.iter().any(|rol| rol == "bemiddelaar"))
        .filter(|r| r.verdict != RequirementVerdict::Judged(Verdict::Passed))
        .map(|r| format!("{}: {:?}", r.eis.id, r.verdict))
        .collect();
    let scenarios: Vec<String> = result
        .scenarios
        .iter()
        .filter_map(|s| s.reason.as_ref().map(|r| format!("{}: {r}", s.id)))
        .collect();
    assert!(
        not_passed.is_empty(),
        "{not_passed:#?}\n{scenarios:#?}\n{:?}",
        result.preflight
    );
    assert_eq!(
        result.conclusion.verdict,
        Eindoordeel::Geslaagd,
        "{}",
        inconclusive_because(&result)
    );
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let mediator: BTreeSet<&str> = catalogue
        .iter()
        .filter(|e| e.rollen.iter().any(|r| r == "bemiddelaar"))
        .map(|e| e.id.as_str())
        .collect();
    let judged: BTreeSet<&str> = result
        .requirements
        .iter()
        .filter(|r| r.verdict == RequirementVerdict::Judged(Verdict::Passed))
        .map(|r| r.eis.id.as_str())
        .collect();
    assert!(mediator.is_subset(&judged), "{mediator:?} vs {judged:?}");
    assert_eq!(result.exit_code(), 0);
}

/// What one fault did to the profile.
struct Uitkomst {
    fout: &'static BemiddelaarFout,
    failed: BTreeMap<String, BTreeSet<String>>,
    verdict: Eindoordeel,
    reason: String,
}

impl Uitkomst {
    fn caught(&self) -> bool {
        self.failed.contains_key(self.fout.target())
    }

    fn undeclared(&self) -> Vec<&String> {
        crate::faults::undeclared(&self.failed, |r| self.fout.breaks.contains(&r))
    }

    fn as_expected(&self) -> bool {
        self.verdict != Eindoordeel::Onbeslist && self.caught() && self.undeclared().is_empty()
    }
}

/// The mediator's part of `tests/fault-matrix.md`.
fn matrix(outcomes: &[Uitkomst]) -> String {
    let caught = outcomes.iter().filter(|o| o.as_expected()).count();
    let mut rows: Vec<(&str, &str, String)> = outcomes
        .iter()
        .map(|o| {
            let others: Vec<&str> = o
                .failed
                .keys()
                .map(String::as_str)
                .filter(|r| *r != o.fout.target())
                .collect();
            let line = format!(
                "| {} | `{}` | {} | {} | {} |",
                o.fout.target(),
                o.fout.name,
                o.fout.wat,
                if o.caught() {
                    "ja"
                } else {
                    "**niet gevangen**"
                },
                if others.is_empty() {
                    "–".to_owned()
                } else {
                    others.join(", ")
                }
            );
            (o.fout.target(), o.fout.name, line)
        })
        .collect();
    rows.sort();
    let mut out = format!(
        "## Bemiddelaar\n\n\
         Each fault is a deliberate fault of the reference mediator client (`Afwijking`) or the \
         proxy between the correct client and the harness rewriting its requests; the \
         `bemiddelaar` profile runs once per fault, with the harness as the exchange over mutual \
         TLS and the client executing the scripted task file. Faults: {}. Caught by their \
         requirement, nothing undeclared failed: {caught}. Mutation score: {} %.\n\n\
         | Eis | Fout | Wat er mis is | Gevangen | Ook gefaald |\n|---|---|---|---|---|\n",
        outcomes.len(),
        caught * 100 / outcomes.len().max(1)
    );
    for (_, _, line) in rows {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mediator_fault_is_caught_by_its_target_and_breaks_only_what_it_declares() {
    // Every Afwijking of the client is in the matrix.
    let declared: BTreeSet<Afwijking> = FOUTEN
        .iter()
        .filter_map(|f| match f.wijze {
            Wijze::Afwijking(a) => Some(a),
            Wijze::Proxy(_) => None,
        })
        .collect();
    assert_eq!(declared, Afwijking::ALLE.into_iter().collect());
    let only = std::env::var("VUM_FAULT").ok();
    let mut outcomes: Vec<Uitkomst> = futures::stream::iter(
        FOUTEN
            .iter()
            .filter(|f| only.as_deref().is_none_or(|o| o == f.name)),
    )
    .map(|fout| async move {
        let result = run(Some(fout)).await;
        Uitkomst {
            fout,
            failed: failures(&result),
            verdict: result.conclusion.verdict,
            reason: inconclusive_because(&result),
        }
    })
    .buffer_unordered(3)
    .collect()
    .await;
    outcomes.sort_by_key(|o| o.fout.name);
    let mut problems = Vec::new();
    for o in &outcomes {
        if o.verdict == Eindoordeel::Onbeslist {
            problems.push(format!(
                "{}: the run was inconclusive: {}",
                o.fout.name, o.reason
            ));
        } else if !o.caught() {
            problems.push(format!(
                "{}: no scenario of {} failed (failed: {:?})",
                o.fout.name,
                o.fout.target(),
                o.failed
            ));
        }
        for r in o.undeclared() {
            problems.push(format!(
                "{}: also failed {r}, not declared: {:?}",
                o.fout.name, o.failed[r]
            ));
        }
    }
    let caught = outcomes.iter().filter(|o| o.as_expected()).count();
    let failed: Vec<_> = outcomes.iter().map(|o| (o.fout.name, &o.failed)).collect();
    crate::faults::settle(
        "mediator fault matrix",
        Section::Bemiddelaar,
        caught,
        &failed,
        &problems,
        || matrix(&outcomes),
    );
}
