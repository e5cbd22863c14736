//! The cucumber writer that collects a verdict per scenario and shows progress.

use std::collections::BTreeMap;
use std::io::Write;

use cucumber::event::{self, Cucumber, Feature, Rule, Scenario, Step, StepError};
use cucumber::{Event, gherkin, parser};

use crate::verdict::{self, HARNESS_ERROR, Verdict};

/// The outcome of one scenario run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioOutcome {
    /// The feature file.
    pub file: String,
    /// The feature.
    pub feature: String,
    /// The scenario's name (with example values filled in).
    pub name: String,
    /// Line of the scenario (or of its example row).
    pub line: usize,
    /// Tags of feature, rule and scenario.
    pub tags: Vec<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The failing step and why.
    pub failure: Option<(String, String)>,
}

/// Collects outcomes; prints a line per finished scenario when `progress` is on.
#[derive(Debug, Default)]
pub struct Collector {
    progress: bool,
    running: BTreeMap<(String, usize, String), ScenarioOutcome>,
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
        let file = feature
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let key = (file.clone(), scenario.position.line, scenario.name.clone());
        let entry = self.running.entry(key.clone()).or_insert_with(|| {
            let mut tags = feature.tags.clone();
            if let Some(rule) = rule {
                tags.extend(rule.tags.iter().cloned());
            }
            tags.extend(scenario.tags.iter().cloned());
            ScenarioOutcome {
                file,
                feature: feature.name.clone(),
                name: scenario.name.clone(),
                line: scenario.position.line,
                tags,
                verdict: Verdict::Passed,
                failure: None,
            }
        });
        let mut fail = |step: &str, message: String, verdict: Verdict| {
            if entry.failure.is_none() {
                entry.failure = Some((step.to_owned(), message));
                entry.verdict = verdict;
            }
        };
        match ev {
            Scenario::Step(step, Step::Failed(_, _, _, error))
            | Scenario::Background(step, Step::Failed(_, _, _, error)) => {
                let text = format!("{} {}", step.keyword.trim(), step.value);
                let message = error_text(&error);
                let verdict = match error {
                    StepError::Panic(_) => verdict::of_message(&message),
                    _ => Verdict::Error,
                };
                fail(&text, message, verdict);
            }
            Scenario::Step(step, Step::Skipped) | Scenario::Background(step, Step::Skipped) => {
                let text = format!("{} {}", step.keyword.trim(), step.value);
                fail(
                    &text,
                    format!("{HARNESS_ERROR} geen stapdefinitie voor deze stap"),
                    Verdict::Error,
                );
            }
            Scenario::Hook(_, event::Hook::Failed(_, info)) => {
                fail("hook", panic_text(&info), Verdict::Error);
            }
            Scenario::Finished => {
                if let Some(done) = self.running.remove(&key) {
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
                            done.name
                        );
                    }
                    self.finished.push(done);
                }
            }
            _ => {}
        }
    }
}

fn panic_text(info: &event::Info) -> String {
    if let Some(s) = info.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = info.downcast_ref::<&str>() {
        (*s).to_owned()
    } else {
        "(panic without message)".to_owned()
    }
}

fn error_text(error: &StepError) -> String {
    match error {
        StepError::Panic(info) => panic_text(info),
        StepError::NotFound => format!("{HARNESS_ERROR} geen stapdefinitie voor deze stap"),
        StepError::AmbiguousMatch(e) => {
            format!("{HARNESS_ERROR} de stap past op meer definities: {e}")
        }
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
