//! The HTTP API of the source role: routes, middleware and handlers.
//!
//! Every request passes [`decorate`] (trace context, response headers, time limit); API requests
//! also pass [`guard`] (client certificate, maintenance, headers, rate limit).

pub mod body;
pub mod error;
pub mod headers;
pub mod zoekvraag;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use vum_spec::berichten::{VacatureMatchesRequest, WerkzoekendeMatchesRequest};
use vum_spec::headers::{Oin, X_VUM_FROM_PARTY};

use self::body::{BodyLimits, json_response, valid_id};
use self::error::ApiError;
use self::headers::{HeaderProblem, VumHeaders};
use self::zoekvraag::{Zoekvraag, read_question};
use crate::config::{Participants, Rol};
use crate::logboek::{Caller, Trace, record};
use crate::node::Node;
use crate::store::{Kind, Store, StoreError};

/// The identity a TLS connection presented: the OIN of a valid client certificate, or why there
/// is none. Inserted per connection by the TLS listener; absent in plain HTTP mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerIdentity(pub Result<Oin, String>);

/// What the guard learned about an API request.
#[derive(Clone, Debug)]
struct Context {
    caller: Caller,
    headers: VumHeaders,
}

/// The node's router: the API under `/api/v3`.
pub fn router(node: Node) -> Router {
    let api = Router::new()
        .route(
            "/werkzoekendeProfielen/matches",
            post(matches::<WerkzoekendeMatchesRequest>),
        )
        .route("/werkzoekendeProfielen/{id}", get(werkzoekende_detail))
        .route(
            "/vacatures/matches",
            post(matches::<VacatureMatchesRequest>),
        )
        .route("/vacatures/{id}", get(vacature_detail))
        .route_layer(middleware::from_fn_with_state(node.clone(), guard));
    Router::new()
        .route("/api/v3/openapi.json", get(openapi))
        .nest("/api/v3", api)
        .fallback(|| async { ApiError::NotFound("onbekend pad".to_owned()) })
        .layer(middleware::from_fn_with_state(node.clone(), decorate))
        .with_state(node)
}

async fn decorate(State(node): State<Node>, request: Request, next: Next) -> Response {
    let from = request
        .headers()
        .get(X_VUM_FROM_PARTY)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let limit = node.config().request_timeout;
    let (trace, mut response) = traced_within(request, next, limit, "de bron").await;
    let config = node.config();
    headers::decorate(
        response.headers_mut(),
        headers::ResponseParties {
            from: config.controller_oin.as_str(),
            to: from.as_deref(),
            via: Some(config.processor_oin.as_str()),
        },
        config.participants.is_some(),
        &trace.traceparent(),
    );
    response
}

/// Runs a request in its trace context (the caller's trace id when it sent a valid `traceparent`,
/// a new span) within `limit`; past it the answer is `503 500.3` naming `who`.
pub(crate) async fn traced_within(
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

async fn guard(State(node): State<Node>, mut request: Request, next: Next) -> Response {
    let trace = request
        .extensions()
        .get::<Trace>()
        .cloned()
        .unwrap_or_else(|| Trace::from_traceparent(None));
    let mut caller = Caller {
        from_party: well_formed_oin(request.headers(), X_VUM_FROM_PARTY),
        via_party: well_formed_oin(request.headers(), vum_spec::headers::X_VUM_VIA_PARTY),
        certificaat_oin: None,
    };
    if let Some(participants) = &node.config().participants {
        let identity = request.extensions().get::<PeerIdentity>().cloned();
        let verdict = admit(identity, participants, &[Rol::Uitwisseling], &mut caller);
        if let Err(reason) = verdict {
            return refuse(node.store(), &trace, &caller, &reason).await;
        }
    }
    if node.maintenance() {
        return ApiError::Unavailable("de bron is in onderhoud".to_owned()).into_response();
    }
    let headers = match headers::check(request.headers(), node.config()) {
        Ok(headers) => headers,
        Err(HeaderProblem::Bad(error)) => return error.into_response(),
        Err(HeaderProblem::NotForUs(reason)) => {
            return refuse(node.store(), &trace, &caller, &reason).await;
        }
    };
    let key = caller
        .certificaat_oin
        .clone()
        .unwrap_or_else(|| headers.from_party.to_string());
    if let Err(seconds) = node.take_token(&key) {
        return ApiError::TooMany(seconds).into_response();
    }
    request.extensions_mut().insert(Context { caller, headers });
    next.run(request).await
}

/// The verdict on a connection's client certificate: valid, and its OIN registered in one of
/// `roles`. The OIN of a valid certificate goes into `caller` either way, for the audit record.
pub(crate) fn admit(
    identity: Option<PeerIdentity>,
    participants: &Participants,
    roles: &[Rol],
    caller: &mut Caller,
) -> Result<(), String> {
    let oin = match identity {
        None => return Err("geen TLS-verbinding".to_owned()),
        Some(PeerIdentity(Err(reason))) => return Err(reason),
        Some(PeerIdentity(Ok(oin))) => oin,
    };
    caller.certificaat_oin = Some(oin.to_string());
    match participants.get(oin.as_str()) {
        None => Err(format!("OIN {oin} staat niet in de deelnemerslijst")),
        Some(d) if !roles.contains(&d.rol) => Err(format!(
            "OIN {oin} ({}) is niet {}",
            d.naam,
            roles
                .iter()
                .map(|r| r.omschrijving())
                .collect::<Vec<_>>()
                .join(" of ")
        )),
        Some(_) => Ok(()),
    }
}

pub(crate) fn well_formed_oin(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<Oin>().ok())
        .map(|o| o.to_string())
}

/// 401 with an audit record of why.
pub(crate) async fn refuse(
    store: &Arc<Store>,
    trace: &Trace,
    caller: &Caller,
    reason: &str,
) -> Response {
    let entry = record(
        trace,
        caller,
        "toegang",
        None,
        &format!("geweigerd: {reason}"),
    );
    let store = Arc::clone(store);
    let logged = tokio::task::spawn_blocking(move || store.log(&[entry])).await;
    if !matches!(logged, Ok(Ok(()))) {
        eprintln!("vum-node: could not write the audit record of a refused request ({reason})");
    }
    ApiError::Unauthorized.into_response()
}

/// Runs storage work off the async threads; a storage failure is `500.1` (and the operator's log).
pub(crate) async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    work: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    let store = Arc::clone(store);
    match tokio::task::spawn_blocking(move || work(&store)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => {
            eprintln!("vum-node: {error}");
            Err(ApiError::Internal)
        }
        Err(error) => {
            eprintln!("vum-node: storage task failed: {error}");
            Err(ApiError::Internal)
        }
    }
}

fn limits(node: &Node) -> BodyLimits {
    BodyLimits {
        bytes: node.config().body_limit,
        depth: node.config().max_depth,
    }
}

/// A question, answered from the index.
async fn matches<Q: Zoekvraag>(
    State(node): State<Node>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    request_headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (_, request) = read_question::<Q>(&request_headers, body, limits(&node)).await?;
    let hits = request
        .search(&node.index(), node.config().max_results)
        .map_err(|e| ApiError::Invalid(e.to_string()))?;
    answer_matches(&node, Q::KIND, &context, &trace, hits).await
}

/// Loads the prepared matching profiles, commits one log record per profile, then answers.
async fn answer_matches(
    node: &Node,
    kind: Kind,
    context: &Context,
    trace: &Trace,
    hits: crate::index::Hits,
) -> Result<Response, ApiError> {
    let records: Vec<_> = hits
        .ids
        .iter()
        .map(|id| {
            record(
                trace,
                &context.caller,
                kind.operatie(false),
                Some(id),
                "verstrekt",
            )
        })
        .collect();
    let ids = hits.ids;
    let profiles = blocking(node.store(), move |store| {
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let profiles = store.matching_profiles(kind, &refs)?;
        store.log(&records)?;
        Ok(profiles)
    })
    .await?;
    Ok(json_response(format!(
        "{{\"maximumAantalResultatenBereikt\":{},\"matches\":[{}]}}",
        hits.more,
        profiles.join(",")
    )))
}

async fn werkzoekende_detail(
    State(node): State<Node>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    detail(&node, Kind::Werkzoekende, &context, &trace, id).await
}

async fn vacature_detail(
    State(node): State<Node>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    detail(&node, Kind::Vacature, &context, &trace, id).await
}

/// The stored document, as imported; without the SUWI-only fields for a caller outside SUWI.
async fn detail(
    node: &Node,
    kind: Kind,
    context: &Context,
    trace: &Trace,
    id: String,
) -> Result<Response, ApiError> {
    if !valid_id(&id, 200) {
        return Err(ApiError::Invalid(
            "het id mag alleen letters, cijfers en _ . - bevatten (1 tot 200 tekens)".to_owned(),
        ));
    }
    let withheld = if context.headers.suwi {
        Vec::new()
    } else {
        node.config().suwi_only_fields.clone()
    };
    let entry = record(
        trace,
        &context.caller,
        kind.operatie(true),
        Some(&id),
        "verstrekt",
    );
    let found = blocking(node.store(), move |store| {
        let Some(document) = store.document(kind, &id)? else {
            return Ok(None);
        };
        let document = withhold(document, &withheld);
        store.log(&[entry])?;
        Ok(Some(document))
    })
    .await?;
    found
        .map(json_response)
        .ok_or_else(|| ApiError::NotFound(format!("geen {} met dit id", kind.name())))
}

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

async fn openapi() -> Response {
    serve_openapi(&format!(
        "{}.openapi.json",
        vum_spec::openapi::BRON_DOCUMENT
    ))
}

/// A committed OpenAPI document, readable from any origin.
pub(crate) fn serve_openapi(file: &str) -> Response {
    match vum_spec::artifacts::committed_file(file) {
        Some(text) => {
            let mut response = json_response(text.to_owned());
            response.headers_mut().insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            response
        }
        None => ApiError::Internal.into_response(),
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
