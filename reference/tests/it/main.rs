//! Integration tests of the reference node: in-process through `tower::ServiceExt::oneshot`,
//! and over real sockets (plain HTTP and mutual TLS) on 127.0.0.1.

// A test crate: a panic is a failed test with its location, so helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod api;
mod bemiddelaar;
mod connections;
mod detail;
mod import;
mod kwaliteit;
mod logboek;
mod protocol;
mod selectie;
mod socket;
mod support;
mod uitwisseling;
mod versies;
