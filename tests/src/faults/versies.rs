//! The faults of a version after the active one: they break a requirement only that version has,
//! so the suite catches them in a run of that version (`tests/suite/versies.rs`).

use super::edit::drop_criteria;
use super::{Expect, Fault, Kind};

/// The version these faults are run in.
pub const VERSIE: &str = "3.1.0";

/// The faults of [`VERSIE`].
pub static FAULTS: &[Fault] = &[Fault {
    name: "competenties-genegeerd",
    wat: "het criterium competenties (3.1.0) wordt genegeerd",
    expect: Expect::Caught,
    breaks: &["AV-SEL-030"],
    kind: Kind::Request(|f| drop_criteria(f, Some(true), &["competenties"])),
}];
