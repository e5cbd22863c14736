//! `report.html`: self-contained (no external assets), for a reader at the programme office: the
//! verdict banner with its scope and parties, the pre-flight, the summary per area, what was left
//! out, then each requirement that is not met with its evidence, and every requirement.

use std::fmt::Write as _;

use crate::result::{Eindoordeel, RequirementVerdict, RunResult, Verdict};
use crate::run::transcript::{Transcript, status_text};

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#1b1b1b}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}\
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}\
th{background:#f0f0f0;width:14rem}.voldaan{color:#1a7f37}.niet{color:#b42318;font-weight:bold}.onbeslist{color:#9a6700;font-weight:bold}\
.banner{padding:1rem 1.5rem;border-radius:.4rem;margin:1rem 0;color:#fff}.banner strong{font-size:1.6rem;display:block}\
.geslaagd{background:#1a7f37}.niet-geslaagd{background:#b42318}.onbeslist-b{background:#9a6700}.onvolledig{background:#57606a}\
pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;font-size:.8rem;white-space:pre-wrap}details{margin:.3rem 0}";

/// Escapes text for HTML (and XML) element content and attribute values.
pub fn escape(text: &str) -> String {
    let printable: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    html_escape::encode_quoted_attribute(&printable).into_owned()
}

fn class(verdict: RequirementVerdict) -> &'static str {
    match verdict {
        RequirementVerdict::Judged(Verdict::Passed) => "voldaan",
        RequirementVerdict::Judged(Verdict::Failed) => "niet",
        RequirementVerdict::Judged(_) => "onbeslist",
        RequirementVerdict::NotRun | RequirementVerdict::Declaration => "",
    }
}

fn banner_class(verdict: Eindoordeel) -> &'static str {
    match verdict {
        Eindoordeel::Geslaagd => "geslaagd",
        Eindoordeel::NietGeslaagd => "niet-geslaagd",
        Eindoordeel::Onbeslist => "onbeslist-b",
        Eindoordeel::Onvolledig => "onvolledig",
    }
}

fn row(out: &mut String, name: &str, value: &str) {
    let _ = write!(
        out,
        "<tr><th>{}</th><td>{}</td></tr>",
        escape(name),
        escape(value)
    );
}

fn evidence(out: &mut String, t: &Transcript) {
    let headers = |h: &std::collections::BTreeMap<String, String>| {
        h.iter()
            .map(|(n, v)| format!("{n}: {v}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = write!(
        out,
        "<pre>{} {}\n{}\n{}\n→ status {}{}\n{}\n\n{}</pre>",
        escape(&t.method),
        escape(&t.path),
        escape(&headers(&t.request_headers)),
        escape(t.request_body.as_deref().unwrap_or_default()),
        escape(&status_text(t.status)),
        t.error
            .as_ref()
            .map(|x| format!(" ({})", escape(x)))
            .unwrap_or_default(),
        escape(&headers(&t.response_headers)),
        escape(&t.body)
    );
}

/// The declarations of the participant, one row per declaration requirement of the profile.
fn declarations(out: &mut String, result: &RunResult) {
    use crate::verklaringen::{Dekking, Uitspraak};
    if result.declarations.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h2>Verklaringen{}</h2><p>{}</p><table><tr><th>eis</th><th>uitspraak</th><th>verklaring</th></tr>",
        result
            .declaring_organisation
            .as_deref()
            .map(|o| format!(" van {}", escape(o)))
            .unwrap_or_default(),
        escape(&crate::verklaringen::samenvatting(&result.declarations))
    );
    for d in &result.declarations {
        let (class, uitspraak, text) = match &d.dekking {
            Dekking::Geldig {
                verklaring,
                geldig_tot,
            } => (
                if verklaring.uitspraak == Uitspraak::NietVoldaan {
                    "niet"
                } else {
                    "voldaan"
                },
                verklaring.uitspraak.label().to_owned(),
                format!(
                    "{} — {}, {} (geldig tot {}){}",
                    verklaring.verklaring,
                    verklaring.ondertekend_door,
                    verklaring.datum,
                    geldig_tot,
                    verklaring
                        .onderbouwing
                        .as_deref()
                        .map(|o| format!("; onderbouwing: {o}"))
                        .unwrap_or_default()
                ),
            ),
            Dekking::Ontbreekt => ("onbeslist", "ontbreekt".to_owned(), String::new()),
            Dekking::Verlopen { verklaring, reden } => (
                "onbeslist",
                "geldt niet".to_owned(),
                format!("{reden}: {}", verklaring.verklaring),
            ),
        };
        let _ = write!(
            out,
            "<tr><td>{} [{}]</td><td class=\"{class}\">{}</td><td>{}</td></tr>",
            escape(&d.eis),
            d.niveau,
            escape(&uitspraak),
            escape(&text)
        );
    }
    out.push_str("</table>");
}

/// The HTML report.
pub fn html(result: &RunResult) -> String {
    let mut out = String::new();
    let scope = &result.scope;
    let conclusion = &result.conclusion;
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>VUM-conformiteit {}: {}</title><style>{STYLE}</style></head><body>",
        escape(&scope.target),
        conclusion.verdict.banner()
    );
    let _ = write!(
        out,
        "<h1>Conformiteitsrapport VUM {}</h1><div class=\"banner {}\"><strong>{}</strong>{}</div>",
        escape(&scope.spec_version),
        banner_class(conclusion.verdict),
        conclusion.verdict.banner(),
        escape(&conclusion.reason)
    );
    if conclusion.verdict == Eindoordeel::Onvolledig {
        out.push_str("<p><strong>Dit rapport is geen certificering.</strong> Alleen een volledige run (alle scenario's, over tweezijdig TLS, met alle beveiligingsscenario's) kan certificeren.</p>");
    }
    out.push_str("<h2>Reikwijdte</h2><table>");
    row(
        &mut out,
        "profiel",
        &format!(
            "{} ({}){}",
            scope.profile,
            scope.profile_title,
            if scope.profile_by_default {
                "; standaard, want er is geen --profiel gegeven"
            } else {
                ""
            }
        ),
    );
    row(&mut out, "doel", &scope.target);
    row(
        &mut out,
        "transport",
        &format!(
            "{}{}",
            scope.transport.omschrijving(),
            scope
                .client_certificate_oin
                .as_ref()
                .map(|o| format!(" (clientcertificaat met OIN {o})"))
                .unwrap_or_default()
        ),
    );
    row(
        &mut out,
        "partijen",
        &format!(
            "fromParty {}, toParty {}, viaParty {}",
            scope.parties.from_party, scope.parties.to_party, scope.parties.via_party
        ),
    );
    row(
        &mut out,
        "filter",
        scope.tags.as_deref().unwrap_or("geen: alle scenario's"),
    );
    row(
        &mut out,
        "beveiligingsscenario's",
        &if scope.security.complete() {
            format!("alle ({})", scope.security.ran)
        } else {
            format!(
                "{} uitgevoerd; niet: {}",
                scope.security.ran,
                scope.security.left_out.join("; ")
            )
        },
    );
    row(
        &mut out,
        "features",
        &format!("{} (SHA-256 {})", scope.features, scope.features_sha256),
    );
    row(
        &mut out,
        "certificeringstestset",
        &format!("SHA-256 {}", scope.testset_sha256),
    );
    row(
        &mut out,
        "eisencatalogus",
        &format!("SHA-256 {}", scope.catalogue_sha256),
    );
    row(
        &mut out,
        "harnas",
        &format!("vum-conformance {}", scope.harness_version),
    );
    row(
        &mut out,
        "gestart",
        &format!(
            "{} · duur {:.1} s",
            result.started,
            result.millis as f64 / 1000.0
        ),
    );
    let counts = result.counts();
    row(&mut out, "scenario's en controles", &counts.to_string());
    out.push_str("</table>");
    out.push_str("<h2>Controle vooraf</h2>");
    if let Some(failure) = &result.preflight.failure {
        let _ = write!(out, "<p class=\"onbeslist\">{}</p>", escape(failure));
    }
    out.push_str("<table><tr><th>controle</th><th>uitkomst</th></tr>");
    for c in &result.preflight.checks {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"{}\">{}</td></tr>",
            escape(&c.name),
            if c.ok { "voldaan" } else { "niet" },
            escape(&c.detail)
        );
    }
    out.push_str("</table>");
    if !conclusion.left_out.is_empty() {
        out.push_str("<h2>Niet beoordeeld in deze run</h2><ul>");
        for line in &conclusion.left_out {
            let _ = write!(out, "<li>{}</li>", escape(line));
        }
        out.push_str("</ul>");
    }
    declarations(&mut out, result);
    out.push_str("<h2>Per gebied</h2><table><tr><th>gebied</th><th>voldaan</th><th>niet voldaan</th><th>onbeslist</th><th>niet uitgevoerd</th><th>verklaring</th></tr>");
    for t in result.per_gebied() {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"voldaan\">{}</td><td class=\"niet\">{}</td><td class=\"onbeslist\">{}</td><td>{}</td><td>{}</td></tr>",
            t.gebied, t.voldaan, t.niet_voldaan, t.onbeslist, t.niet_uitgevoerd, t.verklaring
        );
    }
    out.push_str("</table>");
    let failing = result.not_passed();
    let _ = write!(
        out,
        "<h2>Eisen waaraan niet is voldaan of die onbeslist zijn ({})</h2>",
        failing.len()
    );
    if failing.is_empty() {
        out.push_str("<p>Geen.</p>");
    }
    for r in failing {
        let _ = write!(
            out,
            "<h3 class=\"{}\">{} [{}] {}</h3><p>{} · bron: {}</p>",
            class(r.verdict),
            escape(&r.eis.id),
            r.eis.niveau,
            escape(&r.eis.titel),
            escape(r.verdict.label()),
            escape(&r.eis.bron)
        );
        for s in result.failing_scenarios(&r.eis.id) {
            let _ = write!(
                out,
                "<details open><summary>{} — <code>{}</code> ({})</summary><p>Stap: {}</p><pre>{}</pre>",
                escape(&s.id.name),
                escape(&s.id.location()),
                s.verdict.label(),
                escape(s.failed_step.as_deref().unwrap_or_default()),
                escape(s.reason.as_deref().unwrap_or_default())
            );
            for t in &s.evidence {
                evidence(&mut out, t);
            }
            out.push_str("</details>");
        }
        for c in result.failing_checks(&r.eis.id) {
            let findings: Vec<String> = c
                .findings
                .iter()
                .map(|f| {
                    format!(
                        "{} — {} → {}: {}",
                        f.scenario, f.request, f.status, f.finding
                    )
                })
                .collect();
            let _ = write!(
                out,
                "<details open><summary>Doorlopende controle: {} ({} antwoorden gecontroleerd)</summary><pre>{}</pre></details>",
                escape(&c.name),
                c.checked,
                escape(&findings.join("\n"))
            );
        }
    }
    out.push_str("<h2>Alle eisen</h2><table><tr><th>eis</th><th>niveau</th><th>titel</th><th>uitkomst</th><th>scenario's</th></tr>");
    for r in &result.requirements {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>",
            escape(&r.eis.id),
            r.eis.niveau,
            escape(&r.eis.titel),
            class(r.verdict),
            escape(r.verdict.label()),
            r.scenarios.len()
        );
    }
    out.push_str("</table></body></html>\n");
    out
}
