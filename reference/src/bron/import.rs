//! Importing profiles: every record validated against the spec schema; one invalid record rejects
//! the whole input, naming its position, its id (when it is a well-formed id) and every error,
//! with the offending values masked as the API masks them.
//!
//! [`prepare`] reads a text in memory (the demo's test set, tests); [`bulk::import`] streams a file
//! of any size into a store in one transaction, in constant memory.

pub mod bulk;
pub mod records;

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde_json::Value;
use vum_spec::vacature::{BronVacatureMatch, Vacature};
use vum_spec::validate::{DocumentsError, SchemaError, Violation, documents, violations_of};
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

use vum_spec::Kind;

use super::store::Record;
use crate::server::body::{integers, valid_id};
use crate::server::database::DatabaseError;

/// How many rejected records an error lists; the count is always exact.
pub const LISTED: usize = 100;

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
    /// The input is not JSON, a JSON array or NDJSON (or could not be read).
    #[error("the input is not JSON, a JSON array or NDJSON: {0}")]
    NotJson(#[from] DocumentsError),
    /// The spec schema cannot be used.
    #[error(transparent)]
    Schema(#[from] SchemaError),
    /// Storing failed; nothing was stored.
    #[error(transparent)]
    Database(#[from] DatabaseError),
    /// Records break the schema or lack an id.
    #[error("{invalid} of {total} records are invalid; nothing was imported\n{}{}", Listing(.rejected), Omitted(*.invalid - .rejected.len()))]
    Invalid {
        /// The input's record count.
        total: usize,
        /// How many records are invalid.
        invalid: usize,
        /// The first [`LISTED`] invalid records.
        rejected: Vec<Rejected>,
    },
}

struct Listing<'a>(&'a [Rejected]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in self.0 {
            // An id is the source's key and goes into the processing log as well; anything else
            // in that field may be a value, so it is not shown.
            let id = match r.id.as_deref() {
                Some(id) if valid_id(id, 200) => format!(" ({id})"),
                Some(_) => " (ongeldig id)".to_owned(),
                None => String::new(),
            };
            writeln!(f, "record {}{id}:", r.index)?;
            for p in &r.problems {
                let at = if p.instance_path.is_empty() {
                    "(record)"
                } else {
                    &p.instance_path
                };
                writeln!(
                    f,
                    "  at {at}: {}  [schema {}]",
                    p.masked_message, p.schema_path
                )?;
            }
        }
        Ok(())
    }
}

struct Omitted(usize);

impl fmt::Display for Omitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 0 {
            writeln!(f, "(and {} more invalid records, not listed)", self.0)?;
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

/// The problem of an id that an earlier record has too.
fn duplicate(kind: Kind, id: &str, first: usize) -> Violation {
    let shown = if valid_id(id, 200) { id } else { "dit id" };
    problem(&format!(
        "{} {shown} staat ook in record {first}",
        kind.id_field()
    ))
}

/// The checks of one kind of record.
#[derive(Clone, Copy, Debug)]
pub struct Checker {
    kind: Kind,
}

impl Checker {
    /// The checks of `kind` (its schema compiled now, so that checking cannot fail later).
    pub fn new(kind: Kind) -> Result<Self, SchemaError> {
        vum_spec::validate::validator(kind.detail_message())?;
        Ok(Self { kind })
    }

    /// A record's id (if it has a string one) and what is wrong with it apart from duplicates:
    /// schema violations, a missing or empty id.
    pub fn check(&self, doc: &Value) -> (Option<String>, Vec<Violation>) {
        let id_key = self.kind.id_field();
        let id = doc.get(id_key).and_then(Value::as_str).map(str::to_owned);
        // Compiled in `new`; were it to fail now, the record is refused, never let through.
        let mut problems = vum_spec::validate::validator(self.kind.detail_message())
            .map(|validator| violations_of(validator, doc))
            .unwrap_or_else(|error| vec![problem(&error.to_string())]);
        match &id {
            None if problems.is_empty() => problems.push(problem(&format!(
                "{id_key} ontbreekt; een bron kan geen profiel zonder id publiceren"
            ))),
            Some(id) if id.is_empty() => problems.push(problem(&format!("{id_key} is leeg"))),
            _ => {}
        }
        (id, problems)
    }

    /// A valid record ready to store: its document as stored, its matching profile, its typed
    /// form.
    pub fn prepare(&self, mut doc: Value) -> Result<Prepared, Violation> {
        let document = serde_json::to_string(&doc).map_err(|_| unreadable())?;
        // As the schema counts them: 40.0 is the integer 40 (the stored document keeps 40.0).
        integers(&mut doc);
        match self.kind {
            Kind::Werkzoekende => {
                let w = Werkzoekende::deserialize(&doc).map_err(|_| unreadable())?;
                let id = w.id_werkzoekende.clone().ok_or_else(unreadable)?;
                let matching = BronWerkzoekendeMatch::from_detail(&w, id.clone())
                    .map(|m| serde_json::to_string(&m))
                    .transpose()
                    .map_err(|_| unreadable())?;
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
                let v = Vacature::deserialize(&doc).map_err(|_| unreadable())?;
                let matching = BronVacatureMatch::from_detail(&v, v.id_vacature.clone())
                    .map(|m| serde_json::to_string(&m))
                    .transpose()
                    .map_err(|_| unreadable())?;
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
}

/// A record valid against the schema that the types do not read (schema and types disagree: a
/// fault of this node, said without quoting the record).
fn unreadable() -> Violation {
    problem("het record voldoet aan het schema maar kan niet worden gelezen")
}

/// Validates and prepares every record of `text` (a JSON document, array or NDJSON), in memory.
pub fn prepare(kind: Kind, text: &str) -> Result<Vec<Prepared>, ImportError> {
    let docs = documents(text)?;
    let checker = Checker::new(kind)?;
    let total = docs.len();
    let mut rejected = Vec::new();
    let mut invalid = 0;
    let mut prepared = Vec::with_capacity(total);
    let mut first_index: BTreeMap<String, usize> = BTreeMap::new();
    for (index, doc) in docs.into_iter().enumerate() {
        let (id, mut problems) = checker.check(&doc);
        if let Some(id) = id.as_deref().filter(|id| !id.is_empty())
            && let Some(first) = first_index.insert(id.to_owned(), index)
        {
            problems.push(duplicate(kind, id, first));
        }
        if problems.is_empty() {
            match checker.prepare(doc) {
                Ok(p) => prepared.push(p),
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            invalid += 1;
            if rejected.len() < LISTED {
                rejected.push(Rejected {
                    index,
                    id,
                    problems,
                });
            }
        }
    }
    if invalid == 0 {
        Ok(prepared)
    } else {
        Err(ImportError::Invalid {
            total,
            invalid,
            rejected,
        })
    }
}
