//! Drift between our generated schemas and the component schemas of the upstream contracts.
//!
//! Both sides are walked in parallel with `$ref`s resolved, comparing what constrains a document:
//! property names, `type`, `required`, `enum`, `pattern`, `format`, `minimum`/`maximum`,
//! `minLength`/`maxLength`, `minItems`/`maxItems`, `additionalProperties` (closed or open) and the
//! shape of `items`, `oneOf`/`anyOf`/`allOf` and `not`. Annotations (`description`, `title`,
//! `examples`, `x-…`) are not compared. Every difference must be listed, with a reason, in the
//! committed deviations file; see [`check`].

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;
use serde_json::Value;

use crate::message::Message;

/// One difference between our schema and upstream's, at one place.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// Where, as a path through the schema (`/properties/mobiliteit/required`).
    pub path: String,
    /// Which keyword differs.
    pub keyword: String,
    /// Our value (`-` when absent).
    pub ours: String,
    /// Upstream's value (`-` when absent).
    pub upstream: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(
            f,
            "{path} {}: ours {}, upstream {}",
            self.keyword, self.ours, self.upstream
        )
    }
}

const SCALAR_KEYWORDS: [&str; 9] = [
    "pattern",
    "format",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "const",
];
const MAX_DEPTH: usize = 40;

/// Every difference between `ours` (inside document `ours_root`) and `upstream` (inside
/// `upstream_root`); `$ref`s are resolved against their own document.
pub fn compare(
    ours_root: &Value,
    ours: &Value,
    upstream_root: &Value,
    upstream: &Value,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let walker = Walker {
        ours_root,
        upstream_root,
    };
    walker.walk(ours, upstream, "", 0, &mut out);
    out.sort();
    out
}

struct Walker<'a> {
    ours_root: &'a Value,
    upstream_root: &'a Value,
}

impl Walker<'_> {
    fn walk(
        &self,
        ours: &Value,
        upstream: &Value,
        path: &str,
        depth: usize,
        out: &mut Vec<Difference>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let ours = resolve(self.ours_root, ours);
        let upstream = resolve(self.upstream_root, upstream);
        let mut differ = |keyword: &str, o: String, u: String| {
            if o != u {
                out.push(Difference {
                    path: path.to_owned(),
                    keyword: keyword.to_owned(),
                    ours: o,
                    upstream: u,
                });
            }
        };
        differ("type", show_set(types(&ours)), show_set(types(&upstream)));
        differ(
            "required",
            show_set(strings(&ours, "required")),
            show_set(strings(&upstream, "required")),
        );
        differ(
            "enum",
            show_set(enum_values(&ours)),
            show_set(enum_values(&upstream)),
        );
        for keyword in SCALAR_KEYWORDS {
            differ(keyword, scalar(&ours, keyword), scalar(&upstream, keyword));
        }
        if types(&ours).contains("object") || types(&upstream).contains("object") {
            differ("additionalProperties", openness(&ours), openness(&upstream));
        }
        let (our_props, their_props) = (properties(&ours), properties(&upstream));
        let our_keys: BTreeSet<&String> = our_props.iter().map(|(k, _)| *k).collect();
        let their_keys: BTreeSet<&String> = their_props.iter().map(|(k, _)| *k).collect();
        let only_ours: Vec<&str> = our_keys
            .difference(&their_keys)
            .map(|k| k.as_str())
            .collect();
        let only_theirs: Vec<&str> = their_keys
            .difference(&our_keys)
            .map(|k| k.as_str())
            .collect();
        if !only_ours.is_empty() || !only_theirs.is_empty() {
            out.push(Difference {
                path: path.to_owned(),
                keyword: "properties".to_owned(),
                ours: format!("only here: [{}]", only_ours.join(", ")),
                upstream: format!("only there: [{}]", only_theirs.join(", ")),
            });
        }
        for (key, our_schema) in &our_props {
            if let Some((_, their_schema)) = their_props.iter().find(|(k, _)| k == key) {
                self.walk(
                    our_schema,
                    their_schema,
                    &format!("{path}/properties/{key}"),
                    depth + 1,
                    out,
                );
            }
        }
        for keyword in ["items", "not"] {
            match (ours.get(keyword), upstream.get(keyword)) {
                (Some(o), Some(u)) => self.walk(o, u, &format!("{path}/{keyword}"), depth + 1, out),
                (None, None) => {}
                (o, u) => out.push(Difference {
                    path: path.to_owned(),
                    keyword: keyword.to_owned(),
                    ours: if o.is_some() { "present" } else { "-" }.to_owned(),
                    upstream: if u.is_some() { "present" } else { "-" }.to_owned(),
                }),
            }
        }
        for keyword in ["oneOf", "anyOf", "allOf"] {
            let (o, u) = (
                alternatives(&ours, keyword),
                alternatives(&upstream, keyword),
            );
            if o.len() != u.len() {
                out.push(Difference {
                    path: path.to_owned(),
                    keyword: keyword.to_owned(),
                    ours: format!("{} alternatives", o.len()),
                    upstream: format!("{} alternatives", u.len()),
                });
                continue;
            }
            for (i, (a, b)) in o.iter().zip(&u).enumerate() {
                self.walk(a, b, &format!("{path}/{keyword}/{i}"), depth + 1, out);
            }
        }
    }
}

/// The differences between a message's generated schema and its schema in the upstream contract
/// (the parsed JSON or YAML of [`Message::upstream`]'s contract). `Err` names a pointer that the
/// upstream document does not have.
pub fn differences(message: Message, upstream_contract: &Value) -> Result<Vec<Difference>, String> {
    let ours = message.schema().to_value();
    let pointer = message.upstream().pointer;
    let upstream = upstream_contract
        .pointer(pointer)
        .ok_or_else(|| format!("the upstream contract has nothing at {pointer}"))?;
    Ok(compare(&ours, &ours, upstream_contract, upstream))
}

/// Follows `$ref`s; keywords beside a `$ref` override those of its target.
fn resolve(root: &Value, schema: &Value) -> Value {
    let mut current = schema.clone();
    for _ in 0..MAX_DEPTH {
        let Some(reference) = current
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            break;
        };
        let target = reference
            .strip_prefix('#')
            .and_then(|p| root.pointer(p))
            .cloned()
            .unwrap_or(Value::Null);
        let mut merged = match target {
            Value::Object(map) => map,
            _ => break,
        };
        if let Value::Object(siblings) = &current {
            for (k, v) in siblings {
                if k != "$ref" {
                    merged.insert(k.clone(), v.clone());
                }
            }
        }
        current = Value::Object(merged);
    }
    current
}

fn types(schema: &Value) -> BTreeSet<String> {
    match schema.get("type") {
        Some(Value::String(t)) => [t.clone()].into(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .map(str::to_owned)
            .collect(),
        _ => BTreeSet::new(),
    }
}

fn strings(schema: &Value, keyword: &str) -> BTreeSet<String> {
    schema
        .get(keyword)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn enum_values(schema: &Value) -> BTreeSet<String> {
    schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(Value::to_string)
        .collect()
}

fn scalar(schema: &Value, keyword: &str) -> String {
    match schema.get(keyword) {
        None => "-".to_owned(),
        Some(Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string()),
        Some(v) => v.to_string(),
    }
}

fn openness(schema: &Value) -> String {
    match schema.get("additionalProperties") {
        Some(Value::Bool(false)) => "closed".to_owned(),
        _ => "open".to_owned(),
    }
}

fn properties(schema: &Value) -> Vec<(&String, &Value)> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.iter().collect())
        .unwrap_or_default()
}

fn alternatives<'a>(schema: &'a Value, keyword: &str) -> Vec<&'a Value> {
    schema
        .get(keyword)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn show_set(set: BTreeSet<String>) -> String {
    if set.is_empty() {
        "-".to_owned()
    } else {
        format!("[{}]", set.into_iter().collect::<Vec<_>>().join(", "))
    }
}

/// One accepted difference, as listed in the deviations file.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deviation {
    /// The message (`werkzoekende-detail-response`).
    pub message: String,
    /// The path through the schema (`/` for the message itself).
    pub path: String,
    /// The keyword.
    pub keyword: String,
    /// Why we differ, in one line.
    pub reason: String,
}

/// The deviations file: `[[deviation]]` tables.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deviations {
    /// The accepted differences.
    #[serde(default, rename = "deviation")]
    pub deviations: Vec<Deviation>,
}

impl Deviations {
    /// Parses the TOML text of a deviations file.
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// Whether a difference of a message is listed.
    pub fn lists(&self, message: &str, difference: &Difference) -> bool {
        self.deviations
            .iter()
            .any(|d| d.matches(message, difference))
    }
}

impl Deviation {
    fn matches(&self, message: &str, difference: &Difference) -> bool {
        let path = if difference.path.is_empty() {
            "/"
        } else {
            &difference.path
        };
        self.message == message && self.path == path && self.keyword == difference.keyword
    }
}

/// The outcome of checking differences against the deviations file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Check {
    /// Differences not listed: (message, difference).
    pub unlisted: Vec<(String, Difference)>,
    /// Listed deviations that no longer occur.
    pub obsolete: Vec<Deviation>,
    /// Deviations without a reason.
    pub unexplained: Vec<Deviation>,
}

impl Check {
    /// Whether everything is accounted for.
    pub fn is_clean(&self) -> bool {
        self.unlisted.is_empty() && self.obsolete.is_empty() && self.unexplained.is_empty()
    }
}

/// Checks every (message, difference) against the deviations file, both ways.
pub fn check(found: &[(String, Difference)], deviations: &Deviations) -> Check {
    let unlisted = found
        .iter()
        .filter(|(m, d)| !deviations.lists(m, d))
        .cloned()
        .collect();
    let obsolete = deviations
        .deviations
        .iter()
        .filter(|dev| !found.iter().any(|(m, d)| dev.matches(m, d)))
        .cloned()
        .collect();
    let unexplained = deviations
        .deviations
        .iter()
        .filter(|d| d.reason.trim().is_empty())
        .cloned()
        .collect();
    Check {
        unlisted,
        obsolete,
        unexplained,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn compares_through_references_and_ignores_annotations() {
        let ours = json!({"$defs": {"P": {"type": "string", "pattern": "^a$", "description": "x"}},
            "type": "object", "additionalProperties": false,
            "properties": {"p": {"$ref": "#/$defs/P"}, "n": {"type": "integer", "maximum": 99}}});
        let theirs = json!({"components": {"schemas": {"S": {"type": "object", "additionalProperties": false,
            "properties": {"p": {"type": "string", "pattern": "^a$"}, "n": {"type": "integer", "maximum": 100}}}}}});
        let found = compare(&ours, &ours, &theirs, &theirs["components"]["schemas"]["S"]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].to_string(),
            "/properties/n maximum: ours 99, upstream 100"
        );
    }

    #[test]
    fn open_and_absent_additional_properties_are_the_same() {
        let a = json!({"type": "object", "additionalProperties": true});
        let b = json!({"type": "object"});
        assert!(compare(&a, &a, &b, &b).is_empty());
        let c = json!({"type": "object", "additionalProperties": false});
        assert_eq!(compare(&c, &c, &b, &b)[0].keyword, "additionalProperties");
    }

    #[test]
    fn check_reports_unlisted_obsolete_and_unexplained() {
        let d = Difference {
            path: String::new(),
            keyword: "required".into(),
            ours: "[a]".into(),
            upstream: "-".into(),
        };
        let deviations = Deviations::parse(
            "[[deviation]]\nmessage = \"m\"\npath = \"/\"\nkeyword = \"required\"\nreason = \"why\"\n\
             [[deviation]]\nmessage = \"m\"\npath = \"/x\"\nkeyword = \"type\"\nreason = \"\"\n",
        )
        .unwrap();
        let result = check(&[("m".into(), d.clone()), ("n".into(), d)], &deviations);
        assert_eq!(result.unlisted.len(), 1);
        assert_eq!(result.obsolete.len(), 1);
        assert_eq!(result.unexplained.len(), 1);
    }
}
