//! Step definitions, one module per domain concept.

// cucumber hands the captured parameters of a step to its function by value.
#![allow(clippy::needless_pass_by_value)]

mod antwoord;
mod gegevens;
mod http;
mod privacy;
mod tls;
mod vraag;

/// Items of a comma-separated list in a step (`"B1, B2"`).
pub(crate) fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}
