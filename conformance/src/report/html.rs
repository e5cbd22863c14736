//! `report.html`: self-contained (no external assets), for a reader at the programme office:
//! summary per area, then each requirement that is not met, with its evidence.

use std::fmt::Write as _;

use vum_spec::requirements::Verificatie;

use super::junit::escape;
use crate::run::{RequirementResult, RunResult};
use crate::verdict::Verdict;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1b1b}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}\
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}\
th{background:#f0f0f0}.voldaan{color:#1a7f37}.niet{color:#b42318;font-weight:bold}.onbeslist{color:#9a6700;font-weight:bold}\
pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;font-size:.8rem;white-space:pre-wrap}details{margin:.3rem 0}";

fn class(verdict: Option<Verdict>) -> &'static str {
    match verdict {
        Some(Verdict::Passed) => "voldaan",
        Some(Verdict::Failed) => "niet",
        Some(_) => "onbeslist",
        None => "",
    }
}

fn label(r: &RequirementResult) -> String {
    match (r.verdict, r.eis.verificatie) {
        (_, Verificatie::Verklaring) => "verklaring van de deelnemer".to_owned(),
        (None, _) => "niet uitgevoerd".to_owned(),
        (Some(v), _) => v.label().to_owned(),
    }
}

/// The HTML report.
pub fn html(result: &RunResult) -> String {
    let mut out = String::new();
    let (passed, failed, inconclusive, error) = result.counts();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>VUM-conformiteit {}</title><style>{STYLE}</style></head><body>",
        escape(&result.target)
    );
    let _ = write!(
        out,
        "<h1>Conformiteitsrapport VUM {}</h1><p>Doel: <code>{}</code><br>Gestart: {} · duur {:.1} s · harnas {} · features SHA-256 <code>{}</code></p>",
        escape(&result.spec_version),
        escape(&result.target),
        escape(&result.started),
        result.millis as f64 / 1000.0,
        escape(&result.harness_version),
        escape(&result.features_sha256)
    );
    let _ = write!(
        out,
        "<p><strong>{passed} voldaan, {failed} niet voldaan</strong>, {inconclusive} onbeslist, {error} fout in de harnas (scenario's en doorlopende controles).</p>"
    );
    if let Some(reason) = &result.inconclusive_reason {
        let _ = write!(
            out,
            "<h2 class=\"onbeslist\">De controle vooraf is mislukt</h2><p>{}</p><table><tr><th>controle</th><th>uitkomst</th></tr>",
            escape(reason)
        );
        for c in &result.preflight {
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"{}\">{}</td></tr>",
                escape(&c.name),
                if c.ok { "voldaan" } else { "niet" },
                escape(&c.detail)
            );
        }
        out.push_str("</table>");
    }
    out.push_str("<h2>Per gebied</h2><table><tr><th>gebied</th><th>voldaan</th><th>niet voldaan</th><th>onbeslist</th><th>niet uitgevoerd of verklaring</th></tr>");
    for t in result.per_gebied() {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"voldaan\">{}</td><td class=\"niet\">{}</td><td class=\"onbeslist\">{}</td><td>{}</td></tr>",
            t.gebied, t.voldaan, t.niet_voldaan, t.onbeslist, t.niet_uitgevoerd
        );
    }
    out.push_str("</table>");
    let failing = result.not_passed();
    let _ = write!(
        out,
        "<h2>Eisen waaraan niet is voldaan ({})</h2>",
        failing.len()
    );
    if failing.is_empty() {
        out.push_str("<p>Geen.</p>");
    }
    for r in failing {
        let _ = write!(
            out,
            "<h3 class=\"{}\">{} [{}] {}</h3><p>Bron: {}</p>",
            class(r.verdict),
            escape(&r.eis.id),
            r.eis.niveau,
            escape(&r.eis.titel),
            escape(&r.eis.bron)
        );
        for s in result
            .scenarios
            .iter()
            .filter(|s| s.verdict != Verdict::Passed && s.requirements.contains(&r.eis.id))
        {
            let _ = write!(
                out,
                "<details open><summary>{} — <code>{}</code></summary><p>Stap: {}</p><pre>{}</pre>",
                escape(&s.name),
                escape(&s.location),
                escape(s.failed_step.as_deref().unwrap_or_default()),
                escape(s.reason.as_deref().unwrap_or_default())
            );
            for e in &s.evidence {
                let _ = write!(
                    out,
                    "<pre>{} {}\n{}\n→ status {:?}{}\n{}</pre>",
                    escape(&e.method),
                    escape(&e.path),
                    escape(e.request_body.as_deref().unwrap_or_default()),
                    e.status,
                    e.error
                        .as_ref()
                        .map(|x| format!(" ({})", escape(x)))
                        .unwrap_or_default(),
                    escape(&e.body)
                );
            }
            out.push_str("</details>");
        }
        for c in result
            .checks
            .iter()
            .filter(|c| c.verdict != Verdict::Passed && c.requirement == r.eis.id)
        {
            let findings: Vec<String> = c.findings.iter().map(ToString::to_string).collect();
            let _ = write!(
                out,
                "<details open><summary>Doorlopende controle: {}</summary><pre>{}</pre></details>",
                escape(&c.name),
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
            escape(&label(r)),
            r.scenarios.len()
        );
    }
    out.push_str("</table></body></html>\n");
    out
}
