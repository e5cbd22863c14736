//! Integration tests of vum-spec: generated files of every version are fresh, the types are
//! faithful to the upstream 3.0.0 contracts and test data, versions differ as the registry says,
//! and the CLI does what the README says.

// A test crate: a panic is a failed test with its location, so helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod arbeidsmarktregios;
mod cli;
mod diff;
mod drift;
mod examples;
mod fidelity;
mod freshness;
mod golden;
mod kwaliteit;
mod lint;
mod publish;
mod testdata;
mod upstream;
mod versies;
