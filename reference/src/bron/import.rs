//! Preparing an import: every record validated against the spec schema first; one invalid record
//! rejects the whole file, naming its index, id and every error.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;
use vum_spec::vacature::{BronVacatureMatch, Vacature};
use vum_spec::validate::{DocumentsError, SchemaError, Violation, documents, violations_of};
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

use vum_spec::Kind;

use super::store::Record;

/// A parsed profile, for the index.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    /// A job seeker.
    Werkzoekende(Box<Werkzoekende>),
    /// A vacancy.
    Vacature(Box<Vacature>),
}

/// A record ready to store, with its parsed form.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// What the store keeps.
    pub record: Record,
    /// What the index needs.
    pub parsed: Parsed,
}

/// One record that cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Its position in the input (0-based).
    pub index: usize,
    /// Its id, if it has one.
    pub id: Option<String>,
    /// Every schema violation, or what else is wrong.
    pub problems: Vec<Violation>,
}

/// Why an import was refused; nothing is stored.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not JSON, a JSON array or NDJSON.
    #[error("the input is not JSON, a JSON array or NDJSON: {0}")]
    NotJson(#[from] DocumentsError),
    /// The spec schema cannot be used.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// Records break the schema or lack an id.
    #[error("{} of {total} records are invalid; nothing was imported\n{}", .rejected.len(), Listing(.rejected))]
    Invalid {
        /// The input's record count.
        total: usize,
        /// The invalid records.
        rejected: Vec<Rejected>,
    },
}

struct Listing<'a>(&'a [Rejected]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in self.0 {
            let id =
                r.id.as_deref()
                    .map(|id| format!(" ({id})"))
                    .unwrap_or_default();
            writeln!(f, "record {}{id}:", r.index)?;
            for p in &r.problems {
                let at = if p.instance_path.is_empty() {
                    "(record)"
                } else {
                    &p.instance_path
                };
                writeln!(f, "  at {at}: {}  [schema {}]", p.message, p.schema_path)?;
            }
        }
        Ok(())
    }
}

fn problem(message: &str) -> Violation {
    Violation {
        instance_path: String::new(),
        schema_path: String::new(),
        message: message.to_owned(),
        masked_message: message.to_owned(),
    }
}

/// Validates and prepares every record of `text` (a JSON document, array or NDJSON).
pub fn prepare(kind: Kind, text: &str) -> Result<Vec<Prepared>, ImportError> {
    let docs = documents(text)?;
    let validator = vum_spec::validate::validator(kind.detail_message())?;
    let mut rejected = Vec::new();
    let mut prepared = Vec::with_capacity(docs.len());
    let mut first_index: BTreeMap<String, usize> = BTreeMap::new();
    for (index, doc) in docs.iter().enumerate() {
        let id_key = kind.id_field();
        let id = doc.get(id_key).and_then(Value::as_str).map(str::to_owned);
        let mut problems = violations_of(validator, doc);
        match &id {
            None if problems.is_empty() => problems.push(problem(&format!(
                "{id_key} ontbreekt; een bron kan geen profiel zonder id publiceren"
            ))),
            Some(id) if id.is_empty() => problems.push(problem(&format!("{id_key} is leeg"))),
            Some(id) => {
                if let Some(first) = first_index.insert(id.clone(), index) {
                    problems.push(problem(&format!(
                        "{id_key} {id} staat ook in record {first}"
                    )));
                }
            }
            None => {}
        }
        if problems.is_empty() {
            match prepare_one(kind, doc) {
                Ok(p) => prepared.push(p),
                Err(reason) => problems.push(problem(&reason)),
            }
        }
        if !problems.is_empty() {
            rejected.push(Rejected {
                index,
                id,
                problems,
            });
        }
    }
    if rejected.is_empty() {
        Ok(prepared)
    } else {
        Err(ImportError::Invalid {
            total: docs.len(),
            rejected,
        })
    }
}

fn prepare_one(kind: Kind, doc: &Value) -> Result<Prepared, String> {
    let document = serde_json::to_string(doc).map_err(|e| e.to_string())?;
    match kind {
        Kind::Werkzoekende => {
            let w: Werkzoekende = serde_json::from_value(doc.clone()).map_err(|e| e.to_string())?;
            let id = w
                .id_werkzoekende
                .clone()
                .ok_or("idWerkzoekende ontbreekt")?;
            let matching = BronWerkzoekendeMatch::from_detail(&w, id.clone())
                .map(|m| serde_json::to_string(&m))
                .transpose()
                .map_err(|e| e.to_string())?;
            Ok(Prepared {
                record: Record {
                    id: id.into_string(),
                    document,
                    matchingprofiel: matching,
                },
                parsed: Parsed::Werkzoekende(Box::new(w)),
            })
        }
        Kind::Vacature => {
            let v: Vacature = serde_json::from_value(doc.clone()).map_err(|e| e.to_string())?;
            let matching = BronVacatureMatch::from_detail(&v, v.id_vacature.clone())
                .map(|m| serde_json::to_string(&m))
                .transpose()
                .map_err(|e| e.to_string())?;
            Ok(Prepared {
                record: Record {
                    id: v.id_vacature.to_string(),
                    document,
                    matchingprofiel: matching,
                },
                parsed: Parsed::Vacature(Box::new(v)),
            })
        }
    }
}
