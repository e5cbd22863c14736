//! The trace context and the time limit every request runs in.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::logboek::Trace;

/// Runs a request in its trace context (the caller's trace id when it sent a valid `traceparent`,
/// a new span) within `limit`; past it the answer is `503 500.3` naming `who`.
pub async fn traced_within(
    mut request: Request,
    next: Next,
    limit: std::time::Duration,
    who: &str,
) -> (Trace, Response) {
    let trace = Trace::from_traceparent(
        request
            .headers()
            .get("traceparent")
            .and_then(|v| v.to_str().ok()),
    );
    request.extensions_mut().insert(trace.clone());
    let response = match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Unavailable(format!(
            "{who} antwoordde niet binnen {} s",
            limit.as_secs_f32()
        ))
        .into_response(),
    };
    (trace, response)
}

/// The trace context the decorating middleware put on a request (a new one if none).
pub fn of(request: &Request) -> Trace {
    request
        .extensions()
        .get::<Trace>()
        .cloned()
        .unwrap_or_else(|| Trace::from_traceparent(None))
}
