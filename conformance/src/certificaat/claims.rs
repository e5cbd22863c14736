//! The claims of a certificate, as they are signed. Field order is fixed, so the same run gives
//! the same payload apart from time and id.

use serde::{Deserialize, Serialize};
use vum_spec::certificaat::Certificaatgegevens;

use crate::verklaringen::Uitspraak;

/// The payload of the JWS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// Who issued it.
    pub iss: String,
    /// The id of the signing key (also in the header).
    pub kid: String,
    /// The node's OIN, from its server certificate.
    pub sub: String,
    /// This certificate's id.
    pub jti: String,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Not valid before (Unix seconds).
    pub nbf: i64,
    /// Not valid after (Unix seconds).
    pub exp: i64,
    /// What was certified.
    pub vum: Certificering,
}

/// What was certified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certificering {
    /// A test certificate (the embedded demo, a fresh key): not for the exchange.
    pub test: bool,
    /// The organisation that signed the declarations.
    pub organisatie: String,
    /// The node.
    pub knooppunt: Knooppunt,
    /// The profile (`bron`, `bron-vacatures`, …).
    pub profiel: String,
    /// Its title.
    pub profiel_titel: String,
    /// The interface version.
    pub spec_versie: String,
    /// The harness version.
    pub harnas_versie: String,
    /// What the verdict was reached against.
    pub hashes: Hashes,
    /// Every requirement of the profile verified by scenario, with its verdict.
    pub eisen: Vec<Eisuitslag>,
    /// Every requirement of the profile verified by declaration, with the declaration.
    pub verklaringen: Vec<VerklaardeEis>,
    /// SHA-256 of the files of the evidence package.
    pub bewijs: Bewijshashes,
}

/// The node that was certified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knooppunt {
    /// Its base URL.
    pub url: String,
    /// Its OIN.
    pub oin: String,
    /// Its TLS server certificate.
    pub servercertificaat: Certificaatgegevens,
}

/// SHA-256 of what the verdict was reached against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hashes {
    /// The feature files.
    pub features: String,
    /// The requirement catalogue.
    pub catalogus: String,
    /// The certification test set.
    pub testset: String,
    /// The certification profiles.
    pub profielen: String,
}

/// SHA-256 of the files of the evidence package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bewijshashes {
    /// `report.json`.
    pub rapport: String,
    /// `transcripts.jsonl`.
    pub transcripten: String,
}

/// One requirement's verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eisuitslag {
    /// The requirement.
    pub id: String,
    /// MUST or SHOULD.
    pub niveau: String,
    /// `voldaan`, `niet voldaan`, `onbeslist`, `niet uitgevoerd`, ….
    pub uitslag: String,
}

/// A requirement covered by a declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerklaardeEis {
    /// The requirement.
    pub eis: String,
    /// What was declared.
    pub uitspraak: Uitspraak,
    /// The statement.
    pub verklaring: String,
    /// Who signed for the organisation.
    pub ondertekend_door: String,
    /// When.
    pub datum: String,
    /// The last day it counts.
    pub geldig_tot: String,
}
