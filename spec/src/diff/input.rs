//! One side of a comparison: a directory of documents or a version this workspace holds, and the
//! parsed documents themselves.

use std::path::PathBuf;

use serde_json::{Map, Number, Value};

use super::DiffError;
use crate::artifacts;
use crate::versie;

/// One side of a comparison, as the user names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A directory of OpenAPI documents; the binary reads its files into [`Document`]s.
    Directory(PathBuf),
    /// A version whose contracts this workspace holds (see [`Versions`]).
    Version(String),
}

impl Input {
    /// Reads a command-line word: a version that `versions` knows, else a directory. A directory
    /// whose name is a known version is written with a path separator (`./3.0.0`).
    pub fn parse(word: &str, versions: &dyn Versions) -> Self {
        if versions.names().iter().any(|v| v == word) {
            Self::Version(word.to_owned())
        } else {
            Self::Directory(PathBuf::from(word))
        }
    }
}

/// Versions of the standard whose contracts this workspace holds; [`Committed`] serves those of
/// the version registry.
pub trait Versions {
    /// The versions, oldest first.
    fn names(&self) -> Vec<String>;
    /// The OpenAPI documents of a version; `None` when it is unknown.
    fn documents(&self, version: &str) -> Option<Result<Vec<Document>, DiffError>>;
    /// Where a version's contracts come from, for the report (`spec/schema/3.0.0`).
    fn origin(&self, version: &str) -> String;
}

/// The versions of the registry (`versions.toml`) whose contracts are committed in
/// `spec/schema/<version>/*.openapi.json` (embedded at build time, so no file is read): every
/// status, concept versions included.
#[derive(Clone, Copy, Debug, Default)]
pub struct Committed;

impl Versions for Committed {
    fn names(&self) -> Vec<String> {
        versie::registry()
            .map(|r| {
                r.versies()
                    .iter()
                    .filter(|v| !artifacts::committed_for(v).is_empty())
                    .map(versie::Versie::naam)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn documents(&self, version: &str) -> Option<Result<Vec<Document>, DiffError>> {
        let versie = versie::versie(version).ok()?;
        let files = artifacts::committed_for(versie);
        (!files.is_empty()).then(|| {
            files
                .iter()
                .filter(|(name, _)| name.ends_with(".openapi.json"))
                .map(|(name, text)| Document::parse(name, text))
                .collect()
        })
    }

    fn origin(&self, version: &str) -> String {
        format!("spec/schema/{version}")
    }
}

/// One parsed file of a contract set.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The file name, relative to the set's directory (`VUM-Bron-Vacatures.json`).
    pub name: String,
    /// Its content.
    pub value: Value,
}

impl Document {
    /// Parses a file's text by its extension: `.json`, or `.yaml`/`.yml`.
    pub fn parse(name: &str, text: &str) -> Result<Self, DiffError> {
        let lower = name.to_ascii_lowercase();
        let value = if lower.ends_with(".json") {
            serde_json::from_str(text).map_err(|e| DiffError::Syntax {
                file: name.to_owned(),
                format: "JSON",
                reason: e.to_string(),
            })?
        } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            let yaml: serde_yaml_ng::Value =
                serde_yaml_ng::from_str(text).map_err(|e| DiffError::Syntax {
                    file: name.to_owned(),
                    format: "YAML",
                    reason: e.to_string(),
                })?;
            json_of_yaml(yaml).map_err(|reason| DiffError::Syntax {
                file: name.to_owned(),
                format: "YAML",
                reason,
            })?
        } else {
            return Err(DiffError::Extension {
                file: name.to_owned(),
            });
        };
        Ok(Self {
            name: name.to_owned(),
            value,
        })
    }

    /// Whether a file name is one [`Document::parse`] reads.
    pub fn is_document_name(name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        [".json", ".yaml", ".yml"]
            .iter()
            .any(|ext| lower.ends_with(ext))
    }
}

/// YAML as JSON: scalar keys become strings (`200:` is the status `"200"`), tags are dropped.
fn json_of_yaml(yaml: serde_yaml_ng::Value) -> Result<Value, String> {
    use serde_yaml_ng::Value as Y;
    Ok(match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                Value::Number(
                    Number::from_f64(f)
                        .ok_or_else(|| format!("the number {n} has no JSON form"))?,
                )
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(json_of_yaml)
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_owned(),
                    _ => return Err("a mapping key that is a sequence or a mapping".to_owned()),
                };
                map.insert(key, json_of_yaml(value)?);
            }
            Value::Object(map)
        }
        Y::Tagged(tagged) => json_of_yaml(tagged.value)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keys_become_strings_and_numbers_stay_numbers() {
        let doc = Document::parse("a.yaml", "responses:\n  200:\n    maxLength: 512\n").unwrap();
        assert_eq!(doc.value["responses"]["200"]["maxLength"], 512);
    }

    #[test]
    fn errors_name_the_file() {
        let e = Document::parse("x.json", "{").unwrap_err();
        assert!(e.to_string().starts_with("x.json: not valid JSON"), "{e}");
        let e = Document::parse("x.yaml", "a: [").unwrap_err();
        assert!(e.to_string().starts_with("x.yaml: not valid YAML"), "{e}");
        assert!(matches!(
            Document::parse("x.txt", "{}"),
            Err(DiffError::Extension { .. })
        ));
    }

    #[test]
    fn a_known_version_is_a_version_and_anything_else_a_directory() {
        assert_eq!(Committed.names(), ["3.0.0", "3.1.0"]);
        assert_eq!(
            Input::parse("3.1.0", &Committed),
            Input::Version("3.1.0".to_owned())
        );
        assert_eq!(
            Input::parse(crate::VERSION, &Committed),
            Input::Version(crate::VERSION.to_owned())
        );
        assert_eq!(
            Input::parse("./3.0.0", &Committed),
            Input::Directory(PathBuf::from("./3.0.0"))
        );
        let documents = Committed.documents(crate::VERSION).unwrap().unwrap();
        assert_eq!(documents.len(), 6);
        assert_eq!(Committed.documents("3.1.0").unwrap().unwrap().len(), 6);
        assert!(Committed.documents("2.0.0").is_none());
    }
}
