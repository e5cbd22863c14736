//! The evidence package `bewijs.zip`: the certificate with what it rests on.
//!
//! | file | what |
//! |---|---|
//! | `certificaat.jws` | the certificate |
//! | `report.json` | the run's JSON report |
//! | `transcripts.jsonl` | every request and response of the run, one JSON object per line |
//! | `hashes.json` | SHA-256 of features, catalogue, test set and profiles, and of the two files above |
//!
//! Personal data: the node answered from the certification test set, and only profiles of the
//! test set stay in the package. Any profile object whose id is not one of the test set's is
//! replaced by a marker before anything is written, in the report and in the transcripts alike.
//!
//! The zip is written deterministically (fixed order, time, permissions and compression), so the
//! verifier rebuilds it from its entries ([`exact`]) and compares byte for byte: one flipped byte anywhere,
//! in a file or in the zip's own structure, is found.

use std::collections::BTreeSet;
use std::io::{Cursor, Read as _, Write as _};

use serde_json::Value;
use sha2::{Digest as _, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::claims::Bewijshashes;
use crate::result::RunResult;
use crate::run::transcript::Transcript;

/// The names of the files in the package, in the order they are written.
pub const FILES: [&str; 4] = [
    "certificaat.jws",
    "report.json",
    "transcripts.jsonl",
    "hashes.json",
];

/// What a profile object outside the test set is replaced by.
pub const REMOVED: &str = "verwijderd: geen profiel uit de certificeringstestset";

/// Why an evidence package cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BewijsError {
    /// Not a zip.
    #[error("geen leesbaar zip-bestand: {0}")]
    Zip(String),
    /// A file of the package is missing or unreadable.
    #[error("{name} ontbreekt of is onleesbaar in het bewijspakket")]
    Missing {
        /// Which.
        name: &'static str,
    },
    /// A file the package does not hold.
    #[error("het bewijspakket bevat een onbekend bestand {0}")]
    Unknown(String),
    /// The zip differs from the one its entries make: changed after it was written.
    #[error(
        "het bewijspakket is na het schrijven gewijzigd (het zip-bestand zelf klopt niet met zijn inhoud)"
    )]
    Altered,
}

/// The files of the package besides the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inhoud {
    /// `report.json`.
    pub report: String,
    /// `transcripts.jsonl`.
    pub transcripts: String,
    /// `hashes.json`.
    pub hashes: String,
}

fn sha256(text: &str) -> String {
    crate::features::hex(&Sha256::digest(text.as_bytes()))
}

impl Inhoud {
    /// The package contents of a run, with profiles outside the test set removed.
    pub fn of(result: &RunResult) -> Self {
        let ids = testset_ids();
        let mut scrubbed = result.clone();
        for scenario in &mut scrubbed.scenarios {
            for transcript in &mut scenario.evidence {
                scrub(transcript, &ids);
            }
        }
        let report = crate::report::json(&scrubbed);
        let mut transcripts = String::new();
        for transcript in &result.transcripts {
            let mut transcript = transcript.clone();
            scrub(&mut transcript, &ids);
            if let Ok(line) = serde_json::to_string(&transcript) {
                transcripts.push_str(&line);
                transcripts.push('\n');
            }
        }
        let scope = &result.scope;
        let hashes = serde_json::json!({
            "features": scope.features_sha256,
            "catalogus": scope.catalogue_sha256,
            "testset": scope.testset_sha256,
            "profielen": scope.profiles_sha256,
            "report.json": sha256(&report),
            "transcripts.jsonl": sha256(&transcripts),
        });
        let hashes = serde_json::to_string_pretty(&hashes).unwrap_or_default();
        Self {
            report,
            transcripts,
            hashes,
        }
    }

    /// The hashes the certificate binds.
    pub fn hashes(&self) -> Bewijshashes {
        Bewijshashes {
            rapport: sha256(&self.report),
            transcripten: sha256(&self.transcripts),
        }
    }

    /// The zip with the certificate.
    pub fn zip(&self, jws: &str) -> Result<Vec<u8>, BewijsError> {
        write(&[
            (FILES[0], jws),
            (FILES[1], &self.report),
            (FILES[2], &self.transcripts),
            (FILES[3], &self.hashes),
        ])
    }
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

fn write(files: &[(&str, &str)]) -> Result<Vec<u8>, BewijsError> {
    let zip_error = |e: zip::result::ZipError| BewijsError::Zip(e.to_string());
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in files {
        writer.start_file(*name, options()).map_err(zip_error)?;
        writer
            .write_all(text.as_bytes())
            .map_err(|e| BewijsError::Zip(e.to_string()))?;
    }
    Ok(writer.finish().map_err(zip_error)?.into_inner())
}

/// A package read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pakket {
    /// `certificaat.jws`.
    pub jws: String,
    /// The other files.
    pub inhoud: Inhoud,
}

/// Reads a package (each entry checked against its CRC by the zip reader; see [`exact`] for the
/// rest of the zip).
pub fn read(bytes: &[u8]) -> Result<Pakket, BewijsError> {
    let mut archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| BewijsError::Zip(e.to_string()))?;
    for name in archive.file_names() {
        let name = name.map_err(|e| BewijsError::Zip(e.to_string()))?;
        if !FILES.contains(&name.as_ref()) {
            return Err(BewijsError::Unknown(name.into_owned()));
        }
    }
    let mut texts = Vec::new();
    for name in FILES {
        let mut text = String::new();
        archive
            .by_name(name)
            .map_err(|_| BewijsError::Missing { name })?
            .read_to_string(&mut text)
            .map_err(|_| BewijsError::Missing { name })?;
        texts.push(text);
    }
    let mut texts = texts.into_iter();
    let mut next = || texts.next().unwrap_or_default();
    Ok(Pakket {
        jws: next(),
        inhoud: Inhoud {
            report: next(),
            transcripts: next(),
            hashes: next(),
        },
    })
}

/// Checks that the zip is exactly the one its entries make: nothing in its structure was
/// changed either. (The slow check: the verifier makes it last.)
pub fn exact(bytes: &[u8], pakket: &Pakket) -> Result<(), BewijsError> {
    let inhoud = &pakket.inhoud;
    if inhoud.zip(&pakket.jws)? == bytes {
        Ok(())
    } else {
        Err(BewijsError::Altered)
    }
}

/// The ids of every profile of the certification test set.
fn testset_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (kind, text) in [
        (
            vum_spec::Kind::Werkzoekende,
            vum_spec::testdata::committed_werkzoekenden(),
        ),
        (
            vum_spec::Kind::Vacature,
            vum_spec::testdata::committed_vacatures(),
        ),
    ] {
        let Some(Ok(Value::Array(items))) = text.map(serde_json::from_str::<Value>) else {
            continue;
        };
        for item in items {
            if let Some(id) = item.get(kind.id_field()).and_then(Value::as_str) {
                ids.insert(id.to_owned());
            }
        }
    }
    ids
}

/// Removes profile objects outside the test set from a transcript's bodies.
fn scrub(transcript: &mut Transcript, ids: &BTreeSet<String>) {
    for body in [Some(&mut transcript.body), transcript.request_body.as_mut()]
        .into_iter()
        .flatten()
    {
        if let Ok(mut value) = serde_json::from_str::<Value>(body)
            && scrub_value(&mut value, ids)
        {
            *body = value.to_string();
        }
    }
}

/// Replaces, anywhere in `value`, an object carrying a profile id not in `ids`; whether it did.
fn scrub_value(value: &mut Value, ids: &BTreeSet<String>) -> bool {
    match value {
        Value::Object(map) => {
            let foreign = [vum_spec::Kind::Werkzoekende, vum_spec::Kind::Vacature]
                .iter()
                .filter_map(|kind| map.get(kind.id_field()))
                .any(|id| id.as_str().is_none_or(|id| !ids.contains(id)));
            if foreign {
                *value = Value::String(REMOVED.to_owned());
                return true;
            }
            let mut changed = false;
            for child in map.values_mut() {
                changed |= scrub_value(child, ids);
            }
            changed
        }
        Value::Array(items) => {
            let mut changed = false;
            for item in items {
                changed |= scrub_value(item, ids);
            }
            changed
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_profiles_of_the_test_set_stay() {
        let ids = testset_ids();
        assert!(ids.len() > 1000, "{}", ids.len());
        let known = ids.iter().next().unwrap().clone();
        let mut value = serde_json::json!({"matches": [
            {"idWerkzoekende": known, "postcode": "1791"},
            {"idWerkzoekende": "echte-persoon-17", "postcode": "1011"}
        ]});
        assert!(scrub_value(&mut value, &ids));
        assert_eq!(value["matches"][0]["idWerkzoekende"], known.as_str());
        assert_eq!(value["matches"][1], REMOVED);
    }

    #[test]
    fn a_package_reads_back_and_a_flipped_byte_anywhere_is_found() {
        let inhoud = Inhoud {
            report: "{\"a\": 1}".to_owned(),
            transcripts: "{}\n".to_owned(),
            hashes: "{}".to_owned(),
        };
        let bytes = inhoud.zip("h.p.s").unwrap();
        let back = read(&bytes).unwrap();
        assert_eq!(back.inhoud, inhoud);
        assert_eq!(back.jws, "h.p.s");
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0x01;
            let checked = read(&flipped).and_then(|p| exact(&flipped, &p));
            assert!(checked.is_err(), "byte {i} of {}", bytes.len());
        }
    }
}
