//! A conformance run: pre-flight, the features against the target, the continuous checks, and a
//! verdict per scenario and per requirement.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cucumber::World as _;
use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::tag::Ext as _;
use serde::Serialize;
use serde_json::json;
use vum_spec::requirements::{Eis, GEBIEDEN, Niveau, Verificatie};

use crate::checks::CONTINUOUS;
use crate::collector::{Collector, ScenarioOutcome};
use crate::exchange::{Exchange, HeaderCase, Identity, Recorder, Request, client, send};
use crate::target::Target;
use crate::verdict::Verdict;
use crate::world::{RunContext, VumWorld};

/// The scenario label of exchanges sent over plain HTTP to a TLS target (not judged as API answers).
pub const PLAIN_HTTP: &str = "(gewoon HTTP naar een TLS-poort)";

/// What to run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The node under test.
    pub target: Target,
    /// The features directory.
    pub features: PathBuf,
    /// A tag expression (`@must and not @tls`).
    pub tags: Option<String>,
    /// Scenarios at once.
    pub concurrency: usize,
    /// Print a line per finished scenario.
    pub progress: bool,
}

/// A run that could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The tag expression does not parse.
    #[error("--tags {0}: not a tag expression ({1})")]
    Tags(String, String),
    /// The features cannot be read.
    #[error(transparent)]
    Features(#[from] crate::features::FeaturesError),
    /// The catalogue cannot be read.
    #[error(transparent)]
    Catalogue(#[from] vum_spec::requirements::CatalogueError),
}

/// One pre-flight check.
#[derive(Clone, Debug, Serialize)]
pub struct PreflightCheck {
    /// What was checked.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found, and for a failure how to fix it.
    pub detail: String,
}

/// A scenario's outcome with its evidence.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioResult {
    /// `file:line`.
    pub location: String,
    /// The feature.
    pub feature: String,
    /// The scenario.
    pub name: String,
    /// Its requirement ids.
    pub requirements: Vec<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The failing step.
    pub failed_step: Option<String>,
    /// Why it failed: the exact check.
    pub reason: Option<String>,
    /// The requests of the scenario and their answers.
    pub evidence: Vec<Exchange>,
}

/// A continuous check's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct CheckResult {
    /// The requirement.
    pub requirement: String,
    /// What was checked.
    pub name: String,
    /// The verdict.
    pub verdict: Verdict,
    /// How many responses were checked.
    pub checked: usize,
    /// The first offending responses: scenario, request and finding.
    pub findings: Vec<serde_json::Value>,
}

/// A requirement's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct RequirementResult {
    /// The requirement.
    #[serde(flatten)]
    pub eis: Eis,
    /// The worst of its scenarios and checks; `None` when nothing ran (a declaration, or
    /// scenarios filtered out).
    pub verdict: Option<Verdict>,
    /// Its scenarios that ran.
    pub scenarios: Vec<String>,
}

/// Everything about a run.
#[derive(Clone, Debug, Serialize)]
pub struct RunResult {
    /// Harness version.
    pub harness_version: String,
    /// Interface version.
    pub spec_version: String,
    /// SHA-256 of the feature files.
    pub features_sha256: String,
    /// The base URL.
    pub target: String,
    /// The OINs used.
    pub parties: serde_json::Value,
    /// Start, UTC RFC 3339.
    pub started: String,
    /// Duration in milliseconds.
    pub millis: u128,
    /// The pre-flight.
    pub preflight: Vec<PreflightCheck>,
    /// Set when the pre-flight ended the run: what to fix.
    pub inconclusive_reason: Option<String>,
    /// Every scenario that ran.
    pub scenarios: Vec<ScenarioResult>,
    /// The continuous checks.
    pub checks: Vec<CheckResult>,
    /// Every requirement of the catalogue.
    pub requirements: Vec<RequirementResult>,
    /// Features that could not be parsed.
    pub parse_errors: Vec<String>,
}

/// The requirements of one area (*gebied*) by verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GebiedTelling {
    /// The area.
    pub gebied: &'static str,
    /// Passed.
    pub voldaan: usize,
    /// Failed.
    pub niet_voldaan: usize,
    /// Inconclusive or a harness error.
    pub onbeslist: usize,
    /// Not run (a declaration, or scenarios filtered out).
    pub niet_uitgevoerd: usize,
}

impl RunResult {
    /// Requirement counts per area, in catalogue order.
    pub fn per_gebied(&self) -> Vec<GebiedTelling> {
        GEBIEDEN
            .iter()
            .map(|(gebied, _)| {
                let mut telling = GebiedTelling {
                    gebied,
                    voldaan: 0,
                    niet_voldaan: 0,
                    onbeslist: 0,
                    niet_uitgevoerd: 0,
                };
                for r in self.requirements.iter().filter(|r| r.eis.gebied == *gebied) {
                    match r.verdict {
                        Some(Verdict::Passed) => telling.voldaan += 1,
                        Some(Verdict::Failed) => telling.niet_voldaan += 1,
                        Some(Verdict::Inconclusive | Verdict::Error) => telling.onbeslist += 1,
                        None => telling.niet_uitgevoerd += 1,
                    }
                }
                telling
            })
            .collect()
    }

    /// The requirements that ran and did not pass, in catalogue order.
    pub fn not_passed(&self) -> Vec<&RequirementResult> {
        self.requirements
            .iter()
            .filter(|r| matches!(r.verdict, Some(v) if v != Verdict::Passed))
            .collect()
    }

    /// Scenario and check counts: (passed, failed, inconclusive, error).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let verdicts = self
            .scenarios
            .iter()
            .map(|s| s.verdict)
            .chain(self.checks.iter().map(|c| c.verdict));
        verdicts.fold((0, 0, 0, 0), |(p, f, i, e), v| match v {
            Verdict::Passed => (p + 1, f, i, e),
            Verdict::Failed => (p, f + 1, i, e),
            Verdict::Inconclusive => (p, f, i + 1, e),
            Verdict::Error => (p, f, i, e + 1),
        })
    }

    /// 0 when every MUST passes, 1 when a MUST fails, 2 when inconclusive or a harness error.
    pub fn exit_code(&self) -> u8 {
        if self.inconclusive_reason.is_some() || !self.parse_errors.is_empty() {
            return 2;
        }
        let must = |r: &&RequirementResult| r.eis.niveau == Niveau::Must;
        if self
            .requirements
            .iter()
            .filter(must)
            .any(|r| r.verdict == Some(Verdict::Failed))
        {
            return 1;
        }
        let (_, _, inconclusive, error) = self.counts();
        if inconclusive + error > 0 { 2 } else { 0 }
    }
}

fn label(feature: &cucumber::gherkin::Feature, scenario: &cucumber::gherkin::Scenario) -> String {
    let file = feature
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    format!("{file}:{} {}", scenario.position.line, scenario.name)
}

/// The known question of the pre-flight and its known answer in the certification test set.
const PREFLIGHT_QUESTION: &str =
    r#"{"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}}"#;
const PREFLIGHT_ANSWER: [&str; 3] = ["wz-t01", "wz-t02", "wz-t10"];

/// Checks what must hold before any scenario means anything. `Err` is the plain-language fix.
pub async fn preflight(
    target: &Target,
    recorder: &Recorder,
) -> (Vec<PreflightCheck>, Result<(), String>) {
    let mut checks = Vec::new();
    let mut check = |name: &str, ok: bool, detail: String| {
        checks.push(PreflightCheck {
            name: name.to_owned(),
            ok,
            detail,
        });
        ok
    };
    let Some(rest) = target
        .base_url
        .strip_prefix("https://")
        .or_else(|| target.base_url.strip_prefix("http://"))
    else {
        check(
            "doel",
            false,
            format!("{} is geen http(s)-adres", target.base_url),
        );
        return (
            checks,
            Err(format!(
                "--target {} is geen http:// of https:// adres; geef het basispad van de API, zoals http://127.0.0.1:8080/api/v3",
                target.base_url
            )),
        );
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let address = if authority.contains(':') && !authority.ends_with(']') {
        authority.to_owned()
    } else {
        format!("{authority}:{}", if target.is_https() { 443 } else { 80 })
    };
    let reachable = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::net::TcpStream::connect(&address),
    )
    .await;
    let reachable = match reachable {
        Ok(Ok(_)) => check(
            "bereikbaarheid",
            true,
            format!("{address} neemt verbindingen aan"),
        ),
        Ok(Err(e)) => check("bereikbaarheid", false, format!("{address}: {e}")),
        Err(_) => check(
            "bereikbaarheid",
            false,
            format!("{address}: geen verbinding binnen 5 s"),
        ),
    };
    if !reachable {
        return (
            checks,
            Err(format!(
                "De bron op {address} is niet bereikbaar. Start de bron, of controleer --target (host en poort)."
            )),
        );
    }
    if let Some((cert, _)) = &target.identity {
        match crate::identity_oin(cert) {
            Ok(oin) => {
                check(
                    "clientcertificaat",
                    true,
                    format!("OIN {oin} in subject serialNumber"),
                );
            }
            Err(e) => {
                check("clientcertificaat", false, e.clone());
                return (
                    checks,
                    Err(format!(
                        "Het clientcertificaat (--client-cert) is niet bruikbaar: {e}"
                    )),
                );
            }
        }
    } else if target.is_https() && target.pki.is_none() {
        check(
            "clientcertificaat",
            true,
            "geen clientcertificaat opgegeven; een bron met tweezijdig TLS zal weigeren".to_owned(),
        );
        // (only a note: the scenarios show what the node makes of it)
    }
    let client = match client(target, &Identity::Configured, HeaderCase::Lower) {
        Ok(c) => c,
        Err(e) => {
            check("TLS-instellingen", false, e.clone());
            return (
                checks,
                Err(format!(
                    "De TLS-instellingen zijn niet bruikbaar: {e}. Controleer --ca, --client-cert en --client-key."
                )),
            );
        }
    };
    let headers = vec![
        (
            "X-VUM-berichtVersie".to_owned(),
            vum_spec::VERSION.to_owned(),
        ),
        ("API-Version".to_owned(), vum_spec::VERSION.to_owned()),
        ("X-VUM-fromParty".to_owned(), target.from_party.clone()),
        ("X-VUM-toParty".to_owned(), target.to_party.clone()),
        ("X-VUM-viaParty".to_owned(), target.via_party.clone()),
        ("X-VUM-SUWIparty".to_owned(), "true".to_owned()),
        ("Content-Type".to_owned(), "application/json".to_owned()),
    ];
    let request = Request {
        method: reqwest::Method::POST,
        path: "/werkzoekendeProfielen/matches".to_owned(),
        headers,
        body: Some(PREFLIGHT_QUESTION.to_owned()),
    };
    let exchange = send(&client, target, recorder, "", request).await;
    if let Some(error) = &exchange.error {
        let tls = target.is_https();
        check(
            if tls { "TLS-handdruk" } else { "HTTP" },
            false,
            error.clone(),
        );
        let fix = if tls {
            "De TLS-verbinding mislukt. Controleer --ca (het vertrouwde stamcertificaat van de bron) en --client-cert/--client-key."
        } else {
            "De bron geeft geen HTTP-antwoord. Controleer of --target naar de API wijst (http://host:poort/api/v3)."
        };
        return (checks, Err(format!("{fix} ({error})")));
    }
    if target.is_https() {
        check("TLS-handdruk", true, "de verbinding is opgezet".to_owned());
    }
    let version = exchange.header("x-vum-berichtversie");
    if version.is_none() && exchange.header("api-version").is_none() {
        check(
            "versieheaders",
            false,
            format!(
                "status {:?} zonder X-VUM-berichtVersie of API-Version",
                exchange.status
            ),
        );
        return (
            checks,
            Err(format!(
                "Het antwoord van {} is geen VUM-antwoord (geen versieheaders). Wijst --target naar het basispad van de API, zoals …/api/v3?",
                target.url("/werkzoekendeProfielen/matches")
            )),
        );
    }
    check(
        "versieheaders",
        true,
        format!(
            "X-VUM-berichtVersie {version:?}, API-Version {:?}",
            exchange.header("api-version")
        ),
    );
    match exchange.status {
        Some(200) => {
            let matches: Vec<serde_json::Value> = exchange
                .json()
                .and_then(|b| b.get("matches").and_then(|m| m.as_array()).cloned())
                .unwrap_or_default();
            let ids: Vec<String> = matches
                .iter()
                .filter_map(|m| {
                    m.get("idWerkzoekende")
                        .and_then(|v| v.as_str())
                        .map(str::to_owned)
                })
                .collect();
            // The test set is missing when known profiles are missing from a well-formed answer;
            // extra profiles or matches without an id are for the scenarios to judge.
            let missing: Vec<&str> = PREFLIGHT_ANSWER
                .iter()
                .copied()
                .filter(|id| !ids.iter().any(|i| i == id))
                .collect();
            if ids.len() == matches.len() && !missing.is_empty() {
                check(
                    "certificeringstestset",
                    false,
                    format!("de bekende vraag gaf {ids:?}, verwacht {PREFLIGHT_ANSWER:?}"),
                );
                return (checks, Err("De certificeringstestset is niet (volledig) geladen: laad spec/testdata/3.0.0/werkzoekenden.json en vacatures.json in de bron en start opnieuw.".to_owned()));
            }
            check(
                "certificeringstestset",
                true,
                "de bekende vraag gaf het bekende antwoord".to_owned(),
            );
        }
        other => {
            check(
                "certificeringstestset",
                false,
                format!(
                    "de bekende vraag gaf status {other:?}; de scenario's laten zien welke eisen dit raakt (controleer --from-party, --to-party en --via-party)"
                ),
            );
        }
    }
    (checks, Ok(()))
}

/// Runs the features against the target.
pub async fn run(options: RunOptions) -> Result<RunResult, RunError> {
    let catalogue = vum_spec::requirements::catalogue()?;
    let features_sha256 = crate::features::hash(&options.features)?;
    let tag_filter = options
        .tags
        .as_ref()
        .map(|t| {
            t.parse::<TagOperation>()
                .map_err(|e| RunError::Tags(t.clone(), e.to_string()))
        })
        .transpose()?;
    let started = crate::now();
    let clock = Instant::now();
    let recorder = Recorder::default();
    let target = options.target.clone();
    let (preflight, outcome) = preflight(&target, &recorder).await;
    let mut result = RunResult {
        harness_version: env!("CARGO_PKG_VERSION").to_owned(),
        spec_version: vum_spec::VERSION.to_owned(),
        features_sha256,
        target: target.base_url.clone(),
        parties: json!({"fromParty": target.from_party, "toParty": target.to_party, "viaParty": target.via_party}),
        started,
        millis: 0,
        preflight,
        inconclusive_reason: outcome.err(),
        scenarios: Vec::new(),
        checks: Vec::new(),
        requirements: Vec::new(),
        parse_errors: Vec::new(),
    };
    if result.inconclusive_reason.is_none() {
        let context = Arc::new(RunContext::new(target.clone(), recorder.clone()));
        let skip_tls = !(target.is_https() && target.pki.is_some());
        let before = Arc::clone(&context);
        let collector = VumWorld::cucumber()
            .max_concurrent_scenarios(Some(options.concurrency.max(1)))
            .before(move |feature, _, scenario, world| {
                world.run = Some(Arc::clone(&before));
                world.scenario = label(feature, scenario);
                Box::pin(async {})
            })
            .with_writer(Collector::new(options.progress))
            .with_cli(cucumber::cli::Opts::<_, _, _, cucumber::cli::Empty>::default())
            .filter_run(options.features.clone(), move |feature, rule, scenario| {
                let mut tags: Vec<&String> =
                    feature.tags.iter().chain(scenario.tags.iter()).collect();
                if let Some(rule) = rule {
                    tags.extend(rule.tags.iter());
                }
                if skip_tls && tags.iter().any(|t| *t == "tls") {
                    return false;
                }
                tag_filter
                    .as_ref()
                    .is_none_or(|op| op.eval(tags.iter().map(|t| t.as_str())))
            })
            .await;
        let exchanges = recorder.all();
        result.scenarios = collector
            .finished
            .iter()
            .map(|o| scenario_result(o, &exchanges))
            .collect();
        result.scenarios.sort_by(|a, b| a.location.cmp(&b.location));
        result.parse_errors = collector.parse_errors;
        result.checks = continuous_checks(&exchanges, &target);
    }
    result.requirements = requirement_results(&catalogue, &result.scenarios, &result.checks);
    result.millis = clock.elapsed().as_millis();
    Ok(result)
}

fn scenario_result(outcome: &ScenarioOutcome, exchanges: &[Exchange]) -> ScenarioResult {
    let location = format!("{}:{}", outcome.file, outcome.line);
    let label = format!("{location} {}", outcome.name);
    ScenarioResult {
        location,
        feature: outcome.feature.clone(),
        name: outcome.name.clone(),
        requirements: outcome
            .tags
            .iter()
            .filter(|t| t.starts_with("AV-"))
            .cloned()
            .collect(),
        verdict: outcome.verdict,
        failed_step: outcome.failure.as_ref().map(|(step, _)| step.clone()),
        reason: outcome.failure.as_ref().map(|(_, reason)| reason.clone()),
        evidence: exchanges
            .iter()
            .filter(|e| e.scenario == label)
            .take(12)
            .cloned()
            .map(trim_evidence)
            .collect(),
    }
}

fn trim_evidence(mut exchange: Exchange) -> Exchange {
    exchange.body = crate::exchange::excerpt(&exchange.body, 1500);
    exchange
}

fn continuous_checks(exchanges: &[Exchange], target: &Target) -> Vec<CheckResult> {
    let judged: Vec<&Exchange> = exchanges
        .iter()
        .filter(|e| !e.scenario.is_empty())
        .collect();
    CONTINUOUS
        .iter()
        .map(|c| {
            let findings: Vec<serde_json::Value> = judged
                .iter()
                .filter_map(|e| (c.check)(e, target).map(|finding| (e, finding)))
                .map(|(e, finding)| json!({"scenario": e.scenario, "request": format!("{} {}", e.method, e.path), "status": e.status, "finding": finding}))
                .collect();
            CheckResult {
                requirement: c.requirement.to_owned(),
                name: c.name.to_owned(),
                verdict: if findings.is_empty() { Verdict::Passed } else { Verdict::Failed },
                checked: judged.len(),
                findings: findings.into_iter().take(10).collect(),
            }
        })
        .collect()
}

fn requirement_results(
    catalogue: &[Eis],
    scenarios: &[ScenarioResult],
    checks: &[CheckResult],
) -> Vec<RequirementResult> {
    catalogue
        .iter()
        .map(|eis| {
            let mine: Vec<&ScenarioResult> = scenarios
                .iter()
                .filter(|s| s.requirements.contains(&eis.id))
                .collect();
            let verdicts = mine.iter().map(|s| s.verdict).chain(
                checks
                    .iter()
                    .filter(|c| c.requirement == eis.id)
                    .map(|c| c.verdict),
            );
            let verdict = if eis.verificatie == Verificatie::Verklaring {
                None
            } else {
                verdicts.reduce(Verdict::worst)
            };
            RequirementResult {
                eis: eis.clone(),
                verdict,
                scenarios: mine
                    .iter()
                    .map(|s| format!("{} {}", s.location, s.name))
                    .collect(),
            }
        })
        .collect()
}
