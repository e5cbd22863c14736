//! The VUM conformance harness: the connection conditions (*aansluitvoorwaarden*) of interface
//! 3.0.0 as Dutch Gherkin features, run against any VUM source, with a verdict per scenario and
//! per requirement and reports a vendor and the programme office can act on.
//!
//! This library depends on `vum-spec` only, never on a node implementation.

pub mod checks;
pub mod collector;
pub mod exchange;
pub mod features;
pub mod report;
pub mod run;
mod steps;
pub mod target;
pub mod verdict;
pub mod world;

pub use run::{RunOptions, RunResult, run};
pub use target::Target;

/// The current UTC time, RFC 3339.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The OIN in the subject `serialNumber` of the first certificate of a PEM chain.
pub fn identity_oin(chain_pem: &str) -> Result<String, String> {
    vum_spec::certificaat::oin_of_pem(chain_pem)
        .map(|oin| oin.to_string())
        .map_err(|e| e.to_string())
}
