//! The VUM conformance harness: the connection conditions (*aansluitvoorwaarden*) of interface
//! 3.0.0 as Dutch Gherkin features, run against any VUM source, with a verdict per scenario,
//! per requirement and per run, and reports a vendor and the programme office can act on.
//!
//! By stage, as cucumber-rs splits parser, runner and writer: [`features`] (what to run,
//! embedded at build time), [`preflight`] (can a run mean anything here), [`run`] (the scenarios,
//! the continuous checks, the transcripts), [`result`] (verdicts as values, the result model, the
//! complete-run rule and exit codes), [`report`] (JSON, JUnit, HTML, console). [`scope`] is what a
//! run covered; [`target`] the node under test. [`regio`] is the readiness board of a
//! labour-market region over many endpoints.
//!
//! This library depends on `vum-spec` only, never on a node implementation.

pub mod bemiddelaar;
pub mod certificaat;
pub mod detectors;
pub mod features;
pub mod hercertificering;
pub mod ontvangen;
pub mod preflight;
pub mod regio;
pub mod report;
pub mod result;
pub mod run;
pub mod scope;
pub mod simulatie;
pub mod target;
pub mod testset;
pub mod verklaringen;

pub use result::RunResult;
pub use run::{RunOptions, run};
pub use target::Target;

/// The current UTC time, RFC 3339.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
