//! The certification test set: job seekers and vacancies that a node under test loads before a
//! conformance run, generated deterministically from [`SEED`].
//!
//! * A **bulk** part spread over the whole country: every value of every code list, boundary values
//!   (0/99 hours, 0/999 km, 2000-character texts), empty arrays, absent optional objects, profiles
//!   with and without contact data, and canary values (e-mail addresses, phone numbers, a BSN-like
//!   number, an IBAN) that live only in detail-only fields.
//! * **Clusters** on the Wadden islands, hand-designed so that a question there has a small answer
//!   that a feature can write out. The bulk keeps more than [`RESERVED_RADIUS_KM`] away from every
//!   cluster centre, so any question centred in a cluster with an `afstand` of at most
//!   [`CLUSTER_MAX_AFSTAND_KM`] sees only that cluster.

// The generators vary fields by index (`i % 5 != 0`); that reads better here than `is_multiple_of`.
#![allow(clippy::manual_is_multiple_of)]

mod rng;
mod text;
mod vacatures;
mod werkzoekenden;

use serde::Serialize;

use crate::geo::{Centroid, pc4_table};
use crate::schema::canonical_json;
use crate::vacature::Vacature;
use crate::versie::{NIEUWSTE_ACTIEVE, Versie, Versienummer};
use crate::vraag::{WerkzoekendeVraag, later_criteria};
use crate::werkzoekende::Werkzoekende;

pub use text::{COMPETENTIES_ANTWOORDEN, iban_is_valid, is_bsn};

/// The seed of the published set.
pub const SEED: u64 = 0x5655_4D00_0300_2026;

/// The bulk keeps at least this far from every cluster centre.
pub const RESERVED_RADIUS_KM: f64 = 35.0;
/// The largest `afstand` a question centred in a cluster may use and still see only that cluster.
pub const CLUSTER_MAX_AFSTAND_KM: u16 = 20;

/// A cluster of hand-designed profiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Its name.
    pub name: &'static str,
    /// The PC4 of its centre.
    pub centre_pc4: &'static str,
    /// What it is for.
    pub purpose: &'static str,
}

/// The clusters of the set.
pub const CLUSTERS: [Cluster; 4] = [
    Cluster {
        name: "Texel",
        centre_pc4: "1791",
        purpose: "werkzoekenden: every criterion and operator, own travel distance",
    },
    Cluster {
        name: "Ameland",
        centre_pc4: "9161",
        purpose: "werkzoekenden: the limit of 100 results",
    },
    Cluster {
        name: "Terschelling",
        centre_pc4: "8881",
        purpose: "vacatures: every criterion and operator",
    },
    Cluster {
        name: "Schiermonnikoog",
        centre_pc4: "9166",
        purpose: "vacatures: the limit of 100 results",
    },
];

/// Test OINs of the parties in a certification run (prefix `00000099`, free for tests).
pub mod oins {
    /// The exchange (uitwisselingsvoorziening).
    pub const UITWISSELING: &str = "00000099000000001000";
    /// The controller of the source under test.
    pub const BRON: &str = "00000099000000002000";
    /// The processor of the source under test.
    pub const BRON_VERWERKER: &str = "00000099000000003000";
    /// An asking controller that takes part in SUWI (a municipality).
    pub const BEMIDDELAAR: &str = "00000099000000004000";
    /// The processor of that controller.
    pub const BEMIDDELAAR_VERWERKER: &str = "00000099000000005000";
    /// An asking controller outside SUWI (a private placement agency).
    pub const PARTICULIER: &str = "00000099000000006000";
    /// The controller of a second source (the harness's simulated sources for an exchange).
    pub const BRON_B: &str = "00000099000000007000";
    /// The processor of that second source.
    pub const BRON_B_VERWERKER: &str = "00000099000000008000";
}

/// The generated set.
#[derive(Clone, Debug, PartialEq)]
pub struct TestSet {
    /// Job seekers: bulk, then clusters.
    pub werkzoekenden: Vec<Werkzoekende>,
    /// Vacancies: bulk, then clusters.
    pub vacatures: Vec<Vacature>,
}

/// Generates the set of the newest `actief` version from [`SEED`].
pub fn generate() -> TestSet {
    generate_at(NIEUWSTE_ACTIEVE)
}

/// Generates the set of a version of the registry from [`SEED`].
pub fn generate_for(versie: &Versie) -> TestSet {
    generate_at(versie.nummer)
}

/// Whether the set of a version gives the Texel cluster competences: from the version whose
/// job-seeker question has `competenties`.
fn met_competenties(versie: Versienummer) -> bool {
    !later_criteria::<WerkzoekendeVraag>(versie).contains(&"competenties".to_owned())
}

/// Generates the set of the version with this number from [`SEED`]: the same in every version,
/// except that from 3.1.0 on the Texel cluster carries competences (written out in the README).
pub fn generate_at(versie: Versienummer) -> TestSet {
    let areas = bulk_areas();
    let mut random = rng::Rng::new(SEED);
    let mut werkzoekenden = werkzoekenden::bulk(&mut random, &areas);
    werkzoekenden.extend(werkzoekenden::clusters(met_competenties(versie)));
    let mut random = rng::Rng::new(SEED ^ 0x5641_4341_5455_5245);
    let mut vacatures = vacatures::bulk(&mut random, &areas);
    vacatures.extend(vacatures::clusters());
    TestSet {
        werkzoekenden,
        vacatures,
    }
}

/// The PC4 areas the bulk may use: farther than [`RESERVED_RADIUS_KM`] from every cluster centre.
pub fn bulk_areas() -> Vec<u16> {
    let table = pc4_table();
    let centres: Vec<Centroid> = CLUSTERS
        .iter()
        .filter_map(|c| table.centroid(c.centre_pc4))
        .collect();
    table
        .areas()
        .iter()
        .filter(|a| {
            centres
                .iter()
                .all(|c| c.distance_km(a.centroid) > RESERVED_RADIUS_KM)
        })
        .map(|a| a.pc4)
        .collect()
}

/// A file of the published set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestDataFile {
    /// The file name inside `spec/testdata/<version>/`.
    pub file_name: &'static str,
    /// The exact text.
    pub text: String,
}

/// The published files of the newest `actief` version (see [`files_at`]).
pub fn files() -> Vec<TestDataFile> {
    files_at(NIEUWSTE_ACTIEVE)
}

/// The published files of a version of the registry (see [`files_at`]).
pub fn files_for(versie: &Versie) -> Vec<TestDataFile> {
    files_at(versie.nummer)
}

/// The published files of the version with this number: the two JSON arrays and the README that
/// documents them.
pub fn files_at(versie: Versienummer) -> Vec<TestDataFile> {
    let set = generate_at(versie);
    let werkzoekenden = to_json(&set.werkzoekenden);
    let vacatures = to_json(&set.vacatures);
    let readme = text::readme(
        &set,
        &werkzoekenden,
        &vacatures,
        versie,
        met_competenties(versie),
    );
    vec![
        TestDataFile {
            file_name: "README.md",
            text: readme,
        },
        TestDataFile {
            file_name: "vacatures.json",
            text: vacatures,
        },
        TestDataFile {
            file_name: "werkzoekenden.json",
            text: werkzoekenden,
        },
    ]
}

fn to_json<T: Serialize>(items: &[T]) -> String {
    canonical_json(&serde_json::to_value(items).unwrap_or_default())
}

/// The URI of occupation code `B1`…`B40` of the set (the README lists them), or of a URI given as is.
pub fn beroep_uri(code: &str) -> Option<String> {
    if code.starts_with("https://") {
        return Some(code.to_owned());
    }
    let k: usize = code.strip_prefix('B')?.parse().ok()?;
    (1..=text::BEROEPEN_COUNT)
        .contains(&k)
        .then(|| text::beroep(k - 1))
}

/// The URI of competence code `C1`…`C20` of the set (the README of a version with `competenties`
/// lists them), or of a URI given as is.
pub fn competentie_uri(code: &str) -> Option<String> {
    if code.starts_with("https://") {
        return Some(code.to_owned());
    }
    let k: usize = code.strip_prefix('C')?.parse().ok()?;
    (1..=text::COMPETENTIES.len())
        .contains(&k)
        .then(|| text::competentie(k - 1))
}

/// The committed job seekers of the set of the newest `actief` version (embedded at build time),
/// if committed.
pub fn committed_werkzoekenden() -> Option<&'static str> {
    committed_werkzoekenden_for_nummer(NIEUWSTE_ACTIEVE)
}

/// The committed vacancies of the set of the newest `actief` version (embedded at build time), if
/// committed.
pub fn committed_vacatures() -> Option<&'static str> {
    committed_vacatures_for_nummer(NIEUWSTE_ACTIEVE)
}

/// The committed files of the set of the newest `actief` version as published (embedded at build
/// time): (file name, text).
pub fn committed_files() -> &'static [(&'static str, &'static str)] {
    committed_files_at(NIEUWSTE_ACTIEVE)
}

/// The committed job seekers of a version's set, if committed.
pub fn committed_werkzoekenden_for(versie: &Versie) -> Option<&'static str> {
    committed_werkzoekenden_for_nummer(versie.nummer)
}

/// The committed vacancies of a version's set, if committed.
pub fn committed_vacatures_for(versie: &Versie) -> Option<&'static str> {
    committed_vacatures_for_nummer(versie.nummer)
}

/// The committed files of a version's set (`spec/testdata/<version>/`): (file name, text); empty
/// when none are committed.
pub fn committed_files_for(versie: &Versie) -> &'static [(&'static str, &'static str)] {
    committed_files_at(versie.nummer)
}

fn committed_werkzoekenden_for_nummer(versie: Versienummer) -> Option<&'static str> {
    committed(versie, "werkzoekenden.json")
}

fn committed_vacatures_for_nummer(versie: Versienummer) -> Option<&'static str> {
    committed(versie, "vacatures.json")
}

fn committed_files_at(versie: Versienummer) -> &'static [(&'static str, &'static str)] {
    crate::committed::of_version(crate::committed::TESTDATA, versie).unwrap_or(&[])
}

fn committed(versie: Versienummer, file_name: &str) -> Option<&'static str> {
    committed_files_at(versie)
        .iter()
        .find(|(name, _)| *name == file_name)
        .map(|(_, text)| *text)
}
