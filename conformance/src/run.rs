//! A run: the scope, the pre-flight, the scenarios through cucumber, the continuous checks, and
//! the verdicts per scenario, requirement and run.

pub mod checks;
pub mod client;
pub mod collector;
pub mod explain;
pub mod probe;
mod steps;
pub mod transcript;
pub mod world;

use std::sync::Arc;
use std::time::Instant;

use cucumber::World as _;
use cucumber::gherkin::tagexpr::TagOperation;
use cucumber::tag::Ext as _;
use futures::stream;
use vum_spec::profielen::{Profiel, ProfielError};

use crate::target::Rol;
use crate::verklaringen::{Verklaringen, toets};

use self::collector::{Collector, ScenarioOutcome, scenario_id};
use self::transcript::{Recorder, Transcript};
use self::world::{RunContext, VumWorld};
use crate::features::{FeatureSource, FeaturesError, requirement_tags};
use crate::result::conclusion::{self, Findings};
use crate::result::{RunResult, ScenarioResult};
use crate::scope::{Scope, SecurityScope};
use crate::target::{SpecialCert, Target};

/// The profile certified without `--profiel`.
pub const DEFAULT_PROFILE: &str = "bron";

/// The tag of scenarios that need a TLS target.
pub const TLS_TAG: &str = "tls";

/// What to run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// The node under test.
    pub target: Target,
    /// The features.
    pub features: FeatureSource,
    /// The certification profile; `None`: `bron`, said so in the scope.
    pub profiel: Option<Profiel>,
    /// The participant's declarations (`--verklaringen`), if given.
    pub verklaringen: Option<Verklaringen>,
    /// Towards an exchange: the setup of the sources the harness plays (`--bronnen`).
    pub simulatie: Option<crate::simulatie::Opzet>,
    /// A tag expression (`@must and not @tls`).
    pub tags: Option<String>,
    /// Scenarios at once.
    pub concurrency: usize,
    /// Print a line per finished scenario.
    pub progress: bool,
}

/// A run that could not start: a usage error (exit 64), never a verdict.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The tag expression does not parse.
    #[error("--tags '{0}' is geen tag-expressie ({1})")]
    Tags(String, String),
    /// The tag expression matches no scenario.
    #[error(
        "--tags '{0}' past op geen enkel scenario; `vum-conformance list` toont de scenario's en hun tags"
    )]
    NothingSelected(String),
    /// There are no scenarios at all.
    #[error("{0} bevat geen scenario's")]
    NoScenarios(String),
    /// The features cannot be read.
    #[error(transparent)]
    Features(#[from] FeaturesError),
    /// The catalogue cannot be read.
    #[error(transparent)]
    Catalogue(#[from] vum_spec::requirements::CatalogueError),
    /// The profiles cannot be read, or the name is no profile.
    #[error(transparent)]
    Profiel(#[from] ProfielError),
    /// A version the registry does not know.
    #[error("--versie {0}: {1}")]
    Versie(String, String),
    /// TLS material given for a plain-HTTP target.
    #[error(
        "{0} hoort bij een https://-doel; --target {1} is gewoon HTTP. Geef een https://-adres of laat {0} weg"
    )]
    TlsForPlainHttp(String, String),
}

/// Which scenarios run: the tag filter, and what the target and the supplied certificates allow.
#[derive(Debug)]
struct Selection {
    profiel: Profiel,
    requirements: Vec<String>,
    filter: Option<TagOperation>,
    https: bool,
    special: Vec<SpecialCert>,
}

impl Selection {
    /// Whether a scenario belongs to the profile: its role and kinds, and a requirement of it.
    fn in_profile(&self, tags: &[String]) -> bool {
        self.profiel.selecteert(tags)
            && requirement_tags(tags).any(|id| self.requirements.iter().any(|r| r == id))
    }

    fn tag_filter(&self, tags: &[String]) -> bool {
        self.filter
            .as_ref()
            .is_none_or(|op| op.eval(tags.iter().map(String::as_str)))
    }

    /// Why a scenario the filter selected cannot run here, if it cannot.
    fn blocked(&self, tags: &[String]) -> Option<String> {
        if tags.iter().any(|t| t == TLS_TAG) && !self.https {
            return Some("het doel is geen https-adres".to_owned());
        }
        SpecialCert::ALL
            .into_iter()
            .find(|c| tags.iter().any(|t| t == c.tag()) && !self.special.contains(c))
            .map(|c| format!("geen {} ({})", c.omschrijving(), c.flag()))
    }
}

fn parse_tags(tags: Option<&String>) -> Result<Option<TagOperation>, RunError> {
    tags.map(|t| {
        t.parse::<TagOperation>()
            .map_err(|e| RunError::Tags(t.clone(), e.to_string()))
    })
    .transpose()
}

/// A run prepared: the features parsed and selected, the scope known. Nothing is sent yet.
#[derive(Debug)]
pub struct Plan {
    /// What the run will cover (printed before it starts).
    pub scope: Scope,
    options: RunOptions,
    catalogue: Vec<vum_spec::requirements::Eis>,
    features: Vec<cucumber::gherkin::Feature>,
    parse_errors: Vec<crate::features::ParseFailure>,
    selection: Selection,
    runnable: usize,
    ran: (usize, usize),
}

/// Prepares a run: checks the arguments, parses and selects the features, records the scope.
pub fn plan(options: RunOptions) -> Result<Plan, RunError> {
    let target = &options.target;
    if !target.is_https() {
        let given = [
            (target.tls.ca_pem.is_some(), "--ca"),
            (target.tls.identity.is_some(), "--client-cert"),
            (
                !target.tls.special.is_empty(),
                "een speciaal certificaat (of --pki)",
            ),
        ];
        if let Some((_, flag)) = given.iter().find(|(given, _)| *given) {
            return Err(RunError::TlsForPlainHttp(
                (*flag).to_owned(),
                target.base_url.clone(),
            ));
        }
    }
    let versie = target
        .spec_versie()
        .map_err(|e| RunError::Versie(target.versie.clone(), e.to_string()))?;
    let catalogue = vum_spec::requirements::catalogue_for(versie)?;
    let (profiel, profile_by_default) = match &options.profiel {
        Some(p) => (p.clone(), false),
        None => (
            vum_spec::profielen::profiel_for(versie, DEFAULT_PROFILE)?,
            true,
        ),
    };
    let files = options.features.files()?;
    let (features, parse_errors) = crate::features::parse(&files);
    let selection = Selection {
        requirements: profiel
            .eisen(&catalogue)
            .iter()
            .map(|e| e.id.clone())
            .collect(),
        profiel: profiel.clone(),
        filter: parse_tags(options.tags.as_ref())?,
        https: target.is_https(),
        special: target.tls.special.keys().copied().collect(),
    };
    let all: Vec<_> = crate::features::scenarios(&features)
        .into_iter()
        .filter(|s| selection.in_profile(&s.tags))
        .collect();
    if all.is_empty() && parse_errors.is_empty() {
        return Err(RunError::NoScenarios(format!(
            "{} voor profiel {}",
            options.features.omschrijving(),
            profiel.naam
        )));
    }
    let selected: Vec<_> = all
        .iter()
        .filter(|s| selection.tag_filter(&s.tags))
        .collect();
    if let (true, Some(tags)) = (selected.is_empty(), &options.tags) {
        return Err(RunError::NothingSelected(tags.clone()));
    }
    let mut security = SecurityScope::default();
    let mut runnable = 0;
    for scenario in &selected {
        let secure = scenario.tags.iter().any(|t| t == TLS_TAG);
        match selection.blocked(&scenario.tags) {
            Some(why) => security.left_out.push(format!(
                "{} ({}) is niet uitgevoerd: {why}",
                scenario.name,
                requirement_tags(&scenario.tags)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            None => {
                runnable += 1;
                if secure {
                    security.ran += 1;
                }
            }
        }
    }
    let features_sha256 = crate::features::hash(&files);
    let scope = Scope {
        harness_version: env!("CARGO_PKG_VERSION").to_owned(),
        spec_version: versie.naam(),
        profile: profiel.naam.clone(),
        profile_title: profiel.titel.clone(),
        profile_by_default,
        target: target.base_url.clone(),
        transport: target.transport(),
        // Towards a mediator the harness's certificate is its server certificate, not a client's.
        client_certificate_oin: target
            .tls
            .identity
            .as_ref()
            .filter(|_| target.rol != crate::target::Rol::Bemiddelaar)
            .and_then(|i| vum_spec::certificaat::oin_of_pem(&i.chain_pem).ok())
            .map(|o| o.to_string()),
        parties: target.parties.clone(),
        features: options.features.omschrijving(),
        features_sha256: features_sha256.clone(),
        testset_sha256: crate::scope::testset_sha256(versie),
        catalogue_sha256: crate::scope::catalogue_sha256(versie),
        profiles_sha256: crate::scope::profiles_sha256(versie),
        features_published: features_sha256 == crate::features::published_sha256(),
        tags: options.tags.clone(),
        security,
    };
    let ran = (selected.len(), all.len());
    Ok(Plan {
        scope,
        options,
        catalogue,
        features,
        parse_errors,
        selection,
        runnable,
        ran,
    })
}

/// Runs the features against the target.
pub async fn run(options: RunOptions) -> Result<RunResult, RunError> {
    Ok(execute(plan(options)?).await)
}

/// Runs a prepared plan: the pre-flight, the scenarios, the checks, the verdicts.
pub async fn execute(plan: Plan) -> RunResult {
    execute_met(plan, None).await
}

/// Judges a mediator's application (`--profiel bemiddelaar`): the scenarios judge `opname`, what
/// the harness received while it played the exchange; otherwise as [`execute`].
pub async fn execute_bemiddelaar(plan: Plan, opname: crate::bemiddelaar::Opname) -> RunResult {
    execute_met(plan, Some(Arc::new(opname))).await
}

async fn execute_met(plan: Plan, opname: Option<Arc<crate::bemiddelaar::Opname>>) -> RunResult {
    crate::result::verdict::quiet_step_verdicts();
    let Plan {
        scope,
        options,
        catalogue,
        features,
        parse_errors,
        selection,
        runnable,
        ran,
    } = plan;
    let target = options.target.clone();
    let started = crate::now();
    let clock = Instant::now();
    let recorder = Recorder::default();
    let (simulatie, simulatie_fout) = match &options.simulatie {
        Some(opzet) if target.rol == Rol::Uitwisseling => {
            match crate::simulatie::Simulatie::start(opzet).await {
                Ok(s) => (Some(Arc::new(s)), None),
                Err(e) => (None, Some(e)),
            }
        }
        None if target.rol == Rol::Uitwisseling => (
            None,
            Some("geen gesimuleerde bronnen: geef --bronnen DIR (de map van `vum-conformance bronnen`)".to_owned()),
        ),
        _ => (None, None),
    };
    let preflight = match simulatie_fout {
        None if target.rol == Rol::Bemiddelaar => {
            crate::bemiddelaar::oordeel::preflight(opname.as_deref())
        }
        Some(fout) => crate::preflight::Preflight::stopped(
            "gesimuleerde bronnen",
            &fout,
            &format!("De gesimuleerde bronnen konden niet starten: {fout}."),
        ),
        None => {
            crate::preflight::run(
                &target,
                &recorder,
                &selection.profiel.soorten,
                simulatie.as_deref(),
            )
            .await
        }
    };
    let context = Arc::new(RunContext::new(
        target.clone(),
        recorder.clone(),
        selection.profiel.soorten.clone(),
        simulatie.clone(),
    ));
    if let Some(opname) = &opname {
        context.met_opname(Arc::clone(opname));
    }
    let mut outcomes = Vec::new();
    let mut cucumber_errors = Vec::new();
    let profiel = selection.profiel.clone();
    if preflight.failure.is_none() && runnable > 0 {
        let filter = selection;
        let before = Arc::clone(&context);
        let collector = VumWorld::cucumber::<&std::path::Path>()
            // The simulated sources are shared: towards an exchange, one scenario at a time.
            .max_concurrent_scenarios(Some(if simulatie.is_some() {
                1
            } else {
                options.concurrency.max(1)
            }))
            .before(move |feature, _, scenario, world| {
                if let Some(simulatie) = before.simulatie() {
                    simulatie.reset();
                }
                world.run = Some(Arc::clone(&before));
                world.scenario = Some(scenario_id(feature, scenario));
                Box::pin(async {})
            })
            .with_parser(Preparsed(features))
            .with_writer(Collector::new(options.progress))
            .with_cli(cucumber::cli::Opts::<_, _, _, cucumber::cli::Empty>::default())
            .filter_run((), move |feature, rule, scenario| {
                let tags = crate::features::tags_of(feature, rule, scenario);
                filter.in_profile(&tags)
                    && filter.tag_filter(&tags)
                    && filter.blocked(&tags).is_none()
            })
            .await;
        outcomes = collector.finished;
        cucumber_errors = collector.parse_errors;
    }
    let transcripts = recorder.all();
    let mut scenarios: Vec<ScenarioResult> = outcomes
        .iter()
        .map(|o| scenario_result(o, &transcripts))
        .collect();
    scenarios.sort_by(|a, b| a.id.cmp(&b.id));
    let checks = if preflight.failure.is_none() && target.rol != Rol::Bemiddelaar {
        checks::run(&transcripts, &target)
    } else {
        Vec::new()
    };
    let requirements = conclusion::requirement_results(&catalogue, &scenarios, &checks);
    let today = time::OffsetDateTime::now_utc().date();
    let declarations = toets(options.verklaringen.as_ref(), &profiel, &catalogue, today);
    let mut parse_failures = parse_errors;
    parse_failures.extend(cucumber_errors.into_iter().map(|reason| {
        crate::features::ParseFailure {
            path: String::new(),
            reason,
        }
    }));
    let unresponsive = context.unresponsive().then(world::unresponsive_note);
    let conclusion = conclusion::conclude(&Findings {
        scope: &scope,
        profiel: &profiel,
        preflight_failure: preflight.failure.as_deref(),
        parse_errors: parse_failures.len(),
        requirements: &requirements,
        unresponsive: unresponsive.as_deref(),
        ran,
        declarations: &declarations,
    });
    RunResult {
        scope,
        started,
        millis: clock.elapsed().as_millis(),
        preflight,
        scenarios,
        checks,
        requirements,
        parse_errors: parse_failures,
        declarations,
        declaring_organisation: options.verklaringen.as_ref().map(|v| v.organisatie.clone()),
        conclusion,
        transcripts,
    }
}

/// A cucumber parser over features parsed before the run (embedded or read from a directory).
struct Preparsed(Vec<cucumber::gherkin::Feature>);

impl cucumber::Parser<()> for Preparsed {
    type Cli = cucumber::cli::Empty;
    type Output =
        stream::Iter<std::vec::IntoIter<cucumber::parser::Result<cucumber::gherkin::Feature>>>;

    fn parse(self, (): (), _: Self::Cli) -> Self::Output {
        stream::iter(self.0.into_iter().map(Ok).collect::<Vec<_>>())
    }
}

fn scenario_result(outcome: &ScenarioOutcome, transcripts: &[Transcript]) -> ScenarioResult {
    let mine: Vec<&Transcript> = transcripts
        .iter()
        .filter(|t| t.origin.scenario() == Some(&outcome.id))
        .collect();
    ScenarioResult {
        id: outcome.id.clone(),
        feature: outcome.feature.clone(),
        requirements: requirement_tags(&outcome.tags).map(str::to_owned).collect(),
        verdict: outcome.verdict,
        failed_step: outcome.failure.as_ref().map(|(step, _)| step.clone()),
        reason: outcome.failure.as_ref().map(|(_, reason)| reason.clone()),
        sent: mine.iter().filter(|t| t.sent).count(),
        evidence: mine
            .into_iter()
            .take(12)
            .cloned()
            .map(|mut t| {
                t.body = transcript::excerpt(&t.body, 1500);
                t
            })
            .collect(),
    }
}
