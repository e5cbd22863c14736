//! Step definitions, one module per domain concept. A step judges with
//! [`crate::result::verdict`] (`fail`, `inconclusive`, `harness_error`, the `check!` macro),
//! never with `assert!`, so every reason a vendor reads is in plain words.

// cucumber hands the captured parameters of a step to its function by value.
#![allow(clippy::needless_pass_by_value)]

mod antwoord;
mod bronnen;
mod gegevens;
mod http;
mod privacy;
mod tls;
mod uitwisseling;
mod vraag;

use crate::result::verdict::harness_error;

/// Items of a comma-separated list in a step (`"B1, B2"`).
pub(crate) fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The rows of a step's table below its header row.
pub(crate) fn rows<'a>(step: &'a cucumber::gherkin::Step, needs: &str) -> &'a [Vec<String>] {
    match &step.table {
        Some(table) => table.rows.get(1..).unwrap_or_default(),
        None => harness_error(format!("de stap heeft een tabel nodig: {needs}")),
    }
}
