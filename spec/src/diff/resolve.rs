//! `$ref` resolution inside a contract set: within a document and across its files
//! (`components.yaml#/components/schemas/Postcode`, `./other.json`, percent-encoded pointers).

use std::collections::BTreeSet;

use serde_json::Value;

use super::DiffError;
use super::input::Document;

/// A value inside one document of a set.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node<'a> {
    /// Index of the document in the set.
    pub doc: usize,
    /// The value.
    pub value: &'a Value,
}

/// How many `$ref`s in a row are followed before giving up (a cycle of references).
const MAX_CHAIN: usize = 64;

/// An object with its `$ref` chain followed. Keywords are looked up from the outermost object
/// inward, so keywords beside a `$ref` override those of its target.
#[derive(Clone, Debug)]
pub(crate) struct View<'a> {
    layers: Vec<Node<'a>>,
    /// The names of the components passed, outermost first (`Webadres`, `URL`).
    pub names: Vec<String>,
}

impl<'a> View<'a> {
    /// A keyword's value and the document it stands in.
    pub(crate) fn get(&self, key: &str) -> Option<Node<'a>> {
        self.layers.iter().find_map(|layer| {
            layer
                .value
                .get(key)
                .filter(|_| key != "$ref")
                .map(|value| Node {
                    doc: layer.doc,
                    value,
                })
        })
    }

    /// A keyword's value.
    pub(crate) fn value(&self, key: &str) -> Option<&'a Value> {
        self.get(key).map(|n| n.value)
    }

    /// The innermost object (the target of the chain).
    pub(crate) fn target(&self) -> Node<'a> {
        self.layers[self.layers.len() - 1]
    }

    /// The component this view ends in, if it passed through one.
    pub(crate) fn name(&self) -> Option<&str> {
        self.names.last().map(String::as_str)
    }
}

/// Resolves references among the documents of one set.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Resolver<'a> {
    docs: &'a [Document],
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(docs: &'a [Document]) -> Self {
        Self { docs }
    }

    /// The documents.
    pub(crate) fn documents(&self) -> &'a [Document] {
        self.docs
    }

    /// Follows `$ref`s from `node`. An unresolvable reference ends the chain (the set was checked
    /// when it was loaded, so this does not happen).
    pub(crate) fn view(&self, node: Node<'a>) -> View<'a> {
        let mut layers = vec![node];
        let mut names = Vec::new();
        let mut current = node;
        for _ in 0..MAX_CHAIN {
            let Some(reference) = current.value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Ok((target, name)) = self.target(current.doc, reference) else {
                break;
            };
            layers.push(target);
            names.push(name);
            current = target;
        }
        View { layers, names }
    }

    /// The target of a reference written in document `from`, with the name of what it points at
    /// (the last pointer segment, or the file's stem); `Err` says why there is none.
    pub(crate) fn target(
        &self,
        from: usize,
        reference: &str,
    ) -> Result<(Node<'a>, String), String> {
        let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let doc = if file.is_empty() {
            from
        } else {
            if file.contains("://") {
                return Err(" (references outside the set are not followed)".to_owned());
            }
            let base = self.docs.get(from).map(|d| d.name.as_str()).unwrap_or("");
            let wanted = join(base, file);
            self.docs
                .iter()
                .position(|d| d.name == wanted)
                .ok_or_else(|| format!(" (no file {wanted} in the set)"))?
        };
        let root = &self.docs[doc].value;
        let pointer = percent_decode(fragment);
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(" (the part after # is not a JSON pointer)".to_owned());
        }
        let value = root.pointer(&pointer).ok_or_else(String::new)?;
        let name = match pointer.rsplit('/').next().filter(|s| !s.is_empty()) {
            Some(last) => last.replace("~1", "/").replace("~0", "~"),
            None => stem(&self.docs[doc].name).to_owned(),
        };
        Ok((Node { doc, value }, name))
    }

    /// Checks every `$ref` in the documents `roots` and in every document they reference; the
    /// documents reached.
    pub(crate) fn check(&self, roots: &[usize]) -> Result<BTreeSet<usize>, DiffError> {
        let mut queue: BTreeSet<usize> = roots.iter().copied().collect();
        let mut seen = queue.clone();
        while let Some(doc) = queue.pop_first() {
            let mut referenced = BTreeSet::new();
            self.check_value(
                doc,
                &self.docs[doc].value,
                &mut String::new(),
                &mut referenced,
            )?;
            for other in referenced {
                if seen.insert(other) {
                    queue.insert(other);
                }
            }
        }
        Ok(seen)
    }

    fn check_value(
        &self,
        doc: usize,
        value: &Value,
        pointer: &mut String,
        referenced: &mut BTreeSet<usize>,
    ) -> Result<(), DiffError> {
        match value {
            Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                    match self.target(doc, reference) {
                        Ok((target, _)) => {
                            referenced.insert(target.doc);
                        }
                        Err(detail) => {
                            return Err(DiffError::UnresolvedRef {
                                file: self.docs[doc].name.clone(),
                                pointer: if pointer.is_empty() {
                                    "/".to_owned()
                                } else {
                                    pointer.clone()
                                },
                                reference: reference.to_owned(),
                                detail,
                            });
                        }
                    }
                }
                for (key, child) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    self.check_value(doc, child, pointer, referenced)?;
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    self.check_value(doc, child, pointer, referenced)?;
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// A file name without its directory and extensions (`dir/VUM-Bron.openapi.json` → `VUM-Bron`).
pub(crate) fn stem(name: &str) -> &str {
    let base = name.rsplit('/').next().unwrap_or(name);
    let base = [".json", ".yaml", ".yml"]
        .iter()
        .find_map(|ext| base.strip_suffix(ext))
        .unwrap_or(base);
    base.strip_suffix(".openapi").unwrap_or(base)
}

/// `file` relative to the directory of `base`, with `.` and `..` segments folded.
fn join(base: &str, file: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for segment in file.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Decodes `%XX` escapes (pointers in URI fragments may be percent-encoded).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn docs() -> Vec<Document> {
        vec![
            Document {
                name: "VUM-Bron-X.yaml".into(),
                value: json!({"a": {"$ref": "common.yaml#/components/schemas/P%6Fstcode"},
                              "b": {"$ref": "#/c", "description": "beside"}, "c": {"type": "string"}}),
            },
            Document {
                name: "common.yaml".into(),
                value: json!({"components": {"schemas": {"Postcode": {"$ref": "#/components/schemas/Inner"},
                              "Inner": {"pattern": "^x$"}}}}),
            },
        ]
    }

    #[test]
    fn follows_references_across_files_and_keeps_sibling_keywords_first() {
        let docs = docs();
        let r = Resolver::new(&docs);
        let view = r.view(Node {
            doc: 0,
            value: &docs[0].value["a"],
        });
        assert_eq!(view.names, ["Postcode", "Inner"]);
        assert_eq!(view.value("pattern"), Some(&json!("^x$")));
        assert_eq!(view.target().doc, 1);
        let view = r.view(Node {
            doc: 0,
            value: &docs[0].value["b"],
        });
        assert_eq!(view.value("description"), Some(&json!("beside")));
        assert_eq!(view.value("type"), Some(&json!("string")));
        assert!(r.check(&[0]).is_ok());
    }

    #[test]
    fn an_unresolvable_reference_names_file_and_pointer() {
        let mut docs = docs();
        docs[1].value["components"]["schemas"]["Inner"] = json!({"$ref": "#/nothing"});
        let e = Resolver::new(&docs).check(&[0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "common.yaml: the $ref `#/nothing` at /components/schemas/Inner resolves to nothing"
        );
        docs[0].value["a"] = json!({"$ref": "missing.yaml#/x"});
        let e = Resolver::new(&docs).check(&[0]).unwrap_err();
        assert!(
            e.to_string()
                .contains("at /a resolves to nothing (no file missing.yaml in the set)"),
            "{e}"
        );
    }

    #[test]
    fn stems_drop_directories_and_extensions() {
        assert_eq!(stem("dir/VUM-Bron.openapi.json"), "VUM-Bron");
        assert_eq!(stem("VUM-Bron-Vacatures.yaml"), "VUM-Bron-Vacatures");
        assert_eq!(join("a/b.yaml", "../c.yaml"), "c.yaml");
        assert_eq!(join("b.yaml", "./c.yaml"), "c.yaml");
    }
}
