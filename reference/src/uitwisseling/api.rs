//! The exchange's HTTP API for mediators (contracts VUM-Bemiddelaar-WerkzoekendeProfielen and
//! VUM-Bemiddelaar-Vacatures) under `/api/v3`.
//!
//! Every request passes [`decorate`] (trace context, response headers, overall deadline); API
//! requests also pass [`guard`] (client certificate, headers, registry, rate limit).

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use vum_spec::berichten::{VacatureMatchesRequest, WerkzoekendeMatchesRequest};
use vum_spec::headers::{X_VUM_FROM_PARTY, X_VUM_VIA_PARTY};

use super::fanout::{BronDetail, BronMatches, Namens};
use super::vumid::{Pseudonym, VUM_ID_MAX, VraagId};
use super::{Exchange, LimitReached};
use crate::config::Rol;
use crate::http::PeerIdentity;
use crate::http::body::{BodyLimits, json_response, valid_id};
use crate::http::error::ApiError;
use crate::http::headers::{self, Parties};
use crate::http::zoekvraag::{Zoekvraag, read_question};
use crate::http::{admit, blocking, refuse, traced_within, well_formed_oin};
use crate::logboek::{Caller, Trace, record};
use crate::store::Kind;

/// What the guard learned about an API request.
#[derive(Clone, Debug)]
struct Context {
    caller: Caller,
    parties: Parties,
    /// From the registry, never from the caller.
    suwi: bool,
}

/// The exchange's router: the API under `/api/v3`.
pub fn router(exchange: Exchange) -> Router {
    let api = Router::new()
        .route(
            "/werkzoekendeProfielen/matches",
            post(matches::<WerkzoekendeMatchesRequest>),
        )
        .route("/werkzoekendeProfielen/{vum_id}", get(werkzoekende_detail))
        .route(
            "/vacatures/matches",
            post(matches::<VacatureMatchesRequest>),
        )
        .route("/vacatures/{vum_id}", get(vacature_detail))
        .route_layer(middleware::from_fn_with_state(exchange.clone(), guard));
    Router::new()
        .route("/api/v3/openapi.json", get(openapi))
        .nest("/api/v3", api)
        .fallback(|| async { ApiError::NotFound("onbekend pad".to_owned()) })
        .layer(middleware::from_fn_with_state(exchange.clone(), decorate))
        .with_state(exchange)
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

async fn decorate(State(exchange): State<Exchange>, request: Request, next: Next) -> Response {
    let from = header(request.headers(), X_VUM_FROM_PARTY);
    let via = header(request.headers(), X_VUM_VIA_PARTY);
    let limit = exchange.request_deadline();
    let (trace, mut response) =
        traced_within(request, next, limit, "de uitwisselingsvoorziening").await;
    headers::decorate(
        response.headers_mut(),
        headers::ResponseParties {
            from: exchange.config().oin.as_str(),
            to: from.as_deref(),
            via: via.as_deref(),
        },
        exchange.config().tls,
        &trace.traceparent(),
    );
    response
}

async fn guard(State(exchange): State<Exchange>, mut request: Request, next: Next) -> Response {
    let trace = request
        .extensions()
        .get::<Trace>()
        .cloned()
        .unwrap_or_else(|| Trace::from_traceparent(None));
    let mut caller = Caller {
        from_party: well_formed_oin(request.headers(), X_VUM_FROM_PARTY),
        via_party: well_formed_oin(request.headers(), X_VUM_VIA_PARTY),
        certificaat_oin: None,
    };
    let config = exchange.config();
    let store = exchange.store();
    if config.tls {
        let identity = request.extensions().get::<PeerIdentity>().cloned();
        let roles = [Rol::Bemiddelaar, Rol::Verwerker];
        if let Err(reason) = admit(identity, &config.participants, &roles, &mut caller) {
            return refuse(store, &trace, &caller, &reason).await;
        }
    }
    let parties = match headers::parse(
        request.headers(),
        &vum_spec::headers::BEMIDDELAAR_REQUEST_HEADERS,
    ) {
        Ok((parties, _)) => parties,
        Err(error) => return error.into_response(),
    };
    let verdict = if parties.to_party != config.oin {
        Err(format!(
            "X-VUM-toParty {} is niet de uitwisselingsvoorziening",
            parties.to_party
        ))
    } else if caller
        .certificaat_oin
        .as_deref()
        .is_some_and(|cert| cert != parties.via_party.as_str())
    {
        Err(format!(
            "X-VUM-viaParty {} is niet het OIN van het clientcertificaat",
            parties.via_party
        ))
    } else {
        match config.participants.get(parties.from_party.as_str()) {
            Some(d) if d.rol == Rol::Bemiddelaar => Ok(d.suwi),
            _ => Err(format!(
                "X-VUM-fromParty {} is geen geregistreerde bemiddelaar",
                parties.from_party
            )),
        }
    };
    let suwi = match verdict {
        Ok(suwi) => suwi,
        Err(reason) => return refuse(store, &trace, &caller, &reason).await,
    };
    let key = caller
        .certificaat_oin
        .clone()
        .unwrap_or_else(|| parties.from_party.to_string());
    if let Err(seconds) = exchange.take_token(&key) {
        return ApiError::TooMany(seconds).into_response();
    }
    request.extensions_mut().insert(Context {
        caller,
        parties,
        suwi,
    });
    next.run(request).await
}

fn limits(exchange: &Exchange) -> BodyLimits {
    BodyLimits {
        bytes: exchange.config().body_limit,
        depth: exchange.config().max_depth,
    }
}

/// A question, passed on to every source.
async fn matches<Q: Zoekvraag>(
    State(exchange): State<Exchange>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    request_headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (bytes, request) = read_question::<Q>(&request_headers, body, limits(&exchange)).await?;
    request
        .check()
        .map_err(|e| ApiError::Invalid(e.to_string()))?;
    fan_out(&exchange, Q::KIND, &context, &trace, bytes).await
}

fn now_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// Asks every source at once, then answers with the matches of those that answered in time and
/// within the contract, each under a new `vumID`.
async fn fan_out(
    exchange: &Exchange,
    kind: Kind,
    context: &Context,
    trace: &Trace,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let traceparent = trace.traceparent();
    let namens = Namens {
        from_party: &context.parties.from_party,
        suwi: context.suwi,
        traceparent: &traceparent,
    };
    let answers = futures::future::join_all(
        exchange
            .inner
            .bronnen
            .iter()
            .map(|v| v.matches(kind, namens, body.clone())),
    )
    .await;
    let vraag_id = VraagId::new().map_err(|e| {
        eprintln!("vum-node: {e}");
        ApiError::Internal
    })?;
    let issued = now_seconds();
    let id_field = kind.id_field();
    let asker = context.parties.from_party.as_str();
    let operatie = kind.operatie(false);
    let mut records = Vec::new();
    let mut matches = Vec::new();
    let mut more = false;
    let mut failed = Vec::new();
    for (verbinding, answer) in exchange.inner.bronnen.iter().zip(answers) {
        let bron_id = &verbinding.bron.bron_id;
        let BronMatches {
            more: bron_more,
            matches: bron_matches,
        } = match answer {
            Ok(answer) => answer,
            Err(reason) => {
                eprintln!("vum-node: uitwisseling: bron {bron_id} weggelaten: {reason}");
                records.push(record(
                    trace,
                    &context.caller,
                    operatie,
                    None,
                    &format!("bron {bron_id} weggelaten: {reason}"),
                ));
                failed.push(format!("{bron_id}: {reason}"));
                continue;
            }
        };
        more |= bron_more;
        for mut profile in bron_matches {
            let Some(Value::String(id)) = profile.remove(id_field) else {
                continue;
            };
            let pseudonym = Pseudonym {
                vraag_id,
                issued,
                bron_id: bron_id.clone(),
                id,
            };
            let vum_id = exchange.key().seal(kind, asker, &pseudonym).map_err(|e| {
                eprintln!("vum-node: uitwisseling: {e}");
                ApiError::Internal
            })?;
            records.push(record(
                trace,
                &context.caller,
                operatie,
                Some(&vum_id),
                "verstrekt",
            ));
            profile.insert("vumID".to_owned(), Value::String(vum_id));
            matches.push(Value::Object(profile));
        }
    }
    blocking(exchange.store(), move |store| store.log(&records)).await?;
    if failed.len() == exchange.inner.bronnen.len() {
        return Err(ApiError::Unavailable(format!(
            "geen bron beschikbaar ({})",
            failed.join("; ")
        )));
    }
    let answer = serde_json::json!({
        "maximumAantalResultatenBereikt": more,
        "vraagID": vraag_id.to_string(),
        "matches": matches,
    });
    Ok(json_response(answer.to_string()))
}

async fn werkzoekende_detail(
    State(exchange): State<Exchange>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    Path(vum_id): Path<String>,
) -> Result<Response, ApiError> {
    detail(&exchange, Kind::Werkzoekende, &context, &trace, vum_id).await
}

async fn vacature_detail(
    State(exchange): State<Exchange>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    Path(vum_id): Path<String>,
) -> Result<Response, ApiError> {
    detail(&exchange, Kind::Vacature, &context, &trace, vum_id).await
}

/// Resolves the `vumID` and relays the source's document unchanged, next to the `bronID`.
async fn detail(
    exchange: &Exchange,
    kind: Kind,
    context: &Context,
    trace: &Trace,
    vum_id: String,
) -> Result<Response, ApiError> {
    if !valid_id(&vum_id, VUM_ID_MAX) {
        return Err(ApiError::Invalid(
            "het vumID mag alleen letters, cijfers en _ . - bevatten (1 tot 500 tekens)".to_owned(),
        ));
    }
    let unknown = || ApiError::NotFound("onbekend of verlopen vumID".to_owned());
    let asker = context.parties.from_party.as_str();
    let pseudonym = exchange
        .key()
        .open(kind, asker, &vum_id)
        .ok_or_else(unknown)?;
    let now = now_seconds();
    if now.saturating_sub(pseudonym.issued) > exchange.config().pseudonym_ttl.as_secs() {
        return Err(unknown());
    }
    let verbinding = exchange
        .verbinding(&pseudonym.bron_id)
        .ok_or_else(unknown)?;
    let reserved = exchange
        .reserve(pseudonym.vraag_id, pseudonym.issued, &vum_id, now)
        .map_err(|LimitReached| ApiError::DetailLimit(exchange.config().max_details))?;
    let traceparent = trace.traceparent();
    let namens = Namens {
        from_party: &context.parties.from_party,
        suwi: context.suwi,
        traceparent: &traceparent,
    };
    let outcome = verbinding.detail(kind, namens, &pseudonym.id).await;
    let operatie = kind.operatie(true);
    let bron_id = &pseudonym.bron_id;
    let document = match outcome {
        Ok(BronDetail::Found(document)) => document,
        other => {
            if reserved {
                exchange.release(pseudonym.vraag_id, &vum_id);
            }
            let failure = other.err();
            return Err(detail_failure(
                exchange,
                context,
                trace,
                operatie,
                (&vum_id, bron_id),
                failure,
            )
            .await);
        }
    };
    let entry = record(trace, &context.caller, operatie, Some(&vum_id), "verstrekt");
    blocking(exchange.store(), move |store| store.log(&[entry])).await?;
    let field = kind.name();
    let bron_id = serde_json::to_string(bron_id).map_err(|_| ApiError::Internal)?;
    Ok(json_response(format!(
        "{{\"bronID\":{bron_id},\"{field}\":{document}}}"
    )))
}

/// The answer to a detail the source did not give (`failure` `None`: the source does not know the
/// id), with a log record of why.
async fn detail_failure(
    exchange: &Exchange,
    context: &Context,
    trace: &Trace,
    operatie: &'static str,
    (vum_id, bron_id): (&str, &str),
    failure: Option<String>,
) -> ApiError {
    let (error, uitkomst) = match failure {
        None => (
            ApiError::NotFound("de bron kent dit profiel niet (meer)".to_owned()),
            format!("bron {bron_id}: niet gevonden"),
        ),
        Some(reason) => {
            eprintln!("vum-node: uitwisseling: detail van bron {bron_id} mislukt: {reason}");
            (
                ApiError::Unavailable(format!("bron {bron_id} is niet beschikbaar ({reason})")),
                format!("bron {bron_id} mislukt: {reason}"),
            )
        }
    };
    let entry = record(trace, &context.caller, operatie, Some(vum_id), &uitkomst);
    if let Err(e) = blocking(exchange.store(), move |store| store.log(&[entry])).await {
        return e;
    }
    error
}

async fn openapi() -> Response {
    crate::http::serve_openapi(&format!(
        "{}.openapi.json",
        vum_spec::openapi::BEMIDDELAAR_DOCUMENT
    ))
}
