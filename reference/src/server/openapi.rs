//! Serving a committed OpenAPI document at `/api/v3/openapi.json`.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::body::json_text;
use super::error::ApiError;

/// A committed OpenAPI document (`VUM-Bron`, `VUM-Bemiddelaar`), readable from any origin.
pub fn serve(document: &str) -> Response {
    match vum_spec::artifacts::committed_file(&format!("{document}.openapi.json")) {
        Some(text) => {
            let mut response = json_text(text.to_owned());
            response.headers_mut().insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            response
        }
        None => ApiError::Internal.into_response(),
    }
}
