//! The VUM interface standard as Rust types: every version of its registry ([`versie`]).
//!
//! VUM (Verbeteren Uitwisseling Matchingsgegevens) is the Dutch standard for exchanging
//! job-seeker profiles and vacancies between sources (*bronnen*), the central exchange
//! (*uitwisselingsvoorziening*) and mediators (*bemiddelaars*). This crate holds:
//!
//! * the messages as types, with wire names exactly as the contracts spell them
//!   ([`werkzoekende`], [`vacature`], [`vraag`], [`berichten`], [`error`], [`headers`]);
//! * the code lists with their Dutch meanings ([`codes`]);
//! * generation of the published JSON Schemas and OpenAPI contracts ([`message`], [`schema`],
//!   [`openapi`], [`artifacts`]) and validation against the committed ones ([`validate`]);
//! * the comparison rules of the standard ([`semantics`]), the contract lint ([`lint`]), the
//!   comparison with the upstream contracts ([`drift`]) and the changelog between two versions of
//!   the contracts ([`diff`]);
//! * the data-quality score card of a set of profiles ([`kwaliteit`]), with the detectors of
//!   direct identifiers in free text ([`identificatoren`]);
//! * the labour-market regions and their municipalities ([`arbeidsmarktregio`]);
//! * the requirement catalogue ([`requirements`]) and the certification profiles ([`profielen`]),
//!   and what a new version means for nodes certified on an old one ([`hercertificering`]);
//! * the version registry ([`versie`]): which versions exist, their status and dates; the
//!   schemas, contracts, catalogue, profiles and test set of each;
//! * the publication of a version as a byte-reproducible bundle with a manifest, optionally
//!   signed, and the features as living documentation ([`publicatie`], read with [`gherkin`]);
//! * Ed25519 signatures as JWS for certificates and publications ([`jws`]);
//! * the scripted task file of a mediator certification: numbered searches as intents, which a
//!   mediator client encodes itself ([`taken`]).
//!
//! The library does no IO: files are read and written by the `vum-spec` binary only.

pub mod arbeidsmarktregio;
pub mod artifacts;
pub mod berichten;
pub mod certificaat;
pub mod codes;
pub mod common;
pub mod diff;
pub mod drift;
pub mod error;
pub mod geo;
pub mod gherkin;
pub mod headers;
pub mod hercertificering;
pub mod identificatoren;
pub mod jws;
pub mod kind;
pub mod kwaliteit;
pub mod lint;
pub mod message;
pub mod openapi;
pub mod primitives;
pub mod profielen;
pub mod publicatie;
pub mod requirements;
pub mod schema;
pub mod semantics;
pub mod taken;
pub mod testdata;
pub mod vacature;
pub mod validate;
pub mod versie;
pub mod vraag;
pub mod werkzoekende;

mod committed {
    include!(concat!(env!("OUT_DIR"), "/committed.rs"));

    /// The entry of a per-version table of committed files for the version with this number.
    pub(crate) fn of_version<T: Copy>(
        table: &'static [(&'static str, T)],
        versie: crate::Versienummer,
    ) -> Option<T> {
        let name = versie.to_string();
        table.iter().find(|(v, _)| *v == name).map(|(_, t)| *t)
    }
}

pub use headers::VERSION;
pub use kind::Kind;
pub use message::{Contract, Message};
pub use semantics::semantically_equal;
pub use versie::{Versie, Versienummer};
