//! The set of generated, committed files under `spec/schema/3.0.0/`.

use crate::message::{Contract, Message};
use crate::openapi;
use crate::schema::canonical_json;

/// One generated file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// The file name inside the version directory.
    pub file_name: String,
    /// The exact text.
    pub text: String,
}

/// Every generated file, in file-name order: a schema per message, an OpenAPI document per
/// contract, and the two source contracts in one document (what a source serves).
pub fn generate() -> Vec<Artifact> {
    let mut files: Vec<Artifact> = Message::ALL
        .iter()
        .map(|m| Artifact {
            file_name: m.file_name(),
            text: canonical_json(&m.schema().to_value()),
        })
        .chain(Contract::ALL.iter().map(|c| Artifact {
            file_name: contract_file_name(*c),
            text: canonical_json(&openapi::document(*c)),
        }))
        .chain([
            Artifact {
                file_name: format!("{}.openapi.json", openapi::BRON_DOCUMENT),
                text: canonical_json(&openapi::bron_document()),
            },
            Artifact {
                file_name: format!("{}.openapi.json", openapi::BEMIDDELAAR_DOCUMENT),
                text: canonical_json(&openapi::bemiddelaar_document()),
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

/// The committed files as embedded at build time: (file name, text).
pub fn committed() -> &'static [(&'static str, &'static str)] {
    crate::committed::FILES
}

/// The committed text of one file, if it is committed.
pub fn committed_file(file_name: &str) -> Option<&'static str> {
    committed()
        .iter()
        .find(|(name, _)| *name == file_name)
        .map(|(_, text)| *text)
}
