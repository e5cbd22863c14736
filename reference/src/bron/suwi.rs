//! The SUWI field policy: fields withheld from callers that do not take part in SUWI
//! (`X-VUM-SUWIparty: false`); everything else is the stored document as imported.

use serde_json::Value;

/// The document without the fields at the given dotted paths; the exact stored text when none of
/// them is present.
pub fn withhold(document: String, fields: &[String]) -> String {
    if fields.is_empty() {
        return document;
    }
    let Ok(mut value) = serde_json::from_str::<Value>(&document) else {
        return document;
    };
    let mut removed = false;
    for path in fields {
        // Every listed field must go, so no short-circuiting here.
        removed |= remove(&mut value, &path.split('.').collect::<Vec<_>>());
    }
    if removed {
        serde_json::to_string(&value).unwrap_or(document)
    } else {
        document
    }
}

fn remove(value: &mut Value, path: &[&str]) -> bool {
    match (value, path) {
        (Value::Array(items), _) => {
            let mut any = false;
            for item in items {
                any |= remove(item, path);
            }
            any
        }
        (Value::Object(members), [last]) => members.remove(*last).is_some(),
        (Value::Object(members), [head, rest @ ..]) => {
            members.get_mut(*head).is_some_and(|v| remove(v, rest))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn withholding_removes_only_the_listed_fields_and_keeps_the_rest_exact() {
        let doc = r#"{"b":[],"indicatieLdrRegistratie":1,"a":{"x":1,"y":2}}"#.to_owned();
        let out = withhold(
            doc.clone(),
            &["indicatieLdrRegistratie".to_owned(), "a.y".to_owned()],
        );
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            serde_json::json!({"b": [], "a": {"x": 1}})
        );
        let untouched = r#"{"z": [ ], "a": 1}"#.to_owned();
        assert_eq!(
            withhold(untouched.clone(), &["indicatieLdrRegistratie".to_owned()]),
            untouched
        );
    }
}
