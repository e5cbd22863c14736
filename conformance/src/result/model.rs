//! The result of a run: what the reports show and the tests inspect.

use std::fmt;

use serde::Serialize;
use vum_spec::requirements::Eis;

use super::verdict::Verdict;
use crate::features::ParseFailure;
use crate::preflight::Preflight;
use crate::run::transcript::Transcript;
use crate::scope::Scope;
use crate::verklaringen::Verklaringsuitslag;

/// Which scenario: its feature file, line (of the scenario, or of its example row) and name.
/// Carried from the runner to the transcripts and the reports.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ScenarioId {
    /// The feature file as reports show it (`features/bron/koppelvlak/headers.feature`).
    pub file: String,
    /// Its line.
    pub line: usize,
    /// Its name, example values filled in.
    pub name: String,
}

impl ScenarioId {
    /// `file:line`.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

impl fmt::Display for ScenarioId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} {}", self.file, self.line, self.name)
    }
}

/// A scenario's outcome with its evidence.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioResult {
    /// Which scenario.
    pub id: ScenarioId,
    /// The feature.
    pub feature: String,
    /// Its requirement ids (one per scenario in the published features).
    pub requirements: Vec<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The step that stopped it.
    pub failed_step: Option<String>,
    /// Why, in plain words: the exact check and what came back.
    pub reason: Option<String>,
    /// How many requests it sent (a scenario that sent none did not judge; one whose requests
    /// were not sent because the node had stopped answering neither).
    pub sent: usize,
    /// The requests of the scenario and their answers (the first few).
    pub evidence: Vec<Transcript>,
}

/// A continuous check's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct CheckResult {
    /// The requirement.
    pub requirement: String,
    /// What was checked.
    pub name: String,
    /// The verdict; none when no response was there to check.
    pub verdict: Option<Verdict>,
    /// How many responses were checked (answers that arrived; a timeout is not a response).
    pub checked: usize,
    /// The first offending responses.
    pub findings: Vec<Finding>,
}

/// One response a continuous check found at fault.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// The scenario that sent the request.
    pub scenario: ScenarioId,
    /// `METHOD path`.
    pub request: String,
    /// The status.
    pub status: u16,
    /// What is wrong.
    pub finding: String,
}

/// How a requirement came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequirementVerdict {
    /// Judged: the worst of its scenarios and checks that judged.
    Judged(Verdict),
    /// No scenario or check of it judged anything in this run.
    NotRun,
    /// Verified by a declaration of the participant, not by the harness.
    Declaration,
}

impl RequirementVerdict {
    /// In Dutch, for the reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Judged(verdict) => verdict.label(),
            Self::NotRun => "niet uitgevoerd",
            Self::Declaration => "verklaring",
        }
    }

    /// The verdict, when judged.
    pub fn judged(self) -> Option<Verdict> {
        match self {
            Self::Judged(verdict) => Some(verdict),
            _ => None,
        }
    }
}

/// A requirement's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct RequirementResult {
    /// The requirement.
    #[serde(flatten)]
    pub eis: Eis,
    /// How it came out.
    pub verdict: RequirementVerdict,
    /// Its scenarios that ran.
    pub scenarios: Vec<ScenarioId>,
}

/// Everything about a run.
#[derive(Clone, Debug, Serialize)]
pub struct RunResult {
    /// What the run covered.
    pub scope: Scope,
    /// Start, UTC RFC 3339.
    pub started: String,
    /// Duration in milliseconds.
    pub millis: u128,
    /// The pre-flight.
    pub preflight: Preflight,
    /// Every scenario that ran.
    pub scenarios: Vec<ScenarioResult>,
    /// The continuous checks.
    pub checks: Vec<CheckResult>,
    /// Every requirement of the catalogue.
    pub requirements: Vec<RequirementResult>,
    /// Features that could not be parsed.
    pub parse_errors: Vec<ParseFailure>,
    /// The declaration requirements of the profile and how declarations cover them.
    pub declarations: Vec<Verklaringsuitslag>,
    /// The organisation that signed the declarations, if any were given.
    pub declaring_organisation: Option<String>,
    /// The verdict of the run, whether it can certify, and its exit code.
    pub conclusion: Conclusion,
    /// Every request and response of the run, in the order they were recorded (the evidence
    /// package writes them; the report carries each scenario's own).
    #[serde(skip)]
    pub transcripts: Vec<Transcript>,
}

/// Scenario and check counts by verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Passed.
    pub passed: usize,
    /// Failed.
    pub failed: usize,
    /// Inconclusive.
    pub inconclusive: usize,
    /// Harness errors.
    pub errors: usize,
}

impl Counts {
    /// Counts one verdict.
    pub fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Passed => self.passed += 1,
            Verdict::Failed => self.failed += 1,
            Verdict::Inconclusive => self.inconclusive += 1,
            Verdict::Error => self.errors += 1,
        }
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} voldaan, {} niet voldaan, {} onbeslist, {} harnasfouten",
            self.passed, self.failed, self.inconclusive, self.errors
        )
    }
}

/// The requirements of one area (*gebied*) by verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GebiedTelling {
    /// The area.
    pub gebied: &'static str,
    /// Passed.
    pub voldaan: usize,
    /// Failed.
    pub niet_voldaan: usize,
    /// Inconclusive or a harness error.
    pub onbeslist: usize,
    /// Not run.
    pub niet_uitgevoerd: usize,
    /// Verified by declaration.
    pub verklaring: usize,
}

impl RunResult {
    /// Scenario and check counts (checks that checked nothing are not counted).
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for verdict in self
            .scenarios
            .iter()
            .map(|s| s.verdict)
            .chain(self.checks.iter().filter_map(|c| c.verdict))
        {
            counts.add(verdict);
        }
        counts
    }

    /// Requirement counts per area, in catalogue order.
    pub fn per_gebied(&self) -> Vec<GebiedTelling> {
        vum_spec::requirements::GEBIEDEN
            .iter()
            .map(|(gebied, _)| {
                let mut telling = GebiedTelling {
                    gebied,
                    ..GebiedTelling::default()
                };
                for r in self.requirements.iter().filter(|r| r.eis.gebied == *gebied) {
                    match r.verdict {
                        RequirementVerdict::Judged(Verdict::Passed) => telling.voldaan += 1,
                        RequirementVerdict::Judged(Verdict::Failed) => telling.niet_voldaan += 1,
                        RequirementVerdict::Judged(_) => telling.onbeslist += 1,
                        RequirementVerdict::NotRun => telling.niet_uitgevoerd += 1,
                        RequirementVerdict::Declaration => telling.verklaring += 1,
                    }
                }
                telling
            })
            .collect()
    }

    /// The requirements that were judged and did not pass, in catalogue order.
    pub fn not_passed(&self) -> Vec<&RequirementResult> {
        self.requirements
            .iter()
            .filter(|r| matches!(r.verdict.judged(), Some(v) if v != Verdict::Passed))
            .collect()
    }

    /// The exit code: see [`Conclusion`].
    pub fn exit_code(&self) -> u8 {
        self.conclusion.exit_code
    }

    /// The scenario results that did not pass and carry `requirement`.
    pub fn failing_scenarios<'a>(
        &'a self,
        requirement: &'a str,
    ) -> impl Iterator<Item = &'a ScenarioResult> + 'a {
        self.scenarios.iter().filter(move |s| {
            s.verdict != Verdict::Passed && s.requirements.iter().any(|r| r == requirement)
        })
    }

    /// The checks that did not pass and judge `requirement`.
    pub fn failing_checks<'a>(
        &'a self,
        requirement: &'a str,
    ) -> impl Iterator<Item = &'a CheckResult> + 'a {
        self.checks.iter().filter(move |c| {
            c.requirement == requirement && c.verdict.is_some_and(|v| v != Verdict::Passed)
        })
    }
}

/// The verdict of a run as a programme office reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Eindoordeel {
    /// A complete run in which every MUST passed.
    Geslaagd,
    /// A MUST failed.
    NietGeslaagd,
    /// The harness could not judge.
    Onbeslist,
    /// Nothing failed, but the run did not cover everything: not a certification.
    Onvolledig,
}

impl Eindoordeel {
    /// The banner text.
    pub fn banner(self) -> &'static str {
        match self {
            Self::Geslaagd => "GESLAAGD",
            Self::NietGeslaagd => "NIET GESLAAGD",
            Self::Onbeslist => "ONBESLIST",
            Self::Onvolledig => "ONVOLLEDIG",
        }
    }
}

/// The verdict of a run, whether it was complete, and why not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conclusion {
    /// The verdict.
    pub verdict: Eindoordeel,
    /// Whether the run was complete (see the module documentation).
    pub complete: bool,
    /// What kept the run from being complete, in words.
    pub left_out: Vec<String>,
    /// One sentence for the banner.
    pub reason: String,
    /// The process exit code.
    pub exit_code: u8,
}
