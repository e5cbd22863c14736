//! The console: the scope at the start, and at the end the summary per area, what did not pass,
//! the verdict with the scope again, and the closing line of counts.

use std::fmt::Write as _;

use crate::result::{RunResult, Verdict};
use crate::scope::Scope;

/// The scope, as the console shows it before the run and the reports show it next to the verdict.
pub fn scope(scope: &Scope) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "vum-conformance {} — VUM {}",
        scope.harness_version, scope.spec_version
    );
    let _ = writeln!(
        out,
        "  profiel:      {} ({}){}",
        scope.profile,
        scope.profile_title,
        if scope.profile_by_default {
            "; standaard, want er is geen --profiel gegeven"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "  doel:         {}", scope.target);
    let certificate = scope
        .client_certificate_oin
        .as_ref()
        .map(|oin| format!(" (clientcertificaat met OIN {oin})"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  transport:    {}{certificate}",
        scope.transport.omschrijving()
    );
    let _ = writeln!(
        out,
        "  partijen:     fromParty {}, toParty {}, viaParty {}",
        scope.parties.from_party, scope.parties.to_party, scope.parties.via_party
    );
    let _ = writeln!(
        out,
        "  features:     {} (SHA-256 {})",
        scope.features, scope.features_sha256
    );
    let _ = writeln!(out, "  testset:      SHA-256 {}", scope.testset_sha256);
    let _ = writeln!(
        out,
        "  filter:       {}",
        scope.tags.as_ref().map_or_else(
            || "geen: alle scenario's".to_owned(),
            |t| format!("--tags '{t}'")
        )
    );
    if scope.security.complete() {
        let _ = writeln!(
            out,
            "  beveiliging:  alle beveiligingsscenario's ({})",
            scope.security.ran
        );
    } else {
        let _ = writeln!(
            out,
            "  beveiliging:  {} uitgevoerd, {} niet:",
            scope.security.ran,
            scope.security.left_out.len()
        );
        for line in &scope.security.left_out {
            let _ = writeln!(out, "                - {line}");
        }
    }
    out
}

/// The console summary after the run.
pub fn console(result: &RunResult) -> String {
    let mut out = String::new();
    if let Some(failure) = &result.preflight.failure {
        let _ = writeln!(
            out,
            "\nDE CONTROLE VOORAF IS MISLUKT: de run is onbeslist.\n  {failure}\n"
        );
        for check in &result.preflight.checks {
            let _ = writeln!(
                out,
                "  [{}] {}: {}",
                if check.ok { "ok" } else { "!!" },
                check.name,
                check.detail
            );
        }
    }
    let _ = writeln!(
        out,
        "\nSamenvatting per gebied (eisen: voldaan / niet voldaan / onbeslist / niet uitgevoerd / verklaring):"
    );
    for t in result.per_gebied() {
        let _ = writeln!(
            out,
            "  {:<16} {:>3} / {:>3} / {:>3} / {:>3} / {:>3}",
            t.gebied, t.voldaan, t.niet_voldaan, t.onbeslist, t.niet_uitgevoerd, t.verklaring
        );
    }
    let failing = result.not_passed();
    if !failing.is_empty() {
        let _ = writeln!(out, "\nNiet voldaan of onbeslist:");
        for r in failing {
            let _ = writeln!(
                out,
                "  {} [{}] {} — {}",
                r.eis.id,
                r.eis.niveau,
                r.eis.titel,
                r.verdict.label()
            );
            for s in result.failing_scenarios(&r.eis.id).take(3) {
                let reason = s.reason.as_deref().unwrap_or_default();
                let _ = writeln!(
                    out,
                    "      {} {}: {}",
                    s.id.location(),
                    s.id.name,
                    reason.lines().next().unwrap_or_default()
                );
                // The test set's explanation of a discrepancy, if the step gave one.
                for line in reason.lines().filter(|l| l.starts_with("- ")).take(3) {
                    let _ = writeln!(out, "          {line}");
                }
            }
            for c in result.failing_checks(&r.eis.id) {
                let _ = writeln!(
                    out,
                    "      doorlopende controle: {} ({} bevindingen, bijvoorbeeld {})",
                    c.name,
                    c.findings.len(),
                    c.findings
                        .first()
                        .map(|f| format!("{}: {}", f.request, f.finding))
                        .unwrap_or_default()
                );
            }
        }
    }
    let inconclusive: Vec<_> = result
        .scenarios
        .iter()
        .filter(|s| matches!(s.verdict, Verdict::Inconclusive | Verdict::Error))
        .collect();
    if !inconclusive.is_empty() {
        let _ = writeln!(
            out,
            "\n{} scenario('s) onbeslist of met een harnasfout, bijvoorbeeld:",
            inconclusive.len()
        );
        for s in inconclusive.iter().take(3) {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                s.id.location(),
                s.id.name,
                s.reason
                    .as_deref()
                    .unwrap_or_default()
                    .lines()
                    .next()
                    .unwrap_or_default()
            );
        }
    }
    if !result.declarations.is_empty() {
        let _ = writeln!(
            out,
            "\nVerklaringen{}: {}",
            result
                .declaring_organisation
                .as_deref()
                .map(|o| format!(" van {o}"))
                .unwrap_or_default(),
            crate::verklaringen::samenvatting(&result.declarations)
        );
    }
    let conclusion = &result.conclusion;
    if !conclusion.left_out.is_empty() {
        let _ = writeln!(out, "\nNiet beoordeeld in deze run:");
        for line in &conclusion.left_out {
            let _ = writeln!(out, "  - {line}");
        }
    }
    let _ = writeln!(
        out,
        "\nUITSLAG: {} — {}",
        conclusion.verdict.banner(),
        conclusion.reason
    );
    let scope = &result.scope;
    let _ = writeln!(
        out,
        "  profiel {}: {} over {}; filter: {}; beveiligingsscenario's: {}",
        scope.profile,
        scope.target,
        scope.transport.omschrijving(),
        scope.tags.as_deref().unwrap_or("geen"),
        if scope.security.complete() {
            "alle"
        } else {
            "niet alle"
        }
    );
    let _ = writeln!(out, "\n{}", result.counts());
    out
}
