//! A contract set: the VUM contracts among a set of documents, recognised by role and kind.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::DiffError;
use super::input::Document;
use super::resolve::{Resolver, stem};

/// Which side of the exchange a contract describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Side {
    /// `VUM-Bron-*`: a source is the server, the exchange the client.
    Bron,
    /// `VUM-Bemiddelaar-*`: the exchange is the server, a mediator the client.
    Bemiddelaar,
}

impl Side {
    fn prefix(self) -> &'static str {
        match self {
            Self::Bron => "VUM-Bron",
            Self::Bemiddelaar => "VUM-Bemiddelaar",
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Bron => "Bron",
            Self::Bemiddelaar => "Bemiddelaar",
        })
    }
}

/// One contract of a set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Contract {
    /// `VUM-<Side>-<kind>`, whatever the file is called.
    pub name: String,
    /// Bron or Bemiddelaar.
    pub side: Side,
    /// `WerkzoekendeProfielen`, `Vacatures`, …
    pub kind: String,
    /// The file it is read from.
    pub file: String,
    /// `info.version`.
    pub version: Option<String>,
    #[serde(skip)]
    pub(crate) document: usize,
    #[serde(skip)]
    pub(crate) paths: Vec<String>,
    /// Its document and every document it references.
    #[serde(skip)]
    pub(crate) reach: Vec<usize>,
}

/// The contracts of one side of a comparison, with the documents they may reference.
#[derive(Clone, Debug)]
pub struct ContractSet {
    /// How the user named the set (`../shared/vum-upstream/vum-docs/OAS_Contracten`, `3.0.0`).
    pub label: String,
    /// The contracts, by side then kind.
    pub contracts: Vec<Contract>,
    /// What the reader should know about how the set was read (files preferred or skipped).
    pub notes: Vec<String>,
    pub(crate) documents: Vec<Document>,
}

impl ContractSet {
    /// Finds the contracts among `documents` and checks that every `$ref` they use resolves.
    pub fn load(label: impl Into<String>, mut documents: Vec<Document>) -> Result<Self, DiffError> {
        let label = label.into();
        documents.sort_by(|a, b| a.name.cmp(&b.name));
        let mut notes = Vec::new();
        let mut by_stem: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, doc) in documents.iter().enumerate() {
            by_stem.entry(stem(&doc.name)).or_default().push(i);
        }
        let mut single = Vec::new();
        let mut union = Vec::new();
        for (stem, files) in &by_stem {
            let chosen = files
                .iter()
                .copied()
                .find(|&i| documents[i].name.to_ascii_lowercase().ends_with(".json"))
                .unwrap_or(files[0]);
            let doc = &documents[chosen];
            let named_as_contract = [Side::Bemiddelaar, Side::Bron]
                .iter()
                .any(|side| stem.starts_with(side.prefix()));
            if !is_openapi(doc)? {
                if named_as_contract {
                    return Err(DiffError::NotOpenApi {
                        file: doc.name.clone(),
                        reason: "no `openapi` key".to_owned(),
                    });
                }
                continue;
            }
            if files.len() > 1 {
                let skipped: Vec<&str> = files
                    .iter()
                    .filter(|&&i| i != chosen)
                    .map(|&i| documents[i].name.as_str())
                    .collect();
                notes.push(format!(
                    "{stem}: {} gebruikt, {} niet (hetzelfde contract; JSON gaat voor)",
                    doc.name,
                    skipped.join(", ")
                ));
            }
            let Some((side, rest)) = [Side::Bemiddelaar, Side::Bron]
                .into_iter()
                .find_map(|side| stem.strip_prefix(side.prefix()).map(|rest| (side, rest)))
            else {
                notes.push(format!(
                    "{}: een OpenAPI-document zonder VUM-contractnaam (VUM-Bron-… of VUM-Bemiddelaar-…); niet vergeleken",
                    doc.name
                ));
                continue;
            };
            match rest.strip_prefix('-') {
                None if rest.is_empty() => union.push((side, chosen)),
                Some(kind) if !kind.is_empty() => {
                    single.push((side, without_version(kind), chosen));
                }
                _ => notes.push(format!(
                    "{}: een OpenAPI-document zonder VUM-contractnaam; niet vergeleken",
                    doc.name
                )),
            }
        }
        let mut contracts: BTreeMap<(Side, String), Contract> = BTreeMap::new();
        for (side, kind, doc) in single {
            let contract = contract(side, &kind, doc, &documents[doc], None);
            if let Some(first) = contracts.get(&(side, kind.clone())) {
                return Err(DiffError::DuplicateContract {
                    set: label,
                    contract: first.name.clone(),
                    first: first.file.clone(),
                    second: contract.file,
                });
            }
            contracts.insert((side, kind), contract);
        }
        for (side, doc) in union {
            let mut kinds: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for path in paths(&documents[doc]) {
                kinds.entry(kind_of_path(&path)).or_default().push(path);
            }
            let (mut used, mut skipped) = (Vec::new(), Vec::new());
            for (kind, paths) in kinds {
                if contracts.contains_key(&(side, kind.clone())) {
                    skipped.push(format!("{}-{kind}", side.prefix()));
                } else {
                    used.push(format!("{}-{kind}", side.prefix()));
                    let c = contract(side, &kind, doc, &documents[doc], Some(paths));
                    contracts.insert((side, kind), c);
                }
            }
            if !skipped.is_empty() {
                notes.push(format!(
                    "{}: vereniging van {}, die er ook los staan; niet dubbel geteld",
                    documents[doc].name,
                    skipped.join(" en ")
                ));
            }
            if !used.is_empty() {
                notes.push(format!(
                    "{}: gelezen als {}",
                    documents[doc].name,
                    used.join(" en ")
                ));
            }
        }
        if contracts.is_empty() {
            return Err(DiffError::NoContracts { set: label });
        }
        let mut contracts: Vec<Contract> = contracts.into_values().collect();
        let resolver = Resolver::new(&documents);
        // All at once first, so the error named is the first in file-name order.
        let roots: Vec<usize> = contracts.iter().map(|c| c.document).collect();
        resolver.check(&roots)?;
        for contract in &mut contracts {
            contract.reach = resolver.check(&[contract.document])?.into_iter().collect();
        }
        Ok(Self {
            label,
            contracts,
            notes,
            documents,
        })
    }

    /// The contract of a name (`VUM-Bron-Vacatures`).
    pub fn contract(&self, name: &str) -> Option<&Contract> {
        self.contracts.iter().find(|c| c.name == name)
    }

    pub(crate) fn resolver(&self) -> Resolver<'_> {
        Resolver::new(&self.documents)
    }
}

fn is_openapi(doc: &Document) -> Result<bool, DiffError> {
    let not = |reason: String| DiffError::NotOpenApi {
        file: doc.name.clone(),
        reason,
    };
    if let Some(version) = doc.value.get("swagger") {
        return Err(not(format!("Swagger {}", show(version))));
    }
    match doc.value.get("openapi") {
        None => Ok(false),
        Some(Value::String(v)) if v.starts_with("3.0") || v.starts_with("3.1") => Ok(true),
        Some(other) => Err(not(format!("openapi {}", show(other)))),
    }
}

fn show(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned)
}

fn contract(
    side: Side,
    kind: &str,
    index: usize,
    doc: &Document,
    paths_of_kind: Option<Vec<String>>,
) -> Contract {
    Contract {
        name: format!("{}-{kind}", side.prefix()),
        side,
        kind: kind.to_owned(),
        file: doc.name.clone(),
        version: doc
            .value
            .pointer("/info/version")
            .and_then(Value::as_str)
            .map(str::to_owned),
        document: index,
        paths: paths_of_kind.unwrap_or_else(|| paths(doc)),
        reach: Vec::new(),
    }
}

fn paths(doc: &Document) -> Vec<String> {
    doc.value
        .get("paths")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// `Vacatures-1.1.0` → `Vacatures`: a version at the end of a file name is not part of the kind.
fn without_version(kind: &str) -> String {
    kind.match_indices('-')
        .find(|(i, _)| {
            kind[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        })
        .map_or(kind, |(i, _)| &kind[..i])
        .to_owned()
}

/// The kind a path of a combined document belongs to, by its first segment.
fn kind_of_path(path: &str) -> String {
    let first = path.split('/').find(|s| !s.is_empty()).unwrap_or("");
    let mut chars = first.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Root".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(name: &str, paths: &[&str]) -> Document {
        let paths: serde_json::Map<String, Value> =
            paths.iter().map(|p| ((*p).to_owned(), json!({}))).collect();
        Document {
            name: name.to_owned(),
            value: json!({"openapi": "3.0.0", "info": {"version": "3.0.0"}, "paths": paths}),
        }
    }

    #[test]
    fn prefers_json_and_says_so() {
        let set = ContractSet::load(
            "dir",
            vec![
                doc("VUM-Bron-Vacatures.yaml", &["/vacatures/matches"]),
                doc("VUM-Bron-Vacatures.json", &["/vacatures/matches"]),
            ],
        )
        .unwrap();
        assert_eq!(set.contracts.len(), 1);
        assert_eq!(set.contracts[0].file, "VUM-Bron-Vacatures.json");
        assert_eq!(
            set.notes,
            [
                "VUM-Bron-Vacatures: VUM-Bron-Vacatures.json gebruikt, VUM-Bron-Vacatures.yaml niet (hetzelfde contract; JSON gaat voor)"
            ]
        );
    }

    #[test]
    fn a_union_document_is_not_counted_twice_but_fills_a_missing_kind() {
        let union = doc(
            "VUM-Bron.openapi.json",
            &["/vacatures/matches", "/werkzoekendeProfielen/matches"],
        );
        let single = doc(
            "VUM-Bron-WerkzoekendeProfielen.openapi.json",
            &["/werkzoekendeProfielen/matches"],
        );
        let set = ContractSet::load("dir", vec![union, single]).unwrap();
        let names: Vec<(&str, &str)> = set
            .contracts
            .iter()
            .map(|c| (c.name.as_str(), c.file.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("VUM-Bron-Vacatures", "VUM-Bron.openapi.json"),
                (
                    "VUM-Bron-WerkzoekendeProfielen",
                    "VUM-Bron-WerkzoekendeProfielen.openapi.json"
                )
            ]
        );
        assert_eq!(set.contracts[0].paths, ["/vacatures/matches"]);
    }

    #[test]
    fn rejects_what_cannot_be_compared() {
        let e = ContractSet::load("dir", vec![doc("other.json", &[])]).unwrap_err();
        assert!(matches!(e, DiffError::NoContracts { .. }), "{e}");
        let schema = Document {
            name: "VUM-Bron-Vacatures.json".into(),
            value: json!({"type": "object"}),
        };
        let e = ContractSet::load("dir", vec![schema]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "VUM-Bron-Vacatures.json: not an OpenAPI 3.0 or 3.1 document (no `openapi` key)"
        );
        let swagger = Document {
            name: "VUM-Bron-X.json".into(),
            value: json!({"swagger": "2.0"}),
        };
        let e = ContractSet::load("dir", vec![swagger]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "VUM-Bron-X.json: not an OpenAPI 3.0 or 3.1 document (Swagger 2.0)"
        );
        let e = ContractSet::load(
            "dir",
            vec![
                doc("VUM-Bron-Vacatures-1.1.0.yaml", &[]),
                doc("VUM-Bron-Vacatures-1.1.1.yaml", &[]),
            ],
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("two documents for VUM-Bron-Vacatures"),
            "{e}"
        );
    }
}
