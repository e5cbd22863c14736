//! Certifying a mediator's application (*bemiddelaar*): the harness plays the exchange.
//!
//! [`taken`] holds the numbered tasks in Dutch business language with the published answer of
//! each and how the harness answers it (at once, `429` first, `503` first); [`dienst`] serves the
//! mediator API on `--listen` (plain or mutual TLS) with the certification test set behind it
//! ([`antwoord`]) and records every request in an [`opname::Opname`], attributed to the task it
//! serves; [`oordeel`] judges the recording rule by rule, for the steps of
//! `features/bemiddelaar/` and for the interactive mode's feedback per task. A task that got no
//! request is "niet uitgevoerd": its scenarios are inconclusive, not failed.
//!
//! The run itself is [`crate::run::execute_bemiddelaar`]: the same verdicts, reports and
//! certificate as the other roles.

pub mod antwoord;
pub mod dienst;
pub mod oordeel;
pub mod opname;
pub mod taken;

pub use dienst::{Dienst, ServerTls};
pub use opname::Opname;
pub use taken::{Certificatietaak, Gedrag, certificatietaken, takenlijst};
