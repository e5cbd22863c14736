//! The exchange profile: the harness as mediators and as the sources, against the reference
//! exchange over mutual TLS with a fresh test PKI. The complete run certifies it; each fault of
//! an exchange (`vum_tests::faults::uitwisseling`) is caught by its requirement and fails nothing
//! it is not declared to break.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::StreamExt;
use vum_conformance::result::{Eindoordeel, RequirementVerdict, RunResult, Verdict};
use vum_conformance::simulatie::opzet::{self, Inrichting, Opzet};
use vum_conformance::target::{Rol, Target, TlsMaterial};
use vum_reference::pki::DevPki;
use vum_reference::uitwisseling::{UitwisselingConfig, bronnen};
use vum_tests::faults::Expect;
use vum_tests::faults::uitwisseling::{FOUTEN, UitwisselingFout, Wijze};
use vum_tests::proxy;

use crate::faults::{
    DEBUG_MARKERS, Section, failures, harness_words, inconclusive_because, matrix_row, tls_upstream,
};
use crate::node::{exchange_declarations, free_port_pair, options, pki_dir, start_exchange_with};

/// A test PKI on disk.
struct Opstelling {
    pki: DevPki,
    pki_path: PathBuf,
    runs: AtomicUsize,
}

impl Opstelling {
    fn new() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let pki = DevPki::generate().unwrap();
        let pki_path = pki_dir(&pki, "uitwisseling-pki");
        Self {
            pki,
            pki_path,
            runs: AtomicUsize::new(0),
        }
    }

    /// A run of the `uitwisseling` profile against a fresh reference exchange (with `fout`, if
    /// any) in front of the harness's simulated sources.
    async fn run(&self, fout: Option<&'static UitwisselingFout>) -> RunResult {
        let n = self.runs.fetch_add(1, Ordering::Relaxed);
        let setup = self.pki_path.join(format!("bronnen-{n}"));
        let inrichting = Inrichting::TestPki(self.pki_path.clone());
        opzet::schrijf(&setup, free_port_pair(), &inrichting).unwrap();
        let mut sources = bronnen::read(&setup.join("bronnen.toml")).unwrap();
        let mut config = UitwisselingConfig {
            tls: true,
            ..UitwisselingConfig::default()
        };
        match fout.map(|f| &f.wijze) {
            Some(Wijze::Afwijking(afwijking)) => config.afwijking = Some(*afwijking),
            Some(Wijze::Configuratie(change)) => {
                let bemiddelaar = self
                    .pki
                    .clients
                    .iter()
                    .find(|c| c.name == "bemiddelaar")
                    .unwrap();
                let pem = (bemiddelaar.chain_pem.as_str(), bemiddelaar.key_pem.as_str());
                change(&mut config, &mut sources, pem);
            }
            _ => {}
        }
        let mut port = start_exchange_with(&self.pki, config, sources).await;
        if let Some(Wijze::Proxy(fault)) = fout.map(|f| &f.wijze) {
            // The proxy presents the exchange's own server certificate and serves a client a
            // fault lets through as the mediator.
            let (mut upstream, mut server) = tls_upstream(&self.pki, port);
            upstream.served_as = "bemiddelaar";
            server
                .chain_pem
                .clone_from(&self.pki.exchange_server.chain_pem);
            server.key_pem.clone_from(&self.pki.exchange_server.key_pem);
            port = proxy::start(upstream, Some(fault), Some(server))
                .await
                .port();
        }
        let url = format!("https://localhost:{port}/api/v3");
        let mut target = Target::with_rol(&url, Rol::Uitwisseling);
        target.tls = TlsMaterial::from_dev_pki(&self.pki_path, Rol::Uitwisseling).unwrap();
        let mut opts = options(target);
        opts.profiel = Some(vum_spec::profielen::profiel("uitwisseling").unwrap());
        opts.simulatie = Some(Opzet::read(&setup).unwrap());
        opts.verklaringen = Some(exchange_declarations());
        let result = vum_conformance::run(opts).await.unwrap();
        let _ = std::fs::remove_dir_all(&setup);
        result
    }
}

impl Drop for Opstelling {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.pki_path);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_exchange_passes_its_profile_completely_over_mutual_tls() {
    let result = Opstelling::new().run(None).await;
    assert!(
        result.preflight.failure.is_none(),
        "{:#?}",
        result.preflight
    );
    let not_passed: Vec<String> = result
        .scenarios
        .iter()
        .filter(|s| s.verdict != Verdict::Passed)
        .map(|s| format!("{}: {}", s.id, s.reason.as_deref().unwrap_or_default()))
        .collect();
    assert!(not_passed.is_empty(), "{not_passed:#?}");
    let failed_checks: Vec<String> = result
        .checks
        .iter()
        .filter(|c| c.verdict == Some(Verdict::Failed))
        .map(|c| format!("{}: {:?}", c.requirement, c.findings))
        .collect();
    assert!(failed_checks.is_empty(), "{failed_checks:#?}");
    let not_run: Vec<&str> = result
        .requirements
        .iter()
        .filter(|r| r.eis.rollen.iter().any(|x| x == "uitwisseling"))
        .filter(|r| r.verdict == RequirementVerdict::NotRun)
        .map(|r| r.eis.id.as_str())
        .collect();
    assert!(not_run.is_empty(), "{not_run:?}");
    assert_eq!(result.scope.profile, "uitwisseling");
    assert_eq!(result.exit_code(), 0, "{}", result.conclusion.reason);
}

/// One exchange fault's outcome.
struct Uitkomst {
    fout: &'static UitwisselingFout,
    failed: BTreeMap<String, BTreeSet<String>>,
    verdict: Eindoordeel,
    reason: String,
    debug_text: Vec<String>,
}

impl Uitkomst {
    /// The scenarios of the fault's target that failed.
    fn caught_by(&self) -> Vec<&String> {
        crate::faults::caught_by(&self.failed, self.fout.target())
    }

    fn as_expected(&self) -> bool {
        self.fout.expect == Expect::Caught
            && self.verdict != Eindoordeel::Onbeslist
            && !self.caught_by().is_empty()
            && self.undeclared().is_empty()
    }

    fn undeclared(&self) -> Vec<&String> {
        crate::faults::undeclared(&self.failed, |r| self.fout.breaks.contains(&r))
    }
}

/// The exchange's part of `tests/fault-matrix.md`.
fn matrix(outcomes: &[Uitkomst]) -> String {
    let caught = outcomes.iter().filter(|o| o.as_expected()).count();
    let mut rows: Vec<(&str, &str, String)> = outcomes
        .iter()
        .map(|o| {
            let line = matrix_row(
                (o.fout.target(), o.fout.name, o.fout.wat),
                &o.caught_by(),
                &o.failed,
                None,
            );
            (o.fout.target(), o.fout.name, line)
        })
        .collect();
    rows.sort();
    let mut out = format!(
        "## Uitwisselingsvoorziening\n\n\
         Each fault is a deliberate fault of the reference exchange (`Afwijking`), a wrong \
         configuration of it, or the proxy's TLS listener in front of it; the `uitwisseling` \
         profile runs once per fault, with the harness as mediators and as the sources. Faults: \
         {}. Caught by their requirement, nothing undeclared failed: {caught}. Mutation score: \
         {} %.\n\n\
         | Eis | Fout | Wat er mis is | Gevangen door | Ook gefaald |\n|---|---|---|---|---|\n",
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
async fn every_exchange_fault_is_caught_by_its_target_and_breaks_only_what_it_declares() {
    let opstelling = Opstelling::new();
    // VUM_FAULT=name runs one fault only (while working on it); the matrix is then not compared.
    let only = std::env::var("VUM_FAULT").ok();
    let selected = FOUTEN
        .iter()
        .filter(|f| only.as_deref().is_none_or(|o| o == f.name));
    let opstelling = &opstelling;
    let mut outcomes: Vec<Uitkomst> = futures::stream::iter(selected)
        .map(|fout| async move {
            let result = opstelling.run(Some(fout)).await;
            Uitkomst {
                fout,
                failed: failures(&result),
                verdict: result.conclusion.verdict,
                reason: inconclusive_because(&result),
                debug_text: harness_words(&result)
                    .into_iter()
                    .filter(|w| DEBUG_MARKERS.iter().any(|m| w.contains(m)))
                    .collect(),
            }
        })
        .buffer_unordered(2)
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
        } else if o.caught_by().is_empty() {
            problems.push(format!(
                "{}: no scenario of {} failed (failed: {:?})",
                o.fout.name,
                o.fout.target(),
                o.failed.keys().collect::<Vec<_>>()
            ));
        }
        for r in o.undeclared() {
            problems.push(format!(
                "{}: also failed {r}, not declared: {:?}",
                o.fout.name, o.failed[r]
            ));
        }
        for text in &o.debug_text {
            problems.push(format!(
                "{}: the harness shows debug text to the vendor: {text}",
                o.fout.name
            ));
        }
    }
    // The authorisation hole of before: another mediator asking as the mediator fails exactly
    // the authorisation requirement.
    if let Some(hole) = outcomes
        .iter()
        .find(|o| o.fout.name == "fromparty-ongebonden")
    {
        let failed: Vec<&str> = hole.failed.keys().map(String::as_str).collect();
        if failed != ["AV-BEV-016"] {
            problems.push(format!(
                "fromparty-ongebonden: failed {failed:?}, not exactly AV-BEV-016"
            ));
        }
    }
    let caught = outcomes.iter().filter(|o| o.as_expected()).count();
    let failed: Vec<_> = outcomes.iter().map(|o| (o.fout.name, &o.failed)).collect();
    crate::faults::settle(
        "exchange fault matrix",
        Section::Uitwisseling,
        caught,
        &failed,
        &problems,
        || matrix(&outcomes),
    );
}
