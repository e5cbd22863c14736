//! Reports of a run: `report.json`, `junit.xml`, a self-contained `report.html`, and the console.
//! Each shows the verdict next to the scope it was reached in.

mod console;
mod html;
mod junit;

use std::path::{Path, PathBuf};

use crate::result::RunResult;

pub use console::{console, scope};
pub use html::{escape, html};
pub use junit::junit;

/// The JSON report: scope, conclusion, and per requirement, scenario and check the verdict and
/// evidence.
pub fn json(result: &RunResult) -> String {
    serde_json::to_string_pretty(result).unwrap_or_else(|e| {
        format!("{{\"fout\": \"het rapport kon niet worden geschreven: {e}\"}}")
    })
}

/// Writes the three reports into `dir` (created if needed), each whole or not at all; returns
/// their paths.
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
