//! A request as a server the harness plays (a simulated source, the exchange for a mediator)
//! received it: method, path, query, headers (names in lower case) and body as text.

use std::collections::BTreeMap;

use axum::extract::Request;

/// A received request.
#[derive(Clone, Debug)]
pub struct Ontvangen {
    /// `GET`, `POST`.
    pub methode: String,
    /// The path.
    pub pad: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The headers, names in lower case (values lossily as UTF-8).
    pub headers: BTreeMap<String, String>,
    /// The body as text (lossily as UTF-8); empty when longer than `max_body` or unreadable.
    pub body: String,
}

/// Reads `request` whole, at most `max_body` bytes of body.
pub async fn lees(request: Request, max_body: usize) -> Ontvangen {
    let methode = request.method().to_string();
    let pad = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);
    let headers = request
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = axum::body::to_bytes(request.into_body(), max_body)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    Ontvangen {
        methode,
        pad,
        query,
        headers,
        body,
    }
}
