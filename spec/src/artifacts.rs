//! The set of generated, committed files of a version, under `spec/schema/<version>/`.

use crate::message::{Contract, Message};
use crate::openapi;
use crate::schema::canonical_json;
use crate::versie::{NIEUWSTE_ACTIEVE, Versie, Versienummer};

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// The file name inside the version directory.
    pub file_name: String,
    /// The exact text.
    pub text: String,
}

/// Every generated file of the newest `actief` version (see [`generate_at`]).
pub fn generate() -> Vec<Artifact> {
    generate_at(NIEUWSTE_ACTIEVE)
}

/// Every generated file of a version of the registry (see [`generate_at`]).
pub fn generate_for(versie: &Versie) -> Vec<Artifact> {
    generate_at(versie.nummer)
}

/// Every generated file of the version with this number, in file-name order: a schema per
/// message, an OpenAPI document per contract, and the two source contracts in one document (what
/// a source serves), likewise the two mediator contracts.
pub fn generate_at(versie: Versienummer) -> Vec<Artifact> {
    let mut files: Vec<Artifact> = Message::ALL
        .iter()
        .map(|m| Artifact {
            file_name: m.file_name(),
            text: canonical_json(&m.schema_at(versie).to_value()),
        })
        .chain(Contract::ALL.iter().map(|c| Artifact {
            file_name: contract_file_name(*c),
            text: canonical_json(&openapi::document_at(*c, versie)),
        }))
        .chain([
            Artifact {
                file_name: format!("{}.openapi.json", openapi::BRON_DOCUMENT),
                text: canonical_json(&openapi::bron_document_at(versie)),
            },
            Artifact {
                file_name: format!("{}.openapi.json", openapi::BEMIDDELAAR_DOCUMENT),
                text: canonical_json(&openapi::bemiddelaar_document_at(versie)),
            },
        ])
        .collect();
    files.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    files
}

/// The file name of a contract's OpenAPI document.
pub fn contract_file_name(contract: Contract) -> String {
    format!("{}.openapi.json", contract.name())
}

/// Whether a file name belongs to the generated set's naming scheme (used to find files to remove).
pub fn is_generated_name(file_name: &str) -> bool {
    file_name.ends_with(".schema.json") || file_name.ends_with(".openapi.json")
}

/// The committed files of the newest `actief` version as embedded at build time: (file name,
/// text).
pub fn committed() -> &'static [(&'static str, &'static str)] {
    committed_at(NIEUWSTE_ACTIEVE)
}

/// The committed files of a version of the registry (empty when none are committed).
pub fn committed_for(versie: &Versie) -> &'static [(&'static str, &'static str)] {
    committed_at(versie.nummer)
}

/// The committed files of the version with this number (empty when none are committed).
pub fn committed_at(versie: Versienummer) -> &'static [(&'static str, &'static str)] {
    crate::committed::of_version(crate::committed::SCHEMAS, versie).unwrap_or(&[])
}

/// The committed text of one file of the newest `actief` version, if it is committed.
pub fn committed_file(file_name: &str) -> Option<&'static str> {
    committed_file_at(NIEUWSTE_ACTIEVE, file_name)
}

/// The committed text of one file of a version of the registry, if it is committed.
pub fn committed_file_for(versie: &Versie, file_name: &str) -> Option<&'static str> {
    committed_file_at(versie.nummer, file_name)
}

/// The committed text of one file of the version with this number, if it is committed.
pub fn committed_file_at(versie: Versienummer, file_name: &str) -> Option<&'static str> {
    committed_at(versie)
        .iter()
        .find(|(name, _)| *name == file_name)
        .map(|(_, text)| *text)
}
