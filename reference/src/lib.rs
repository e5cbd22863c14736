//! The VUM reference node for interface 3.0.0, for job seekers and vacancies, over plain HTTP or
//! mutual TLS, in two roles:
//!
//! * [`bron`]: a source (*bron*) answering the exchange from its own SQLite database;
//! * [`uitwisseling`]: the exchange (*uitwisselingsvoorziening*) answering mediators by asking
//!   every source in its directory;
//!
//! on a shared [`server`] toolkit that depends on neither role; and [`bemiddelaar`], the
//! reference mediator client that asks an exchange. [`pki`] writes a test PKI.

pub mod bemiddelaar;
pub mod bron;
pub mod pki;
pub mod server;
pub mod uitwisseling;

pub use bemiddelaar::{Bemiddelaar, BemiddelaarConfig};
pub use bron::{Bron, BronConfig};
pub use uitwisseling::{Uitwisseling, UitwisselingConfig};

/// The reference node's declarations for the requirements the harness cannot test
/// (`reference/verklaringen.toml`): true statements about this implementation, each naming what
/// backs it. The no-argument run of `vum-conformance` uses them.
pub const VERKLARINGEN: &str = include_str!("../verklaringen.toml");

/// The reference exchange's declarations (`reference/verklaringen-uitwisseling.toml`), as
/// [`VERKLARINGEN`] for the source.
pub const VERKLARINGEN_UITWISSELING: &str = include_str!("../verklaringen-uitwisseling.toml");
