//! Workspace-level proof: the conformance harness against the reference node.

// A test crate: a panic is a failed test with its location, so helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod architecture;
mod certificaat;
mod coverage;
mod faults;
mod golden;
mod harness;
mod node;
mod regio;
mod tls;
mod uitwisseling;
mod versies;
