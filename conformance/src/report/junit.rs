//! `junit.xml`: one test suite per area, a test case per scenario and per continuous check.

use std::fmt::Write as _;

use vum_spec::requirements::GEBIEDEN;

use crate::run::RunResult;
use crate::verdict::Verdict;

/// Escapes text for XML.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

struct Case {
    name: String,
    class: String,
    verdict: Verdict,
    message: String,
}

/// The JUnit XML report.
pub fn junit(result: &RunResult) -> String {
    let area_of = |requirements: &[String]| -> String {
        let Some(first) = requirements.first() else {
            return "zonder eis".to_owned();
        };
        GEBIEDEN
            .iter()
            .find(|(_, code)| first.starts_with(&format!("AV-{code}-")))
            .map_or("zonder eis", |(name, _)| name)
            .to_owned()
    };
    let mut cases: Vec<(String, Case)> = result
        .scenarios
        .iter()
        .map(|s| {
            let message = format!(
                "{}\n{}",
                s.failed_step.clone().unwrap_or_default(),
                s.reason.clone().unwrap_or_default()
            );
            (
                area_of(&s.requirements),
                Case {
                    name: format!("{} [{}]", s.name, s.requirements.join(" ")),
                    class: s.location.clone(),
                    verdict: s.verdict,
                    message,
                },
            )
        })
        .collect();
    for c in &result.checks {
        let message = c
            .findings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        cases.push((
            area_of(std::slice::from_ref(&c.requirement)),
            Case {
                name: format!("doorlopende controle: {} [{}]", c.name, c.requirement),
                class: "doorlopend".to_owned(),
                verdict: c.verdict,
                message,
            },
        ));
    }
    if let Some(reason) = &result.inconclusive_reason {
        cases.push((
            "pre-flight".to_owned(),
            Case {
                name: "pre-flight".to_owned(),
                class: "pre-flight".to_owned(),
                verdict: Verdict::Inconclusive,
                message: reason.clone(),
            },
        ));
    }
    let mut suites: Vec<String> = cases.iter().map(|(area, _)| area.clone()).collect();
    suites.sort();
    suites.dedup();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let (_, failed, inconclusive, error) = result.counts();
    let _ = writeln!(
        out,
        "<testsuites name=\"VUM {} conformance: {}\" tests=\"{}\" failures=\"{failed}\" errors=\"{}\" time=\"{:.3}\">",
        escape(&result.spec_version),
        escape(&result.target),
        cases.len(),
        inconclusive + error,
        result.millis as f64 / 1000.0
    );
    for suite in suites {
        let mine: Vec<&Case> = cases
            .iter()
            .filter(|(a, _)| *a == suite)
            .map(|(_, c)| c)
            .collect();
        let failures = mine.iter().filter(|c| c.verdict == Verdict::Failed).count();
        let errors = mine
            .iter()
            .filter(|c| matches!(c.verdict, Verdict::Inconclusive | Verdict::Error))
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">",
            escape(&suite),
            mine.len()
        );
        for case in mine {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\"",
                escape(&case.name),
                escape(&case.class)
            );
            match case.verdict {
                Verdict::Passed => out.push_str("/>\n"),
                Verdict::Failed => {
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"niet voldaan\">{}</failure>\n    </testcase>",
                        escape(&case.message)
                    );
                }
                other => {
                    let _ = writeln!(
                        out,
                        ">\n      <error message=\"{}\">{}</error>\n    </testcase>",
                        other.label(),
                        escape(&case.message)
                    );
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
