//! Reports of a run: `report.json`, `junit.xml`, a self-contained `report.html`, and the console
//! summary.

mod html;
mod junit;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::run::RunResult;
use crate::verdict::Verdict;

pub use html::html;
pub use junit::junit;

/// The JSON report: metadata, and per requirement and scenario the verdict and evidence.
pub fn json(result: &RunResult) -> String {
    serde_json::to_string_pretty(result).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Writes the three reports into `dir` (created if needed); returns their paths.
pub fn write_all(result: &RunResult, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let files = [
        ("report.json", json(result)),
        ("junit.xml", junit(result)),
        ("report.html", html(result)),
    ];
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// The console summary: per area, then the failing requirements, then the closing line
/// `N passed, N failed` counting scenarios and continuous checks.
pub fn console(result: &RunResult) -> String {
    let mut out = String::new();
    if let Some(reason) = &result.inconclusive_reason {
        let _ = writeln!(
            out,
            "\nPRE-FLIGHT MISLUKT: de run is onbeslist.\n  {reason}\n"
        );
        for check in &result.preflight {
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
        "\nSamenvatting per gebied (eisen: voldaan / niet voldaan / onbeslist / niet uitgevoerd):"
    );
    for t in result.per_gebied() {
        let _ = writeln!(
            out,
            "  {:<16} {:>3} / {:>3} / {:>3} / {:>3}",
            t.gebied, t.voldaan, t.niet_voldaan, t.onbeslist, t.niet_uitgevoerd
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
                r.verdict.map(Verdict::label).unwrap_or_default()
            );
            for s in result
                .scenarios
                .iter()
                .filter(|s| s.verdict != Verdict::Passed && s.requirements.contains(&r.eis.id))
                .take(3)
            {
                let _ = writeln!(
                    out,
                    "      {} {}: {}",
                    s.location,
                    s.name,
                    s.reason
                        .as_deref()
                        .unwrap_or_default()
                        .lines()
                        .next()
                        .unwrap_or_default()
                );
            }
            for c in result
                .checks
                .iter()
                .filter(|c| c.verdict != Verdict::Passed && c.requirement == r.eis.id)
            {
                let _ = writeln!(
                    out,
                    "      doorlopende controle: {} ({} bevindingen)",
                    c.name,
                    c.findings.len()
                );
            }
        }
    }
    let (passed, failed, inconclusive, error) = result.counts();
    if inconclusive + error > 0 {
        let _ = writeln!(out, "\n{inconclusive} inconclusive, {error} error");
    }
    let _ = writeln!(out, "\n{passed} passed, {failed} failed");
    out
}
