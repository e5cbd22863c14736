//! From scenario and check verdicts to requirement verdicts, and from those to the verdict of
//! the run: the complete-run rule and the exit codes.
//!
//! A requirement is judged by the scenarios that ran and sent at least one request (or stopped
//! with a verdict of their own) and by the continuous checks that checked at least one response; the
//! worst of those is its verdict. Nothing judged: "niet uitgevoerd", never "voldaan".
//!
//! A run is *complete* when no tag filter was given, it ran over mutual TLS with every security
//! scenario, every MUST requirement in scope was judged, and every requirement of the profile
//! verified by declaration is covered by a valid declaration. Only a complete run in which every
//! MUST passed can certify.
//!
//! | exit | verdict | when |
//! |---|---|---|
//! | 0 | GESLAAGD | complete, every MUST passed |
//! | 1 | NIET GESLAAGD | a MUST failed |
//! | 2 | ONBESLIST | the pre-flight failed, or a MUST got only inconclusive or harness-error verdicts |
//! | 3 | ONVOLLEDIG | not complete, nothing failed: not a certification |
//! | 64 | (no run) | usage: bad arguments, unreadable files, a tag expression matching no scenario |

use vum_spec::profielen::Profiel;
use vum_spec::requirements::{Eis, Niveau, Verificatie};

use super::model::{
    CheckResult, Conclusion, Eindoordeel, RequirementResult, RequirementVerdict, ScenarioResult,
};
use super::verdict::Verdict;
use crate::scope::Scope;
use crate::target::Transport;
use crate::verklaringen::{Uitspraak, Verklaringsuitslag};

/// The exit code of a usage error (bad arguments, unreadable files, a filter matching nothing).
pub const EXIT_USAGE: u8 = 64;

/// Every requirement of the catalogue with its verdict.
pub fn requirement_results(
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
            let judged = mine
                .iter()
                .filter(|s| s.sent > 0 || s.verdict != Verdict::Passed)
                .map(|s| s.verdict)
                .chain(
                    checks
                        .iter()
                        .filter(|c| c.requirement == eis.id)
                        .filter_map(|c| c.verdict),
                )
                .reduce(Verdict::worst);
            let verdict = match (eis.verificatie, judged) {
                (Verificatie::Verklaring, _) => RequirementVerdict::Declaration,
                (Verificatie::Scenario, Some(verdict)) => RequirementVerdict::Judged(verdict),
                (Verificatie::Scenario, None) => RequirementVerdict::NotRun,
            };
            RequirementResult {
                eis: eis.clone(),
                verdict,
                scenarios: mine.iter().map(|s| s.id.clone()).collect(),
            }
        })
        .collect()
}

/// What the run found, for [`conclude`].
#[derive(Debug)]
pub struct Findings<'a> {
    /// What the run covered.
    pub scope: &'a Scope,
    /// The profile certified: its requirements are in scope.
    pub profiel: &'a Profiel,
    /// Why the pre-flight ended the run, if it did.
    pub preflight_failure: Option<&'a str>,
    /// Feature files that did not parse.
    pub parse_errors: usize,
    /// Every requirement with its verdict.
    pub requirements: &'a [RequirementResult],
    /// Set when the node stopped answering during the run.
    pub unresponsive: Option<&'a str>,
    /// Scenarios that ran, and scenarios there were (before the tag filter).
    pub ran: (usize, usize),
    /// The declaration requirements of the profile and their coverage.
    pub declarations: &'a [Verklaringsuitslag],
}

fn ids<'a>(requirements: impl Iterator<Item = &'a RequirementResult>) -> Vec<&'a str> {
    requirements.map(|r| r.eis.id.as_str()).collect()
}

/// The verdict of the run (see the module documentation for the rule and the exit codes).
pub fn conclude(findings: &Findings<'_>) -> Conclusion {
    let scope = findings.scope;
    let must: Vec<&RequirementResult> = findings
        .requirements
        .iter()
        .filter(|r| r.eis.niveau == Niveau::Must && findings.profiel.omvat(&r.eis))
        .collect();
    let mut left_out = Vec::new();
    if let Some(tags) = &scope.tags {
        left_out.push(format!(
            "alleen de scenario's die passen bij --tags '{tags}' ({} van {})",
            findings.ran.0, findings.ran.1
        ));
    }
    if scope.transport != Transport::MutualTls {
        left_out.push(format!(
            "de run ging over {}, niet over tweezijdig TLS",
            scope.transport.omschrijving()
        ));
    }
    left_out.extend(scope.security.left_out.iter().cloned());
    if !scope.features_published {
        left_out.push(
            "de featurebestanden (--features) zijn niet de gepubliceerde van dit harnas".to_owned(),
        );
    }
    let not_run = ids(must
        .iter()
        .copied()
        .filter(|r| r.verdict == RequirementVerdict::NotRun));
    if !not_run.is_empty() {
        left_out.push(format!(
            "MUST-eisen zonder uitgevoerd scenario: {}",
            not_run.join(", ")
        ));
    }
    let gaps: Vec<String> = findings
        .declarations
        .iter()
        .filter_map(Verklaringsuitslag::gebrek)
        .collect();
    if !gaps.is_empty() {
        left_out.push(format!(
            "verklaringen ontbreken of gelden niet (--verklaringen): {}",
            gaps.join("; ")
        ));
    }
    let complete = left_out.is_empty() && findings.preflight_failure.is_none();
    let mut failed = ids(must
        .iter()
        .copied()
        .filter(|r| r.verdict == RequirementVerdict::Judged(Verdict::Failed)));
    let declared_failed: Vec<String> = findings
        .declarations
        .iter()
        .filter(|d| d.niveau == Niveau::Must && d.uitspraak() == Some(Uitspraak::NietVoldaan))
        .map(|d| format!("{} (verklaard)", d.eis))
        .collect();
    failed.extend(declared_failed.iter().map(String::as_str));
    let undecided = ids(must.iter().copied().filter(|r| {
        matches!(
            r.verdict,
            RequirementVerdict::Judged(Verdict::Inconclusive | Verdict::Error)
        )
    }));
    let (verdict, reason, exit_code) = if let Some(failure) = findings.preflight_failure {
        (
            Eindoordeel::Onbeslist,
            format!("De controle vooraf is mislukt: {failure}"),
            2,
        )
    } else if !failed.is_empty() {
        (
            Eindoordeel::NietGeslaagd,
            format!(
                "{} MUST-eis(en) niet voldaan: {}.",
                failed.len(),
                failed.join(", ")
            ),
            1,
        )
    } else if findings.parse_errors > 0 || !undecided.is_empty() {
        let mut reason = if undecided.is_empty() {
            format!(
                "{} featurebestand(en) konden niet worden gelezen.",
                findings.parse_errors
            )
        } else {
            format!(
                "{} MUST-eis(en) konden niet worden beoordeeld: {}.",
                undecided.len(),
                undecided.join(", ")
            )
        };
        if let Some(note) = findings.unresponsive {
            reason.push(' ');
            reason.push_str(note);
        }
        (Eindoordeel::Onbeslist, reason, 2)
    } else if !complete {
        (
            Eindoordeel::Onvolledig,
            format!(
                "Dit is geen certificering: de run was onvolledig ({}).",
                left_out.join("; ")
            ),
            3,
        )
    } else {
        (
            Eindoordeel::Geslaagd,
            "Een volledige run: elke MUST-eis is voldaan.".to_owned(),
            0,
        )
    };
    Conclusion {
        verdict,
        complete,
        left_out,
        reason,
        exit_code,
    }
}
