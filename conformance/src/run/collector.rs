//! The cucumber writer that collects a verdict per scenario and shows progress.

use std::collections::BTreeMap;
use std::io::Write;

use cucumber::event::{self, Cucumber, Feature, Rule, Scenario, Step, StepError};
use cucumber::{Event, gherkin, parser};

use crate::features::tags_of;
use crate::result::verdict::{StepVerdict, of_panic};
use crate::result::{ScenarioId, Verdict};

/// The identity of a scenario of a parsed feature.
pub fn scenario_id(feature: &gherkin::Feature, scenario: &gherkin::Scenario) -> ScenarioId {
    ScenarioId {
        file: feature
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        line: scenario.position.line,
        name: scenario.name.clone(),
    }
}

/// The outcome of one scenario run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioOutcome {
    /// Which scenario.
    pub id: ScenarioId,
    /// The feature.
    pub feature: String,
    /// Tags of feature, rule and scenario.
    pub tags: Vec<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The step that stopped it and why.
    pub failure: Option<(String, String)>,
}

/// Collects outcomes; prints a line per finished scenario when `progress` is on.
#[derive(Debug, Default)]
pub struct Collector {
    progress: bool,
    running: BTreeMap<ScenarioId, ScenarioOutcome>,
    /// Finished scenarios, in the order they finished.
    pub finished: Vec<ScenarioOutcome>,
    /// Features that could not be parsed.
    pub parse_errors: Vec<String>,
}

impl Collector {
    /// A collector.
    pub fn new(progress: bool) -> Self {
        Self {
            progress,
            ..Self::default()
        }
    }

    fn on_scenario<W>(
        &mut self,
        feature: &gherkin::Feature,
        rule: Option<&gherkin::Rule>,
        scenario: &gherkin::Scenario,
        ev: Scenario<W>,
    ) {
        let id = scenario_id(feature, scenario);
        let entry = self
            .running
            .entry(id.clone())
            .or_insert_with(|| ScenarioOutcome {
                id: id.clone(),
                feature: feature.name.clone(),
                tags: tags_of(feature, rule, scenario),
                verdict: Verdict::Passed,
                failure: None,
            });
        let mut stop = |step: &gherkin::Step, verdict: StepVerdict| {
            if entry.failure.is_none() {
                entry.failure = Some((
                    format!("{} {}", step.keyword.trim(), step.value),
                    verdict.reason,
                ));
                entry.verdict = verdict.verdict;
            }
        };
        match ev {
            Scenario::Step(step, Step::Failed(_, _, _, error))
            | Scenario::Background(step, Step::Failed(_, _, _, error)) => {
                stop(&step, step_verdict(&error));
            }
            Scenario::Step(step, Step::Skipped) | Scenario::Background(step, Step::Skipped) => {
                stop(
                    &step,
                    StepVerdict {
                        verdict: Verdict::Error,
                        reason: "fout in het harnas: geen stapdefinitie voor deze stap".to_owned(),
                    },
                );
            }
            Scenario::Hook(_, event::Hook::Failed(_, info)) if entry.failure.is_none() => {
                let verdict = of_panic(info.as_ref());
                entry.failure = Some(("(voorbereiding)".to_owned(), verdict.reason));
                entry.verdict = Verdict::Error;
            }
            Scenario::Finished => {
                if let Some(done) = self.running.remove(&id) {
                    if self.progress {
                        let mark = match done.verdict {
                            Verdict::Passed => "✓",
                            Verdict::Failed => "✗",
                            Verdict::Inconclusive => "?",
                            Verdict::Error => "!",
                        };
                        let _ = writeln!(
                            std::io::stdout(),
                            "  {mark} {} — {}",
                            done.feature,
                            done.id.name
                        );
                    }
                    self.finished.push(done);
                }
            }
            _ => {}
        }
    }
}

fn step_verdict(error: &StepError) -> StepVerdict {
    match error {
        StepError::Panic(info) => of_panic(info.as_ref()),
        StepError::NotFound => StepVerdict {
            verdict: Verdict::Error,
            reason: "fout in het harnas: geen stapdefinitie voor deze stap".to_owned(),
        },
        StepError::AmbiguousMatch(e) => StepVerdict {
            verdict: Verdict::Error,
            reason: format!("fout in het harnas: de stap past op meer definities: {e}"),
        },
    }
}

impl<W: 'static> cucumber::Writer<W> for Collector {
    type Cli = cucumber::cli::Empty;

    async fn handle_event(&mut self, event: parser::Result<Event<Cucumber<W>>>, _: &Self::Cli) {
        match event.map(Event::into_inner) {
            Err(error) => self.parse_errors.push(error.to_string()),
            Ok(Cucumber::Feature(feature, Feature::Scenario(scenario, ev))) => {
                self.on_scenario(&feature, None, &scenario, ev.event);
            }
            Ok(Cucumber::Feature(feature, Feature::Rule(rule, Rule::Scenario(scenario, ev)))) => {
                self.on_scenario(&feature, Some(&rule), &scenario, ev.event);
            }
            Ok(_) => {}
        }
    }
}

impl cucumber::writer::Normalized for Collector {}
