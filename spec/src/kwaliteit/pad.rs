//! Reading fields of a document by path, checking the shape of every container on the way.
//!
//! A path is dotted field names; a name ending in `[]` is an array whose elements are visited
//! (`arbeidsmarktkwalificatie.rijbewijs[].codeSoortRijbewijs`). An absent field or `null` is
//! absent (the standard never allows `null`, and an empty value means absent). A container of the
//! wrong JSON type (a string where an object or array belongs) is a [`Vormfout`]: the score card
//! measures values, not shapes, so such a document cannot be scored.

use std::fmt;

use serde_json::Value;

/// The JSON type of a value, as the error messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vorm {
    /// An object.
    Object,
    /// An array.
    Lijst,
    /// A string.
    Tekst,
    /// A number.
    Getal,
    /// `true` or `false`.
    WaarOnwaar,
    /// `null`.
    Null,
}

impl Vorm {
    /// The type of `value`.
    pub fn van(value: &Value) -> Self {
        match value {
            Value::Object(_) => Self::Object,
            Value::Array(_) => Self::Lijst,
            Value::String(_) => Self::Tekst,
            Value::Number(_) => Self::Getal,
            Value::Bool(_) => Self::WaarOnwaar,
            Value::Null => Self::Null,
        }
    }
}

impl fmt::Display for Vorm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Object => "een object",
            Self::Lijst => "een lijst",
            Self::Tekst => "een tekst",
            Self::Getal => "een getal",
            Self::WaarOnwaar => "true/false",
            Self::Null => "null",
        })
    }
}

/// A container of the wrong type, at a JSON pointer into the document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("veld {pointer}: verwacht {verwacht}, gevonden {gevonden}")]
pub struct Vormfout {
    /// Where (`/mobiliteit`, `/arbeidsmarktkwalificatie/rijbewijs/2`).
    pub pointer: String,
    /// What the standard has there.
    pub verwacht: Vorm,
    /// What the document has.
    pub gevonden: Vorm,
}

/// The values at `pad` in `document` (which must be an object), `null` left out.
pub(super) fn waarden<'v>(document: &'v Value, pad: &str) -> Result<Vec<&'v Value>, Vormfout> {
    zoek(document, pad, false)
}

/// The objects at `pad`: like [`waarden`], and each must be an object.
pub(super) fn objecten<'v>(document: &'v Value, pad: &str) -> Result<Vec<&'v Value>, Vormfout> {
    zoek(document, pad, true)
}

fn zoek<'v>(document: &'v Value, pad: &str, objects: bool) -> Result<Vec<&'v Value>, Vormfout> {
    let mut current: Vec<(&'v Value, String)> = vec![(document, String::new())];
    let segments: Vec<&str> = pad.split('.').collect();
    for (depth, segment) in segments.iter().enumerate() {
        let must_be_object = objects || depth + 1 < segments.len();
        let (name, is_list) = match segment.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*segment, false),
        };
        let mut next = Vec::new();
        for (container, pointer) in current {
            let Some(value) = container.get(name).filter(|v| !v.is_null()) else {
                continue;
            };
            let pointer = format!("{pointer}/{name}");
            if is_list {
                let items = value
                    .as_array()
                    .ok_or_else(|| fout(&pointer, Vorm::Lijst, value))?;
                for (index, item) in items.iter().enumerate().filter(|(_, v)| !v.is_null()) {
                    let pointer = format!("{pointer}/{index}");
                    if must_be_object && !item.is_object() {
                        return Err(fout(&pointer, Vorm::Object, item));
                    }
                    next.push((item, pointer));
                }
            } else {
                if must_be_object && !value.is_object() {
                    return Err(fout(&pointer, Vorm::Object, value));
                }
                next.push((value, pointer));
            }
        }
        current = next;
    }
    Ok(current.into_iter().map(|(value, _)| value).collect())
}

fn fout(pointer: &str, verwacht: Vorm, value: &Value) -> Vormfout {
    Vormfout {
        pointer: pointer.to_owned(),
        verwacht,
        gevonden: Vorm::van(value),
    }
}

/// Whether a value counts as filled: not absent, `null`, an empty or blank string, an empty array
/// or an empty object (the standard: an empty value means absent).
pub(super) fn is_gevuld(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => items.iter().any(is_gevuld),
        Value::Object(members) => members.values().any(is_gevuld),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_visit_arrays_and_skip_absent_values() {
        let doc = json!({
            "a": {"b": [{"c": 1}, {"c": null}, null, {"d": 2}, {"c": "x"}]},
            "e": null
        });
        assert_eq!(
            waarden(&doc, "a.b[].c").unwrap(),
            vec![&json!(1), &json!("x")]
        );
        assert!(waarden(&doc, "e.f").unwrap().is_empty());
        assert!(waarden(&doc, "x[].y").unwrap().is_empty());
        assert_eq!(objecten(&doc, "a.b[]").unwrap().len(), 4);
        let doc = json!({"a": [{"c": 1}, 2]});
        assert_eq!(objecten(&doc, "a[]").unwrap_err().pointer, "/a/1");
    }

    #[test]
    fn a_container_of_the_wrong_type_is_named_by_pointer() {
        let doc = json!({"mobiliteit": "1234AB", "rijbewijs": [{"c": "B"}, "C"], "lijst": {}});
        let err = waarden(&doc, "mobiliteit.bemiddelingspostcode").unwrap_err();
        assert_eq!(
            err.to_string(),
            "veld /mobiliteit: verwacht een object, gevonden een tekst"
        );
        let err = waarden(&doc, "rijbewijs[].c").unwrap_err();
        assert_eq!(err.pointer, "/rijbewijs/1");
        let err = waarden(&doc, "lijst[].c").unwrap_err();
        assert_eq!((err.verwacht, err.gevonden), (Vorm::Lijst, Vorm::Object));
    }

    #[test]
    fn empty_values_are_not_filled() {
        for empty in [
            json!(null),
            json!(""),
            json!("  "),
            json!([]),
            json!({}),
            json!([{"a": ""}]),
        ] {
            assert!(!is_gevuld(&empty), "{empty}");
        }
        for filled in [json!(0), json!(false), json!("x"), json!([{"a": 1}])] {
            assert!(is_gevuld(&filled), "{filled}");
        }
    }
}
