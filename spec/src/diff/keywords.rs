//! What a schema says, read through `$ref`s, `allOf` and alternatives: fields and required
//! ones, types, nullability, enum values, openness, composition, and a fingerprint of its content.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::resolve::{Node, Resolver, View};

/// How deep alternatives within alternatives are read (a schema that is its own alternative ends).
const ALTERNATIVES_DEPTH: usize = 8;

/// The alternatives of a schema (`oneOf`, `anyOf`), resolved.
pub(crate) fn alternatives<'a>(resolver: &Resolver<'a>, view: &View<'a>) -> Vec<View<'a>> {
    ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| view.get(k))
        .flat_map(|node| {
            node.value
                .as_array()
                .into_iter()
                .flatten()
                .map(move |value| Node {
                    doc: node.doc,
                    value,
                })
        })
        .map(|node| resolver.view(node))
        .collect()
}

fn all_of<'a>(resolver: &Resolver<'a>, view: &View<'a>) -> Vec<View<'a>> {
    view.get("allOf")
        .map(|node| {
            node.value
                .as_array()
                .into_iter()
                .flatten()
                .map(|value| {
                    resolver.view(Node {
                        doc: node.doc,
                        value,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The fields of an object, read through `allOf` and the alternatives, and which are required
/// (own and `allOf` requirements, and those every alternative requires).
pub(crate) fn merged<'a>(
    resolver: &Resolver<'a>,
    view: &View<'a>,
) -> (BTreeMap<String, Node<'a>>, BTreeSet<String>) {
    fn collect<'a>(
        resolver: &Resolver<'a>,
        view: &View<'a>,
        depth: usize,
        props: &mut BTreeMap<String, Node<'a>>,
        required: &mut BTreeSet<String>,
    ) {
        if depth > 6 {
            return;
        }
        if let Some(node) = view.get("properties")
            && let Some(map) = node.value.as_object()
        {
            for (key, value) in map {
                props.entry(key.clone()).or_insert(Node {
                    doc: node.doc,
                    value,
                });
            }
        }
        required.extend(strings(view.value("required")));
        for member in all_of(resolver, view) {
            collect(resolver, &member, depth + 1, props, required);
        }
        let alternatives = alternatives(resolver, view);
        let mut common: Option<BTreeSet<String>> = None;
        for alternative in &alternatives {
            let mut own = BTreeSet::new();
            collect(resolver, alternative, depth + 1, props, &mut own);
            common = Some(match common {
                None => own,
                Some(c) => c.intersection(&own).cloned().collect(),
            });
        }
        required.extend(common.unwrap_or_default());
    }
    let (mut props, mut required) = (BTreeMap::new(), BTreeSet::new());
    collect(resolver, view, 0, &mut props, &mut required);
    (props, required)
}

pub(crate) fn strings(value: Option<&Value>) -> BTreeSet<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// Whether a schema describes an object with fields (itself or through its alternatives).
pub(crate) fn is_object_like(view: &View<'_>) -> bool {
    view.get("properties").is_some()
        || view.value("type").and_then(Value::as_str) == Some("object")
        || ["oneOf", "anyOf", "allOf"].iter().any(|k| {
            view.value(k).and_then(Value::as_array).is_some_and(|alts| {
                alts.iter()
                    .any(|a| a.get("properties").is_some() || a.get("$ref").is_some())
            })
        })
}

/// The JSON types a schema allows (without `null`); empty when it does not say.
pub(crate) fn types(resolver: &Resolver<'_>, view: &View<'_>, depth: usize) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = match view.value("type") {
        Some(Value::String(t)) => [t.clone()].into(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => BTreeSet::new(),
    };
    if out.is_empty() {
        let alternatives = alternatives(resolver, view);
        if !alternatives.is_empty() && depth < ALTERNATIVES_DEPTH {
            for alternative in &alternatives {
                out.extend(types(resolver, alternative, depth + 1));
            }
        } else if let Some(values) = view.value("enum").and_then(Value::as_array) {
            out.extend(values.iter().filter(|v| !v.is_null()).map(json_type));
        } else if view.get("properties").is_some() {
            out.insert("object".to_owned());
        } else if view.get("items").is_some() {
            out.insert("array".to_owned());
        }
    }
    out.remove("null");
    out
}

fn json_type(value: &Value) -> String {
    match value {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    }
    .to_owned()
}

/// Whether `wide` allows every type of `narrow` (an integer is a number).
pub(crate) fn covers(wide: &BTreeSet<String>, narrow: &BTreeSet<String>) -> bool {
    narrow
        .iter()
        .all(|t| wide.contains(t) || t == "integer" && wide.contains("number"))
}

pub(crate) fn nullable(view: &View<'_>) -> bool {
    view.value("nullable").and_then(Value::as_bool) == Some(true)
        || match view.value("type") {
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
            Some(Value::String(t)) => t == "null",
            _ => false,
        }
}

pub(crate) fn text(view: &View<'_>, keyword: &str) -> Option<String> {
    view.value(keyword).map(scalar)
}

pub(crate) fn number(value: Option<&Value>) -> Option<f64> {
    value.and_then(Value::as_f64)
}

/// A value as the changelog shows it: numbers without a needless `.0`, strings bare.
pub(crate) fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// The allowed values (`enum`, `const`; of every alternative when each has them), as JSON text.
pub(crate) fn enum_values(
    resolver: &Resolver<'_>,
    view: &View<'_>,
    depth: usize,
) -> Option<BTreeSet<String>> {
    if let Some(values) = view.value("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter(|v| !v.is_null())
                .map(enum_text)
                .collect(),
        );
    }
    if let Some(value) = view.value("const") {
        return Some([enum_text(value)].into());
    }
    let alternatives = alternatives(resolver, view);
    if alternatives.is_empty() || depth >= ALTERNATIVES_DEPTH {
        return None;
    }
    let mut all = BTreeSet::new();
    for alternative in &alternatives {
        all.extend(enum_values(resolver, alternative, depth + 1)?);
    }
    Some(all)
}

fn enum_text(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        other => scalar(other),
    }
}

pub(crate) fn show_set(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "-".to_owned()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// `additionalProperties: false` on the object, or on every alternative.
pub(crate) fn closed(resolver: &Resolver<'_>, view: &View<'_>, depth: usize) -> bool {
    if view.value("additionalProperties") == Some(&Value::Bool(false)) {
        return true;
    }
    let alternatives = alternatives(resolver, view);
    depth < ALTERNATIVES_DEPTH
        && !alternatives.is_empty()
        && alternatives.iter().all(|a| closed(resolver, a, depth + 1))
}

/// The composition of a schema in words: `oneOf (2 varianten)`, `not`, or `-`.
pub(crate) fn shape(view: &View<'_>) -> String {
    let mut parts = Vec::new();
    for keyword in ["oneOf", "anyOf"] {
        if let Some(alts) = view.value(keyword).and_then(Value::as_array) {
            parts.push(format!("{keyword} ({} varianten)", alts.len()));
        }
    }
    if view.value("not").is_some() {
        parts.push("not".to_owned());
    }
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join(", ")
    }
}

/// What a schema constrains, as text: references followed, annotations left out, keys sorted.
pub(crate) fn fingerprint(resolver: &Resolver<'_>, node: Node<'_>) -> String {
    fn print(resolver: &Resolver<'_>, node: Node<'_>, depth: usize, out: &mut String) {
        if depth > 8 {
            out.push('…');
            return;
        }
        let view = resolver.view(node);
        let mut keys: BTreeSet<&str> = BTreeSet::new();
        for layer_key in [
            "type",
            "format",
            "pattern",
            "enum",
            "const",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minItems",
            "maxItems",
            "required",
            "additionalProperties",
            "nullable",
            "properties",
            "items",
            "oneOf",
            "anyOf",
            "allOf",
            "not",
        ] {
            if view.get(layer_key).is_some() {
                keys.insert(layer_key);
            }
        }
        out.push('{');
        for key in keys {
            let Some(child) = view.get(key) else { continue };
            out.push_str(key);
            out.push(':');
            match (key, child.value) {
                ("properties", Value::Object(map)) => {
                    out.push('{');
                    let sorted: BTreeMap<&String, &Value> = map.iter().collect();
                    for (name, value) in sorted {
                        out.push_str(name);
                        out.push(':');
                        print(
                            resolver,
                            Node {
                                doc: child.doc,
                                value,
                            },
                            depth + 1,
                            out,
                        );
                        out.push(',');
                    }
                    out.push('}');
                }
                ("items" | "not", value) if value.is_object() => {
                    print(
                        resolver,
                        Node {
                            doc: child.doc,
                            value,
                        },
                        depth + 1,
                        out,
                    );
                }
                ("additionalProperties", value) if value.is_object() => {
                    print(
                        resolver,
                        Node {
                            doc: child.doc,
                            value,
                        },
                        depth + 1,
                        out,
                    );
                }
                ("oneOf" | "anyOf" | "allOf", Value::Array(items)) => {
                    out.push('[');
                    for value in items {
                        print(
                            resolver,
                            Node {
                                doc: child.doc,
                                value,
                            },
                            depth + 1,
                            out,
                        );
                        out.push(',');
                    }
                    out.push(']');
                }
                ("required" | "enum", Value::Array(items)) => {
                    let sorted: BTreeSet<String> = items.iter().map(Value::to_string).collect();
                    out.push_str(&sorted.into_iter().collect::<Vec<_>>().join(","));
                }
                (_, value) => out.push_str(&scalar(value)),
            }
            out.push(';');
        }
        out.push('}');
    }
    let mut out = String::new();
    print(resolver, node, 0, &mut out);
    out
}
