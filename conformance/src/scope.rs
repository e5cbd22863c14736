//! What a run covers, recorded in every report next to the verdict: the harness and the
//! standard, the features, test set and catalogue it judged with (by hash), the node and how it
//! was reached, the parties, the tag filter, and which security scenarios ran.

use serde::Serialize;
use sha2::{Digest, Sha256};
use vum_spec::versie::Versie;

use crate::features::hex;
use crate::target::{Parties, Transport};

/// The scope of one run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// Version of the harness.
    pub harness_version: String,
    /// The interface version judged against.
    pub spec_version: String,
    /// The certification profile (`bron`, `bron-vacatures`, …).
    pub profile: String,
    /// Its title, in Dutch.
    pub profile_title: String,
    /// Whether the profile was chosen by default (no `--profiel`).
    pub profile_by_default: bool,
    /// The base URL of the node.
    pub target: String,
    /// How the harness reached the node.
    pub transport: Transport,
    /// The OIN of the harness's client certificate, if it presented one.
    pub client_certificate_oin: Option<String>,
    /// The parties of the requests.
    pub parties: Parties,
    /// Where the features came from.
    pub features: String,
    /// SHA-256 of the feature files.
    pub features_sha256: String,
    /// SHA-256 of the certification test set (job seekers, then vacancies).
    pub testset_sha256: String,
    /// SHA-256 of the requirement catalogue.
    pub catalogue_sha256: String,
    /// SHA-256 of the certification profiles.
    pub profiles_sha256: String,
    /// Whether the features are the published ones built into the harness (byte for byte): only
    /// those can certify.
    pub features_published: bool,
    /// The tag filter, if the run was limited to part of the scenarios.
    pub tags: Option<String>,
    /// Which security scenarios ran.
    pub security: SecurityScope,
}

/// Whether every security scenario ran, and what was left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SecurityScope {
    /// Security scenarios that ran.
    pub ran: usize,
    /// What was left out and what would complete it, in words.
    pub left_out: Vec<String>,
}

impl SecurityScope {
    /// Whether every security scenario ran.
    pub fn complete(&self) -> bool {
        self.left_out.is_empty()
    }
}

/// SHA-256 of texts, in order, each followed by a zero byte.
pub fn sha256(texts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for text in texts {
        hasher.update(text.as_bytes());
        hasher.update([0]);
    }
    hex(&hasher.finalize())
}

/// SHA-256 of the committed certification test set of `versie`.
pub fn testset_sha256(versie: &Versie) -> String {
    sha256(&[
        vum_spec::testdata::committed_werkzoekenden_for(versie).unwrap_or_default(),
        vum_spec::testdata::committed_vacatures_for(versie).unwrap_or_default(),
    ])
}

/// SHA-256 of the committed requirement catalogue of `versie`.
pub fn catalogue_sha256(versie: &Versie) -> String {
    sha256(&[vum_spec::requirements::text_for(versie).unwrap_or_default()])
}

/// SHA-256 of the committed certification profiles of `versie`.
pub fn profiles_sha256(versie: &Versie) -> String {
    sha256(&[vum_spec::profielen::text_for(versie).unwrap_or_default()])
}
