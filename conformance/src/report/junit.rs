//! `junit.xml`: one test suite per area, a test case per scenario and per continuous check, the
//! scope as `<properties>`. A failure's `message` is its reason; `classname` is the feature file.

use std::fmt::Write as _;

use vum_spec::requirements::GEBIEDEN;

use super::html::escape;
use crate::result::{RunResult, Verdict};

struct Case {
    name: String,
    class: String,
    verdict: Option<Verdict>,
    message: String,
    detail: String,
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// The area of a requirement id (`AV-KOP-001` → `koppelvlak`).
fn area_of(requirements: &[String]) -> String {
    let Some(first) = requirements.first() else {
        return "zonder eis".to_owned();
    };
    GEBIEDEN
        .iter()
        .find(|(_, code)| first.starts_with(&format!("AV-{code}-")))
        .map_or("zonder eis", |(name, _)| name)
        .to_owned()
}

fn properties(result: &RunResult) -> Vec<(&'static str, String)> {
    let scope = &result.scope;
    vec![
        ("verdict", result.conclusion.verdict.banner().to_owned()),
        ("complete", result.conclusion.complete.to_string()),
        ("reason", result.conclusion.reason.clone()),
        ("left-out", result.conclusion.left_out.join("; ")),
        ("profile", scope.profile.clone()),
        ("target", scope.target.clone()),
        ("transport", scope.transport.omschrijving().to_owned()),
        (
            "client-certificate-oin",
            scope.client_certificate_oin.clone().unwrap_or_default(),
        ),
        ("from-party", scope.parties.from_party.clone()),
        ("to-party", scope.parties.to_party.clone()),
        ("via-party", scope.parties.via_party.clone()),
        ("tags", scope.tags.clone().unwrap_or_default()),
        (
            "security-scenarios",
            if scope.security.complete() {
                format!("alle ({})", scope.security.ran)
            } else {
                scope.security.left_out.join("; ")
            },
        ),
        ("features", scope.features.clone()),
        ("features-sha256", scope.features_sha256.clone()),
        ("testset-sha256", scope.testset_sha256.clone()),
        ("catalogue-sha256", scope.catalogue_sha256.clone()),
        ("harness-version", scope.harness_version.clone()),
        ("spec-version", scope.spec_version.clone()),
    ]
}

/// The JUnit XML report.
pub fn junit(result: &RunResult) -> String {
    let mut cases: Vec<(String, Case)> = result
        .scenarios
        .iter()
        .map(|s| {
            let reason = s.reason.clone().unwrap_or_default();
            (
                area_of(&s.requirements),
                Case {
                    name: format!("{} [{}]", s.id.name, s.requirements.join(" ")),
                    class: s.id.file.clone(),
                    verdict: Some(s.verdict),
                    message: first_line(&reason).to_owned(),
                    detail: format!(
                        "{}\n{}\n{reason}",
                        s.id,
                        s.failed_step.as_deref().unwrap_or_default()
                    ),
                },
            )
        })
        .collect();
    for c in &result.checks {
        let detail = c
            .findings
            .iter()
            .map(|f| {
                format!(
                    "{} — {} → {}: {}",
                    f.scenario, f.request, f.status, f.finding
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        cases.push((
            area_of(std::slice::from_ref(&c.requirement)),
            Case {
                name: format!("doorlopende controle: {} [{}]", c.name, c.requirement),
                class: "doorlopende controles".to_owned(),
                verdict: c.verdict,
                message: c
                    .findings
                    .first()
                    .map(|f| format!("{}: {}", f.request, f.finding))
                    .unwrap_or_else(|| "geen antwoorden om te controleren".to_owned()),
                detail,
            },
        ));
    }
    for d in &result.declarations {
        use crate::verklaringen::{Dekking, Uitspraak};
        let (verdict, message) = match &d.dekking {
            Dekking::Geldig { verklaring, .. } => (
                if verklaring.uitspraak == Uitspraak::NietVoldaan {
                    Verdict::Failed
                } else {
                    Verdict::Passed
                },
                format!(
                    "{}: {} ({}, {})",
                    verklaring.uitspraak.label(),
                    verklaring.verklaring,
                    verklaring.ondertekend_door,
                    verklaring.datum
                ),
            ),
            _ => (Verdict::Inconclusive, d.gebrek().unwrap_or_default()),
        };
        cases.push((
            "verklaringen".to_owned(),
            Case {
                name: format!("verklaring [{}]", d.eis),
                class: "verklaringen".to_owned(),
                verdict: Some(verdict),
                detail: message.clone(),
                message,
            },
        ));
    }
    if let Some(failure) = &result.preflight.failure {
        cases.push((
            "controle vooraf".to_owned(),
            Case {
                name: "controle vooraf".to_owned(),
                class: "controle vooraf".to_owned(),
                verdict: Some(Verdict::Inconclusive),
                message: failure.clone(),
                detail: result
                    .preflight
                    .checks
                    .iter()
                    .map(|c| {
                        format!(
                            "[{}] {}: {}",
                            if c.ok { "ok" } else { "!!" },
                            c.name,
                            c.detail
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            },
        ));
    }
    let mut suites: Vec<String> = cases.iter().map(|(area, _)| area.clone()).collect();
    suites.sort();
    suites.dedup();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = result.counts();
    let _ = writeln!(
        out,
        "<testsuites name=\"VUM {} conformiteit: {} ({})\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3}\">",
        escape(&result.scope.spec_version),
        escape(&result.scope.target),
        result.conclusion.verdict.banner(),
        cases.len(),
        counts.failed,
        counts.inconclusive + counts.errors,
        cases.iter().filter(|(_, c)| c.verdict.is_none()).count(),
        result.millis as f64 / 1000.0
    );
    let properties = properties(result);
    for suite in suites {
        let mine: Vec<&Case> = cases
            .iter()
            .filter(|(a, _)| *a == suite)
            .map(|(_, c)| c)
            .collect();
        let failures = mine
            .iter()
            .filter(|c| c.verdict == Some(Verdict::Failed))
            .count();
        let errors = mine
            .iter()
            .filter(|c| matches!(c.verdict, Some(Verdict::Inconclusive | Verdict::Error)))
            .count();
        let skipped = mine.iter().filter(|c| c.verdict.is_none()).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">",
            escape(&suite),
            mine.len()
        );
        out.push_str("    <properties>\n");
        for (name, value) in &properties {
            let _ = writeln!(
                out,
                "      <property name=\"{name}\" value=\"{}\"/>",
                escape(value)
            );
        }
        out.push_str("    </properties>\n");
        for case in mine {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\"",
                escape(&case.name),
                escape(&case.class)
            );
            match case.verdict {
                Some(Verdict::Passed) => out.push_str("/>\n"),
                None => {
                    let _ = writeln!(
                        out,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        escape(&case.message)
                    );
                }
                Some(Verdict::Failed) => {
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"{}\" type=\"niet voldaan\">{}</failure>\n    </testcase>",
                        escape(&case.message),
                        escape(&case.detail)
                    );
                }
                Some(other) => {
                    let _ = writeln!(
                        out,
                        ">\n      <error message=\"{}\" type=\"{}\">{}</error>\n    </testcase>",
                        escape(&case.message),
                        other.label(),
                        escape(&case.detail)
                    );
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
