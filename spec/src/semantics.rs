//! Comparing documents the way the standard reads them.
//!
//! Two rules of the standard's JSON conventions, and only these two:
//! 1. an empty array, object or string means the same as an absent value;
//! 2. the order of an array has no meaning.
//!
//! Exact comparison (`==` on [`serde_json::Value`]) is still the rule for a detail relayed or
//! served as stored; this comparison is for a receiver that must not care about either rule.

use std::cmp::Ordering;

use serde_json::Value;

/// Whether `a` and `b` are the same document once empty values count as absent and array order
/// is ignored.
pub fn semantically_equal(a: &Value, b: &Value) -> bool {
    normalise(a) == normalise(b)
}

/// The canonical form under the two rules: empty values removed (bottom-up, so an object that only
/// held empty values becomes empty itself), arrays sorted. `None` means "absent".
pub fn normalise(value: &Value) -> Option<Value> {
    match value {
        Value::String(s) if s.is_empty() => None,
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().filter_map(normalise).collect();
            if items.is_empty() {
                return None;
            }
            items.sort_by(canonical_order);
            Some(Value::Array(items))
        }
        Value::Object(members) => {
            let members: serde_json::Map<String, Value> = members
                .iter()
                .filter_map(|(k, v)| normalise(v).map(|v| (k.clone(), v)))
                .collect();
            (!members.is_empty()).then_some(Value::Object(members))
        }
        other => Some(other.clone()),
    }
}

/// A total order on JSON values: by kind, then by content. Used only to sort arrays into a
/// canonical order, so any total order consistent with equality would do.
fn canonical_order(a: &Value, b: &Value) -> Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Null => 0,
            Value::Bool(_) => 1,
            Value::Number(_) => 2,
            Value::String(_) => 3,
            Value::Array(_) => 4,
            Value::Object(_) => 5,
        }
    }
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x.total_cmp(&y)
                .then_with(|| a.to_string().cmp(&b.to_string()))
        }
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Array(x), Value::Array(y)) => {
            for (p, q) in x.iter().zip(y) {
                let o = canonical_order(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        (Value::Object(x), Value::Object(y)) => {
            for ((kp, vp), (kq, vq)) in x.iter().zip(y) {
                let o = kp.cmp(kq).then_with(|| canonical_order(vp, vq));
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_values_mean_absent() {
        assert!(semantically_equal(
            &json!({"a": 1, "b": [], "c": {}, "d": "", "e": {"f": [], "g": ""}}),
            &json!({"a": 1})
        ));
        assert!(semantically_equal(
            &json!({"taalbeheersing": []}),
            &json!({})
        ));
        assert!(semantically_equal(
            &json!({"x": [{}, {"y": ""}]}),
            &json!({})
        ));
    }

    #[test]
    fn array_order_has_no_meaning_at_any_depth() {
        assert!(semantically_equal(
            &json!({"rijbewijs": [{"c": "B"}, {"c": "A"}], "n": [[2, 1], [3]]}),
            &json!({"n": [[3], [1, 2]], "rijbewijs": [{"c": "A"}, {"c": "B"}]})
        ));
    }

    #[test]
    fn other_differences_still_count() {
        assert!(!semantically_equal(&json!({"a": 1}), &json!({"a": 2})));
        assert!(!semantically_equal(&json!({"a": 0}), &json!({})));
        assert!(!semantically_equal(&json!({"a": false}), &json!({})));
        assert!(!semantically_equal(&json!({"a": " "}), &json!({})));
        assert!(!semantically_equal(&json!([1, 1, 2]), &json!([1, 2, 2])));
        assert!(!semantically_equal(&json!({"a": "1"}), &json!({"a": 1})));
        assert!(!semantically_equal(&json!({"a": null}), &json!({})));
    }
}
