//! The fault matrix: the whole suite runs through the fault-injecting proxy once per fault, in front
//! of an unmodified reference node. Every fault must make a scenario of its target requirement
//! fail, and nothing it is not declared to break. The matrix is kept in `tests/fault-matrix.md`
//! (`VUM_UPDATE_FAULT_MATRIX=1` rewrites it).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use futures::StreamExt;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use vum_conformance::result::{Eindoordeel, RunResult, Verdict};
use vum_conformance::target::TlsMaterial;
use vum_conformance::{Target, report};
use vum_reference::BronConfig;
use vum_reference::pki::DevPki;
use vum_spec::requirements::{Niveau, Verificatie};
use vum_tests::faults::{Expect, FAULTS, Fault, Kind};
use vum_tests::proxy::{self, ServerTls, Upstream};

use crate::node::{material, options, start, start_tls};

/// The two set-ups the faults run in: plain HTTP, and mutual TLS with a test PKI.
struct Setup {
    plain: Upstream,
    tls: Upstream,
    server: ServerTls,
    material: TlsMaterial,
}

impl Setup {
    async fn start() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let plain_node = start(BronConfig::default()).await;
        let mut plain = BTreeMap::new();
        plain.insert(String::new(), reqwest::Client::new());

        let pki = DevPki::generate().unwrap();
        let port = start_tls(&pki).await;
        let (tls, server) = tls_upstream(&pki, port);
        Self {
            plain: Upstream {
                origin: format!("http://{plain_node}"),
                clients: plain,
                served_as: "uitwisseling",
            },
            tls,
            server,
            material: material(&pki),
        }
    }

    /// Runs the suite through a proxy with `fault` (none: an honest proxy), in the TLS set-up or not.
    async fn run(&self, fault: Option<&'static Fault>, over_tls: bool) -> RunResult {
        let mut target = if over_tls {
            let address: SocketAddr =
                proxy::start(self.tls.clone(), fault, Some(self.server.clone())).await;
            let mut target = Target::new(&format!("https://localhost:{}/api/v3", address.port()));
            target.tls = self.material.clone();
            target
        } else {
            let address = proxy::start(self.plain.clone(), fault, None).await;
            Target::new(&format!("http://{address}/api/v3"))
        };
        // A node that stops answering is found after three requests without an answer; keep the
        // wait for them short.
        if fault.is_some_and(|f| matches!(f.kind, Kind::Stall { .. })) {
            target.timeout = std::time::Duration::from_secs(3);
        }
        vum_conformance::run(options(target)).await.unwrap()
    }
}

/// What a TLS proxy needs in front of a node of `pki` on `port`: the node, with a client per
/// test-PKI identity (and one without), and the proxy's own server side, which tells those
/// identities apart and passes each on.
pub(crate) fn tls_upstream(pki: &DevPki, port: u16) -> (Upstream, ServerTls) {
    let ca = reqwest::Certificate::from_pem(pki.ca_pem.as_bytes()).unwrap();
    let client = |pem: Option<String>| {
        let mut builder = reqwest::Client::builder().tls_certs_only([ca.clone()]);
        if let Some(pem) = pem {
            builder = builder.identity(reqwest::Identity::from_pem(pem.as_bytes()).unwrap());
        }
        builder.build().unwrap()
    };
    let mut clients = BTreeMap::new();
    clients.insert(String::new(), client(None));
    let mut identities = Vec::new();
    for identity in &pki.clients {
        let pem = format!("{}\n{}", identity.chain_pem, identity.key_pem);
        clients.insert(identity.name.to_owned(), client(Some(pem)));
        let leaf = CertificateDer::pem_slice_iter(identity.chain_pem.as_bytes())
            .next()
            .unwrap()
            .unwrap();
        identities.push((identity.name.to_owned(), leaf.as_ref().to_vec()));
    }
    (
        Upstream {
            origin: format!("https://localhost:{port}"),
            clients,
            served_as: "uitwisseling",
        },
        ServerTls {
            chain_pem: pki.server.chain_pem.clone(),
            key_pem: pki.server.key_pem.clone(),
            identities,
        },
    )
}

/// What a run failed: requirement → the scenarios (`file:line name`) and checks that failed it.
/// Inconclusive verdicts are not failures.
pub(crate) fn failures(result: &RunResult) -> BTreeMap<String, BTreeSet<String>> {
    let mut failed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in result
        .scenarios
        .iter()
        .filter(|s| s.verdict == Verdict::Failed)
    {
        for requirement in &s.requirements {
            failed
                .entry(requirement.clone())
                .or_default()
                .insert(format!(
                    "{}:{} {}",
                    s.id.file.trim_start_matches("features/"),
                    s.id.line,
                    s.id.name
                ));
        }
    }
    for c in result
        .checks
        .iter()
        .filter(|c| c.verdict == Some(Verdict::Failed))
    {
        failed
            .entry(c.requirement.clone())
            .or_default()
            .insert(format!("controle {}", c.name));
    }
    failed
}

/// Why a run was inconclusive, in words that do not change from run to run (no ports, no
/// timing): the pre-flight check that stopped it, or a node that stopped answering.
pub(crate) fn inconclusive_because(result: &RunResult) -> String {
    if let Some(check) = result.preflight.checks.iter().rev().find(|c| !c.ok) {
        return format!("de controle vooraf stopte bij '{}'", check.name);
    }
    if result.conclusion.reason.contains("antwoordde niet meer") {
        return "de bron antwoordde niet meer; de scenario's daarna zijn onbeslist".to_owned();
    }
    result.conclusion.reason.clone()
}

/// Text a vendor reads that betrays Rust's debug output or an assertion.
pub(crate) const DEBUG_MARKERS: [&str; 5] = ["Some(", "None", "left:", "right:", "assertion"];

/// The harness's own words in a run (reasons, findings, pre-flight, conclusion) and its console:
/// where Rust's debug text must never appear. The node's bodies inside them are the node's.
pub(crate) fn harness_words(result: &RunResult) -> Vec<String> {
    let mut words = vec![report::console(result), report::scope(&result.scope)];
    words.extend(result.scenarios.iter().filter_map(|s| s.reason.clone()));
    words.extend(
        result
            .checks
            .iter()
            .flat_map(|c| c.findings.iter().map(|f| f.finding.clone())),
    );
    words.extend(result.preflight.checks.iter().map(|c| c.detail.clone()));
    words.extend(result.preflight.failure.clone());
    words.push(result.conclusion.reason.clone());
    words
}

/// One fault's outcome.
struct Outcome {
    fault: &'static Fault,
    failed: BTreeMap<String, BTreeSet<String>>,
    verdict: Eindoordeel,
    reason: String,
    debug_text: Vec<String>,
}

impl Outcome {
    fn caught_by(&self) -> Vec<&String> {
        crate::faults::caught_by(&self.failed, self.fault.target())
    }

    /// Whether the suite made of the fault what it must.
    fn as_expected(&self) -> bool {
        match self.fault.expect {
            Expect::Caught => !self.caught_by().is_empty(),
            Expect::Inconclusive => {
                self.verdict == Eindoordeel::Onbeslist && self.failed.is_empty()
            }
        }
    }

    fn undeclared(&self) -> Vec<&String> {
        crate::faults::undeclared(&self.failed, |r| self.fault.declares(r))
    }
}

fn matrix(outcomes: &[Outcome]) -> String {
    let caught = outcomes.iter().filter(|o| o.as_expected()).count();
    let mut rows: Vec<(&str, &str, String)> = outcomes
        .iter()
        .map(|o| {
            let inconclusive = (o.fault.expect == Expect::Inconclusive && o.as_expected())
                .then(|| format!("onbeslist: {}", o.reason.replace('|', "\\|")));
            let line = matrix_row(
                (o.fault.target(), o.fault.name, o.fault.wat),
                &o.caught_by(),
                &o.failed,
                inconclusive,
            );
            (o.fault.target(), o.fault.name, line)
        })
        .collect();
    rows.sort();
    let mut out = format!(
        "# Fault matrix\n\n\
         Each fault is injected by the proxy in `tests/src/proxy.rs` between the harness and an \
         unmodified reference node; the whole suite runs once per fault. Written by \
         `cargo test -p vum-tests` (`VUM_UPDATE_FAULT_MATRIX=1` rewrites this file).\n\n\
         Faults: {}. Caught (or, for the harness's own configuration and a node that stops \
         answering, judged inconclusive without a failure): {caught}. Mutation score: {} %.\n\n\
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

#[test]
fn every_must_scenario_requirement_has_a_fault() {
    // Every version's catalogue: a requirement of a later version has its fault too.
    let mut catalogue = vum_spec::requirements::catalogue().unwrap();
    for versie in vum_spec::versie::registry().unwrap().versies() {
        for eis in vum_spec::requirements::catalogue_for(versie).unwrap() {
            if !catalogue.iter().any(|e| e.id == eis.id) {
                catalogue.push(eis);
            }
        }
    }
    let mut targeted: BTreeSet<&str> = FAULTS
        .iter()
        .filter(|f| f.expect == Expect::Caught)
        .map(Fault::target)
        .collect();
    targeted.extend(vum_tests::faults::versies::FAULTS.iter().map(Fault::target));
    targeted.extend(
        vum_tests::faults::uitwisseling::FOUTEN
            .iter()
            .map(vum_tests::faults::uitwisseling::UitwisselingFout::target),
    );
    targeted.extend(
        vum_tests::faults::bemiddelaar::FOUTEN
            .iter()
            .map(vum_tests::faults::bemiddelaar::BemiddelaarFout::target),
    );
    let uncovered: Vec<&str> = catalogue
        .iter()
        .filter(|e| e.niveau == Niveau::Must && e.verificatie == Verificatie::Scenario)
        .map(|e| e.id.as_str())
        .filter(|id| !targeted.contains(id))
        .collect();
    assert!(
        uncovered.is_empty(),
        "MUST requirements without a fault: {uncovered:?}"
    );
    let unknown: Vec<&str> = targeted
        .iter()
        .copied()
        .filter(|t| !catalogue.iter().any(|e| e.id == *t))
        .collect();
    assert!(
        unknown.is_empty(),
        "faults targeting unknown requirements: {unknown:?}"
    );
    assert!(FAULTS.len() >= 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_is_caught_by_its_target_and_breaks_only_what_it_declares() {
    let setup = Arc::new(Setup::start().await);
    for (over_tls, verdict) in [
        (false, Eindoordeel::Onvolledig),
        (true, Eindoordeel::Geslaagd),
    ] {
        let result = setup.run(None, over_tls).await;
        let clean = failures(&result);
        let not_passed: Vec<String> = result
            .scenarios
            .iter()
            .filter(|s| s.verdict != Verdict::Passed)
            .map(|s| format!("{}: {}", s.id, s.reason.as_deref().unwrap_or_default()))
            .collect();
        if !clean.is_empty() || !not_passed.is_empty() || result.conclusion.verdict != verdict {
            println!(
                "the honest proxy (tls: {over_tls}): {:?} {}: {clean:#?} {not_passed:#?}",
                result.conclusion.verdict, result.conclusion.reason
            );
        }
        assert!(clean.is_empty() && not_passed.is_empty());
        assert_eq!(
            result.conclusion.verdict, verdict,
            "{}",
            result.conclusion.reason
        );
    }

    // The harness run is not `Send`; three runs at a time on this task.
    // VUM_FAULT=name runs one fault only (while working on it); the matrix is then not compared.
    let only = std::env::var("VUM_FAULT").ok();
    let selected = FAULTS
        .iter()
        .filter(|f| only.as_deref().is_none_or(|o| o == f.name));
    let mut outcomes: Vec<Outcome> = futures::stream::iter(selected)
        .map(|fault| {
            let setup = Arc::clone(&setup);
            async move {
                let result = setup.run(Some(fault), fault.is_tls()).await;
                let debug_text = harness_words(&result)
                    .into_iter()
                    .filter(|w| DEBUG_MARKERS.iter().any(|m| w.contains(m)))
                    .collect();
                Outcome {
                    fault,
                    failed: failures(&result),
                    verdict: result.conclusion.verdict,
                    reason: inconclusive_because(&result),
                    debug_text,
                }
            }
        })
        .buffer_unordered(3)
        .collect()
        .await;
    outcomes.sort_by_key(|o| o.fault.name);

    let mut problems = Vec::new();
    for o in &outcomes {
        match o.fault.expect {
            Expect::Caught if o.verdict == Eindoordeel::Onbeslist => problems.push(format!(
                "{}: the run was inconclusive: {}",
                o.fault.name, o.reason
            )),
            Expect::Caught if o.caught_by().is_empty() => problems.push(format!(
                "{}: no scenario of {} failed (failed: {:?})",
                o.fault.name,
                o.fault.target(),
                o.failed.keys().collect::<Vec<_>>()
            )),
            Expect::Inconclusive if !o.as_expected() => problems.push(format!(
                "{}: expected an inconclusive run without failures, got {:?} ({}), failed: {:?}",
                o.fault.name,
                o.verdict,
                o.reason,
                o.failed.keys().collect::<Vec<_>>()
            )),
            _ => {}
        }
        for text in &o.debug_text {
            problems.push(format!(
                "{}: the harness shows debug text to the vendor: {text}",
                o.fault.name
            ));
        }
        for r in o.undeclared() {
            problems.push(format!(
                "{}: also failed {r}, not declared: {:?}",
                o.fault.name, o.failed[r]
            ));
        }
    }
    let caught = outcomes.iter().filter(|o| o.as_expected()).count();
    let failed: Vec<_> = outcomes.iter().map(|o| (o.fault.name, &o.failed)).collect();
    settle(
        "fault matrix",
        Section::Bron,
        caught,
        &failed,
        &problems,
        || matrix(&outcomes),
    );
}

/// `tests/fault-matrix.md`.
pub(crate) fn matrix_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fault-matrix.md")
}

/// The three parts of the fault matrix, each written by its own test.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// The source's faults (the file's start).
    Bron,
    /// The exchange's faults, from [`EXCHANGE_MARKER`] on.
    Uitwisseling,
    /// The mediator's faults, from [`MEDIATOR_MARKER`] on.
    Bemiddelaar,
}

/// Where the exchange's part of the matrix begins.
const EXCHANGE_MARKER: &str = "\n## Uitwisselingsvoorziening\n";
/// Where the mediator's part of the matrix begins.
const MEDIATOR_MARKER: &str = "\n## Bemiddelaar\n";

/// The three parts of the committed matrix: source, exchange, mediator.
fn sections(path: &std::path::Path) -> [String; 3] {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let part = |rest: &str, marker: &str| -> (String, String) {
        rest.split_once(marker)
            .map_or((rest.to_owned(), String::new()), |(a, b)| {
                (a.to_owned(), format!("{}{b}", marker.trim_start()))
            })
    };
    let (voor, bemiddelaar) = part(&text, MEDIATOR_MARKER);
    let (bron, uitwisseling) = part(&voor, EXCHANGE_MARKER);
    [bron, uitwisseling, bemiddelaar]
}

fn index(section: Section) -> usize {
    match section {
        Section::Bron => 0,
        Section::Uitwisseling => 1,
        Section::Bemiddelaar => 2,
    }
}

/// One part of the committed matrix.
pub(crate) fn read_section(path: &std::path::Path, section: Section) -> String {
    let [bron, uitwisseling, bemiddelaar] = sections(path);
    match section {
        Section::Bron => bron,
        Section::Uitwisseling => uitwisseling,
        Section::Bemiddelaar => bemiddelaar,
    }
}

/// Rewrites one part of the matrix, keeping the others.
pub(crate) fn write_section(path: &std::path::Path, section: Section, table: &str) {
    let mut parts = sections(path);
    parts[index(section)] = table.to_owned();
    let [bron, uitwisseling, bemiddelaar] = parts;
    let mut text = bron;
    for part in [uitwisseling, bemiddelaar] {
        if !part.is_empty() {
            text.push('\n');
            text.push_str(&part);
        }
    }
    std::fs::write(path, text).unwrap();
}

/// One row of a fault matrix: the fault (target, name, what), the scenarios that caught it (the
/// first three), what else failed; `instead` replaces the catch (an inconclusive run's reason).
pub(crate) fn matrix_row(
    (target, name, wat): (&str, &str, &str),
    caught_by: &[&String],
    failed: &BTreeMap<String, BTreeSet<String>>,
    instead: Option<String>,
) -> String {
    let mut shown: Vec<String> = caught_by.iter().take(3).map(|s| format!("`{s}`")).collect();
    if caught_by.len() > 3 {
        shown.push(format!("en {} meer", caught_by.len() - 3));
    }
    let others: Vec<&str> = failed
        .keys()
        .map(String::as_str)
        .filter(|r| *r != target)
        .collect();
    let caught = match instead {
        Some(text) => text,
        None if shown.is_empty() => "**niet gevangen**".to_owned(),
        None => shown.join("<br>"),
    };
    format!(
        "| {target} | `{name}` | {wat} | {caught} | {} |",
        if others.is_empty() {
            "–".to_owned()
        } else {
            others.join(", ")
        }
    )
}

/// The scenarios of `target` that failed (continuous checks are not a catch).
pub(crate) fn caught_by<'a>(
    failed: &'a BTreeMap<String, BTreeSet<String>>,
    target: &str,
) -> Vec<&'a String> {
    failed
        .get(target)
        .map(|s| s.iter().filter(|x| !x.starts_with("controle ")).collect())
        .unwrap_or_default()
}

/// The requirements that failed although the fault does not declare them.
pub(crate) fn undeclared(
    failed: &BTreeMap<String, BTreeSet<String>>,
    declares: impl Fn(&str) -> bool,
) -> Vec<&String> {
    failed.keys().filter(|r| !declares(r)).collect()
}

/// The end of a fault matrix test: prints the score (`label`) and the problems; with one fault
/// selected (`VUM_FAULT`) prints what each failed and asserts no problems; otherwise rewrites the
/// matrix's `section` when asked (`VUM_UPDATE_FAULT_MATRIX`) and asserts no problems, every fault
/// caught and the committed section current.
pub(crate) fn settle(
    label: &str,
    section: Section,
    caught: usize,
    failed: &[(&str, &BTreeMap<String, BTreeSet<String>>)],
    problems: &[String],
    table: impl FnOnce() -> String,
) {
    let injected = failed.len();
    // Straight to stderr, past the test harness's capture: the score is printed on every run.
    let _ = writeln!(
        std::io::stderr(),
        "{label}: {injected} faults injected, {caught} caught, mutation score {:.1} %",
        caught as f64 * 100.0 / injected.max(1) as f64
    );
    // The harness's panic hook may swallow a failed assertion's message: print it first.
    for problem in problems {
        println!("{problem}");
    }
    if std::env::var("VUM_FAULT").is_ok() {
        for (name, failed) in failed {
            println!("{name}: {failed:#?}");
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        return;
    }
    let table = table();
    let path = matrix_path();
    if std::env::var_os("VUM_UPDATE_FAULT_MATRIX").is_some() {
        write_section(&path, section, &table);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(caught, injected);
    let committed = read_section(&path, section);
    if committed != table {
        println!(
            "{} is stale; rerun with VUM_UPDATE_FAULT_MATRIX=1",
            path.display()
        );
    }
    assert!(
        committed == table,
        "{} is stale; rerun with VUM_UPDATE_FAULT_MATRIX=1",
        path.display()
    );
}
