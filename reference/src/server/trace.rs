//! The trace context and the time limit every request runs in.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

use super::error::ApiError;
use super::logboek::Trace;

/// Runs a request in its trace context (the caller's trace id when it sent a valid `traceparent`,
/// a new span) within `limit`; past it the answer is `503 500.3` naming `who`, unless the node
/// was then still waiting for the request's body: a body shorter than its `Content-Length` (or
/// one that trickles) is the client's fault, `400 400.01`, and the connection is closed.
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
    let (parts, body) = request.into_parts();
    let (body, waiting) = watched(body);
    let request = Request::from_parts(parts, body);
    let response = match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) if waiting.load(Ordering::Acquire) => {
            let mut response = ApiError::Invalid(format!(
                "het bericht kwam niet volledig binnen {} s (korter dan Content-Length?)",
                limit.as_secs_f32()
            ))
            .into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
        Err(_) => ApiError::Unavailable(format!(
            "{who} antwoordde niet binnen {} s",
            limit.as_secs_f32()
        ))
        .into_response(),
    };
    (trace, response)
}

/// The body, and a flag that is true while whoever reads it waits for the client.
fn watched(body: Body) -> (Body, Arc<AtomicBool>) {
    let waiting = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&waiting);
    let mut chunks = body.into_data_stream();
    let stream = futures::stream::poll_fn(move |cx| {
        let polled = chunks.poll_next_unpin(cx);
        flag.store(polled.is_pending(), Ordering::Release);
        polled
    });
    (Body::from_stream(stream), waiting)
}

/// The trace context the decorating middleware put on a request (a new one if none).
pub fn of(request: &Request) -> Trace {
    request
        .extensions()
        .get::<Trace>()
        .cloned()
        .unwrap_or_else(|| Trace::from_traceparent(None))
}
