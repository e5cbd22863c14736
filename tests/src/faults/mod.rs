//! The faults: one thing broken at a time, each with the requirements it is declared to break (the
//! first is its target). An entry ending in `*` covers every requirement with that prefix (the few
//! faults that take a whole operation down break everything built on it).

mod edit;
mod list;
mod testset;
pub mod uitwisseling;
pub mod versies;

pub use list::FAULTS;

use crate::proxy::{Forward, Reply};

/// How a fault works.
#[derive(Debug)]
pub enum Kind {
    /// Changes the request before the node sees it.
    Request(fn(&mut Forward)),
    /// Changes the answer before the harness sees it.
    Response(fn(&Forward, &mut Reply)),
    /// Refuses requests whose raw header names are not lower case (a case-sensitive node).
    HeaderCase,
    /// Delays answers to paths ending in `path`.
    Delay {
        /// The path suffix.
        path: &'static str,
        /// How long.
        millis: u64,
    },
    /// A TLS-level fault of the proxy's own listener.
    Tls(TlsFault),
    /// Answers the first `after` requests, then none (the connection hangs).
    Stall {
        /// How many requests are answered.
        after: usize,
    },
}

/// Faults of the TLS listener. The honest TLS proxy passes the client's own certificate on to the
/// node (it holds the test PKI's keys), so the node decides; a fault lets one kind of client through
/// as the exchange.
#[derive(Debug)]
pub enum TlsFault {
    /// Clients presenting these test-PKI identities (`""`: no certificate) are served as the
    /// exchange.
    Accepts(&'static [&'static str]),
    /// Answers plain HTTP on the TLS port too (as the exchange).
    PlainHttpToo,
    /// Clients presenting these test-PKI identities are served as if they presented none.
    Refuses(&'static [&'static str]),
    /// Answers a TLS 1.0 or 1.1 ClientHello with a ServerHello for that version.
    AcceptsOldTls,
}

/// What the suite must make of a fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A scenario of its target fails, and nothing undeclared fails.
    Caught,
    /// The run is inconclusive (the harness's own configuration or a node that stopped
    /// answering), and no requirement fails.
    Inconclusive,
}

/// One fault.
#[derive(Debug)]
pub struct Fault {
    /// Its name.
    pub name: &'static str,
    /// What it breaks, in Dutch.
    pub wat: &'static str,
    /// What the suite must make of it.
    pub expect: Expect,
    /// The requirements it is declared to break; the first is its target (none for a fault the
    /// suite must call inconclusive).
    pub breaks: &'static [&'static str],
    /// How.
    pub kind: Kind,
}

impl Fault {
    /// The requirement this fault targets (none for an inconclusive fault).
    pub fn target(&self) -> &'static str {
        self.breaks.first().copied().unwrap_or("–")
    }

    /// Whether the fault is declared to break a requirement.
    pub fn declares(&self, requirement: &str) -> bool {
        self.breaks.iter().any(|b| {
            b.strip_suffix('*')
                .map_or(*b == requirement, |prefix| requirement.starts_with(prefix))
        })
    }

    /// Whether it needs the TLS set-up.
    pub fn is_tls(&self) -> bool {
        matches!(self.kind, Kind::Tls(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_names_are_unique_and_every_fault_declares_a_target() {
        let mut names: Vec<&str> = FAULTS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FAULTS.len());
        assert!(FAULTS.iter().all(|f| match f.expect {
            Expect::Caught => f.target().starts_with("AV-") && !f.target().ends_with('*'),
            Expect::Inconclusive => f.breaks.is_empty(),
        }));
        assert!(FAULTS[0].declares("AV-KOP-006") && !FAULTS[0].declares("AV-SEL-001"));
    }
}
