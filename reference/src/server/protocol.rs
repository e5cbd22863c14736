//! The HTTP rules every request must meet before a role looks at it, checked the same way for both
//! roles and answered with the contract's error body: an HTTP/1.1 request has exactly one `Host`
//! (RFC 9112 §3.2), its URI is at most [`MAX_URI`] bytes, and its header section at most
//! [`MAX_HEADER_FIELDS`] fields and [`MAX_HEADER_BYTES`] bytes.
//!
//! The listener lets hyper read heads up to 64 KiB and 128 fields, so that these limits, lower,
//! answer first with a body; only a head beyond hyper's own limits gets hyper's bare `431`.

use axum::extract::Request;
use axum::http::{Version, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

/// The longest path with query, in bytes.
pub const MAX_URI: usize = 8 * 1024;
/// The most header fields.
pub const MAX_HEADER_FIELDS: usize = 64;
/// The largest header section (names, values and their separators), in bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Refuses a request that breaks the rules; passes the others on.
pub async fn check(request: Request, next: Next) -> Response {
    match broken(&request) {
        Some(error) => error.into_response(),
        None => next.run(request).await,
    }
}

fn broken(request: &Request) -> Option<ApiError> {
    let uri = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri > MAX_URI {
        return Some(ApiError::UriTooLong(MAX_URI));
    }
    let headers = request.headers();
    if headers.len() > MAX_HEADER_FIELDS {
        return Some(ApiError::HeadersTooLarge(format!(
            "meer dan {MAX_HEADER_FIELDS} headers"
        )));
    }
    let bytes: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if bytes > MAX_HEADER_BYTES {
        return Some(ApiError::HeadersTooLarge(format!(
            "de headers samen zijn groter dan {MAX_HEADER_BYTES} bytes"
        )));
    }
    if request.version() == Version::HTTP_11 && headers.get_all(header::HOST).iter().count() != 1 {
        return Some(ApiError::Invalid(
            "een HTTP/1.1-verzoek heeft precies één Host-header (RFC 9112)".to_owned(),
        ));
    }
    None
}
