//! Request bodies and path ids as both roles read them, and JSON answers.

use axum::body::{Body, Bytes, to_bytes};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use vum_spec::Message;

use super::error::ApiError;

/// How large and how deep a request body may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BodyLimits {
    /// Largest body in bytes.
    pub bytes: usize,
    /// Deepest JSON nesting.
    pub depth: usize,
}

/// A `200` answer whose body is a `vum-spec` message: every body a node writes is one of the
/// standard's types, serialised (an architecture test keeps handlers from writing JSON by hand).
pub fn json<T: Serialize>(message: &T) -> Response {
    match serde_json::to_string(message) {
        Ok(text) => json_text(text),
        Err(error) => {
            eprintln!("vum-node: serialising an answer: {error}");
            ApiError::Internal.into_response()
        }
    }
}

/// [`json`] for a large answer whose size is about known beforehand (`capacity` bytes): written
/// once into a buffer of that size, not grown and copied on the way, and handed to the response
/// without another copy.
pub fn json_sized<T: Serialize>(message: &T, capacity: usize) -> Response {
    let mut buffer = Vec::with_capacity(capacity);
    match serde_json::to_writer(&mut buffer, message) {
        Ok(()) => json_response(Body::from(buffer)),
        Err(error) => {
            eprintln!("vum-node: serialising an answer: {error}");
            ApiError::Internal.into_response()
        }
    }
}

fn json_response(body: Body) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// A `200` answer with JSON text that is already a message of the standard: a stored document as
/// imported (validated then), or a committed OpenAPI document.
pub fn json_text(text: String) -> Response {
    json_response(Body::from(text))
}

/// How deeply a JSON value nests (a scalar is 1).
pub fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1usize)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            Value::Object(members) => stack.extend(members.values().map(|m| (m, d + 1))),
            _ => {}
        }
    }
    deepest
}

/// Writes every number with a zero fraction (`2.0`, `2e2`) as the integer it is: JSON Schema
/// counts such a number as an integer, so a value that passed the schema must also fit a Rust
/// integer field. Numbers beyond the 64-bit range are left as they are.
pub fn integers(value: &mut Value) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Number(n) => {
                if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                    // Exact: an integral f64 inside the i64 range converts without loss.
                    if f.fract() == 0.0 && (-9.2e18..=9.2e18).contains(&f) {
                        *n = serde_json::Number::from(f as i64);
                    }
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(members) => stack.extend(members.values_mut()),
            _ => {}
        }
    }
}

/// Reads and checks a request body: JSON within the limits, valid against the message's schema.
/// A body that only lacks required fields is incomplete (400.02); any other violation is invalid
/// (400.01). Returns the bytes as received and the parsed value.
pub async fn read_json(
    headers: &HeaderMap,
    body: Body,
    message: Message,
    limits: BodyLimits,
    versie: &vum_spec::versie::Versie,
) -> Result<(Bytes, Value), ApiError> {
    let content_type = super::headers::single(headers, header::CONTENT_TYPE.as_str())
        .map_err(ApiError::Invalid)?
        .unwrap_or_default();
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(ApiError::Invalid(
            "Content-Type moet application/json zijn".to_owned(),
        ));
    }
    let bytes = to_bytes(body, limits.bytes).await.map_err(|_| {
        ApiError::Invalid(format!(
            "het bericht is groter dan {} bytes of onvolledig ontvangen",
            limits.bytes
        ))
    })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::Invalid(format!(
            "geen geldige JSON (regel {}, kolom {})",
            e.line(),
            e.column()
        ))
    })?;
    if depth(&value) > limits.depth {
        return Err(ApiError::Invalid(format!(
            "het bericht is dieper genest dan {} niveaus",
            limits.depth
        )));
    }
    let violations = vum_spec::validate::violations_for(versie, message, &value).map_err(|e| {
        eprintln!("vum-node: {e}");
        ApiError::Internal
    })?;
    if violations.is_empty() {
        return Ok((bytes, value));
    }
    let details = violations
        .iter()
        .map(|v| {
            format!(
                "{}: {}",
                if v.instance_path.is_empty() {
                    "/"
                } else {
                    &v.instance_path
                },
                v.masked_message
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    if violations
        .iter()
        .all(|v| v.schema_path.ends_with("/required"))
    {
        Err(ApiError::Incomplete(details))
    } else {
        Err(ApiError::Invalid(details))
    }
}

/// Whether a path id is non-empty, URL-safe and at most `max` characters (the contract's
/// `SafeIDString` is 200, `VumID` 500).
pub fn valid_id(id: &str, max: usize) -> bool {
    !id.is_empty()
        && id.len() <= max
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe_and_bounded() {
        assert!(valid_id("wz-0001", 200) && valid_id("a.b_c", 200));
        assert!(
            !valid_id("", 200)
                && !valid_id("a/b", 200)
                && !valid_id(&"a".repeat(201), 200)
                && !valid_id("ü", 200)
        );
        assert!(valid_id(&"a".repeat(500), 500) && !valid_id(&"a".repeat(501), 500));
    }

    #[test]
    fn integral_numbers_become_integers_and_fractions_stay() {
        let mut value = serde_json::json!({"a": 2.0, "b": [2e2, 2.5, -3.0], "c": 1e300, "d": 7});
        integers(&mut value);
        assert_eq!(
            value.to_string(),
            r#"{"a":2,"b":[200,2.5,-3],"c":1e+300,"d":7}"#
        );
    }

    #[test]
    fn depth_counts_nesting() {
        assert_eq!(depth(&serde_json::json!(1)), 1);
        assert_eq!(depth(&serde_json::json!({"a": [1]})), 3);
    }
}
