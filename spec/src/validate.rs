//! Validation against the committed JSON Schemas of a version (embedded at build time), with every
//! violation reported by instance path and schema path. Validators are compiled once per version
//! and message.
//!
//! Each version validates by its own schemas: a criterion a later version introduced is, in an
//! earlier version, an unknown criterion of an open question, so it validates whatever its shape
//! (and a node of that version ignores it); in its own version its shape is checked.

use std::sync::OnceLock;

use serde_json::Value;

use crate::artifacts::committed_file_at;
use crate::message::Message;
use crate::versie::{NIEUWSTE_ACTIEVE, Versie, Versienummer};

/// One way in which a document breaks its schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// JSON pointer to the offending value in the document (`""` = the document itself).
    pub instance_path: String,
    /// JSON pointer to the schema keyword that failed.
    pub schema_path: String,
    /// What is wrong, quoting the offending value.
    pub message: String,
    /// What is wrong, without quoting any value from the document (safe to return to a caller
    /// or to log, since it cannot echo personal data).
    pub masked_message: String,
}

/// A committed schema that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// The file is not in `spec/schema/<version>/`.
    #[error(
        "schema spec/schema/{versie}/{file} is not committed; run `cargo run -p vum-spec -- generate`"
    )]
    NotCommitted {
        /// The version.
        versie: String,
        /// The file name.
        file: String,
    },
    /// The file is not JSON or not a schema.
    #[error("committed schema {file} cannot be compiled: {reason}")]
    Invalid {
        /// The version.
        versie: String,
        /// The file name.
        file: String,
        /// Why.
        reason: String,
    },
}

const MESSAGE_COUNT: usize = Message::ALL.len();
type Slot = OnceLock<Result<jsonschema::Validator, SchemaError>>;

/// One slot per message for every version with committed files (built once).
fn slots() -> &'static [(&'static str, [Slot; MESSAGE_COUNT])] {
    static SLOTS: OnceLock<Vec<(&'static str, [Slot; MESSAGE_COUNT])>> = OnceLock::new();
    SLOTS.get_or_init(|| {
        crate::committed::SCHEMAS
            .iter()
            .map(|(versie, _)| (*versie, [const { OnceLock::new() }; MESSAGE_COUNT]))
            .collect()
    })
}

/// The compiled validator of a message's committed schema in the newest `actief` version
/// (formats such as `date` are checked).
pub fn validator(message: Message) -> Result<&'static jsonschema::Validator, SchemaError> {
    validator_at(NIEUWSTE_ACTIEVE, message)
}

/// The compiled validator of a message's committed schema in a version of the registry.
pub fn validator_for(
    versie: &Versie,
    message: Message,
) -> Result<&'static jsonschema::Validator, SchemaError> {
    validator_at(versie.nummer, message)
}

/// The compiled validator of a message's committed schema in the version with this number.
pub fn validator_at(
    versie: Versienummer,
    message: Message,
) -> Result<&'static jsonschema::Validator, SchemaError> {
    let name = versie.to_string();
    let not_committed = || SchemaError::NotCommitted {
        versie: name.clone(),
        file: message.file_name(),
    };
    let (_, slots) = slots()
        .iter()
        .find(|(v, _)| *v == name)
        .ok_or_else(not_committed)?;
    let index = Message::ALL
        .iter()
        .position(|m| *m == message)
        .ok_or_else(not_committed)?;
    slots[index]
        .get_or_init(|| compile(versie, message))
        .as_ref()
        .map_err(Clone::clone)
}

fn compile(versie: Versienummer, message: Message) -> Result<jsonschema::Validator, SchemaError> {
    let file = message.file_name();
    let text = committed_file_at(versie, &file).ok_or_else(|| SchemaError::NotCommitted {
        versie: versie.to_string(),
        file: file.clone(),
    })?;
    let invalid = |reason: String| SchemaError::Invalid {
        versie: versie.to_string(),
        file: format!("spec/schema/{versie}/{file}"),
        reason,
    };
    let schema: Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    compile_schema(&schema).map_err(invalid)
}

/// Compiles a draft 2020-12 schema with format checking on and without any network access.
pub fn compile_schema(schema: &Value) -> Result<jsonschema::Validator, String> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| e.to_string())
}

/// Every violation of `document` against the committed schema of `message` in the newest
/// `actief` version; empty when valid.
pub fn violations(message: Message, document: &Value) -> Result<Vec<Violation>, SchemaError> {
    Ok(violations_of(validator(message)?, document))
}

/// Every violation of `document` against the committed schema of `message` in a version of the
/// registry; empty when valid.
pub fn violations_for(
    versie: &Versie,
    message: Message,
    document: &Value,
) -> Result<Vec<Violation>, SchemaError> {
    Ok(violations_of(validator_for(versie, message)?, document))
}

/// Every violation of `document` against a compiled validator.
pub fn violations_of(validator: &jsonschema::Validator, document: &Value) -> Vec<Violation> {
    validator
        .iter_errors(document)
        .map(|error| Violation {
            instance_path: error.instance_path().as_str().to_owned(),
            schema_path: error.schema_path().as_str().to_owned(),
            message: error.to_string(),
            masked_message: error.masked().to_string(),
        })
        .collect()
}

/// A text that is not a JSON document, a JSON array of documents or NDJSON.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {reason}")]
pub struct DocumentsError {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column of the problem.
    pub column: usize,
    /// What is wrong.
    pub reason: String,
}

/// The documents in a text: a single JSON value, a JSON array of values (each one document), or
/// newline-delimited JSON (one value per line, blank lines ignored).
pub fn documents(text: &str) -> Result<Vec<Value>, DocumentsError> {
    let mut values = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        match stream.next() {
            None => break,
            Some(Ok(value)) => values.push(value),
            Some(Err(e)) => {
                return Err(DocumentsError {
                    line: e.line(),
                    column: e.column(),
                    reason: e.to_string(),
                });
            }
        }
    }
    if values.is_empty() {
        return Err(DocumentsError {
            line: 1,
            column: 1,
            reason: "no JSON document".to_owned(),
        });
    }
    if values.len() == 1
        && let Some(Value::Array(items)) = values.first()
    {
        return Ok(items.clone());
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn documents_reads_one_value_an_array_or_ndjson() {
        assert_eq!(documents(r#"{"a": 1}"#).unwrap(), vec![json!({"a": 1})]);
        assert_eq!(documents(r#"[{"a": 1}, {"a": 2}]"#).unwrap().len(), 2);
        assert_eq!(documents("{\"a\": 1}\n\n{\"a\": 2}\n").unwrap().len(), 2);
        let err = documents("{\"a\": 1}\n{\"a\": }\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(documents("  \n").is_err());
    }
}
