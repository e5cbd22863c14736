//! Validation against the committed JSON Schemas (embedded at build time), with every violation
//! reported by instance path and schema path. Validators are compiled once per message.

use std::sync::OnceLock;

use serde_json::Value;

use crate::artifacts::committed_file;
use crate::message::Message;

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
    /// The file is not in `spec/schema/3.0.0/`.
    #[error("schema {0} is not committed; run `cargo run -p vum-spec -- generate`")]
    NotCommitted(String),
    /// The file is not JSON or not a schema.
    #[error("committed schema {file} cannot be compiled: {reason}")]
    Invalid {
        /// The file name.
        file: String,
        /// Why.
        reason: String,
    },
}

const MESSAGE_COUNT: usize = Message::ALL.len();
static VALIDATORS: [OnceLock<Result<jsonschema::Validator, SchemaError>>; MESSAGE_COUNT] =
    [const { OnceLock::new() }; MESSAGE_COUNT];

/// The compiled validator of a message's committed schema (formats such as `date` are checked).
pub fn validator(message: Message) -> Result<&'static jsonschema::Validator, SchemaError> {
    let index = Message::ALL.iter().position(|m| *m == message).unwrap_or(0);
    VALIDATORS[index]
        .get_or_init(|| compile(message))
        .as_ref()
        .map_err(Clone::clone)
}

fn compile(message: Message) -> Result<jsonschema::Validator, SchemaError> {
    let file = message.file_name();
    let text = committed_file(&file).ok_or_else(|| SchemaError::NotCommitted(file.clone()))?;
    let schema: Value = serde_json::from_str(text).map_err(|e| SchemaError::Invalid {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    compile_schema(&schema).map_err(|reason| SchemaError::Invalid { file, reason })
}

/// Compiles a draft 2020-12 schema with format checking on and without any network access.
pub fn compile_schema(schema: &Value) -> Result<jsonschema::Validator, String> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| e.to_string())
}

/// Every violation of `document` against the committed schema of `message`; empty when valid.
pub fn violations(message: Message, document: &Value) -> Result<Vec<Violation>, SchemaError> {
    Ok(violations_of(validator(message)?, document))
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
