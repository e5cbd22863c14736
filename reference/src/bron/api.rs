//! The source's HTTP API for the exchange (contracts VUM-Bron-WerkzoekendeProfielen and
//! VUM-Bron-Vacatures) under `/api/v3`.
//!
//! Every request passes [`decorate`] (trace context, response headers, time limit) and the HTTP
//! rules of [`protocol`]; API requests also pass [`guard`] (client certificate, maintenance,
//! headers, rate limit).

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::value::RawValue;
use vum_spec::Kind;
use vum_spec::berichten::{
    BronVacatureMatchesResponse, BronWerkzoekendeMatchesResponse, VacatureMatchesRequest,
    WerkzoekendeMatchesRequest,
};
use vum_spec::geo::UnknownArea;
use vum_spec::headers::{
    BRON_REQUEST_HEADERS, Oin, X_VUM_FROM_PARTY, X_VUM_TO_PARTY, X_VUM_VIA_PARTY,
};

use super::Bron;
use super::index::{Hits, Index};
use super::selectie::{VacatureVraagPlan, WerkzoekendeVraagPlan};
use super::suwi::withhold;
use crate::server::admission::ClientAddress;
use crate::server::admission::{PeerIdentity, admit, caller, refuse};
use crate::server::body::{json_sized, json_text, valid_id};
use crate::server::database::blocking;
use crate::server::deelnemers::Rol;
use crate::server::error::ApiError;
use crate::server::headers::{self, Parties};
use crate::server::logboek::{Caller, Operatie, Trace, entry};
use crate::server::protocol;
use crate::server::trace::{self, traced_within};
use crate::server::zoekvraag::{Zoekvraag, read_question};
use vum_spec::versie::Versie;

/// What the guard learned about an API request.
#[derive(Clone, Debug)]
struct Context {
    caller: Caller,
    /// Whether the asking controller takes part in SUWI, as the exchange says.
    suwi: bool,
    /// The version asked for.
    versie: &'static Versie,
}

/// The bytes of an answer around its profiles: `{"maximumAantalResultatenBereikt":false,"matches":[]}`.
const ENVELOPE: usize = 64;

/// A question a source answers from its index.
trait Doorzoekbaar: Zoekvraag {
    /// The profiles of `index` that answer it, at most `limit`.
    fn search<'i>(&self, index: &'i Index, limit: usize) -> Result<Hits<'i>, UnknownArea>;

    /// The answer with these prepared matching profiles, serialised from the index once.
    fn answer(hits: Hits<'_>) -> Response;
}

impl Doorzoekbaar for WerkzoekendeMatchesRequest {
    fn search<'i>(&self, index: &'i Index, limit: usize) -> Result<Hits<'i>, UnknownArea> {
        let plan = WerkzoekendeVraagPlan::compile(&self.vraag_object, index.codes())?;
        Ok(index.search_werkzoekenden(&plan, limit))
    }

    fn answer(hits: Hits<'_>) -> Response {
        let capacity = hits.bytes() + ENVELOPE;
        json_sized(
            &BronWerkzoekendeMatchesResponse::<&RawValue> {
                maximum_aantal_resultaten_bereikt: hits.more,
                matches: hits.profielen,
            },
            capacity,
        )
    }
}

impl Doorzoekbaar for VacatureMatchesRequest {
    fn search<'i>(&self, index: &'i Index, limit: usize) -> Result<Hits<'i>, UnknownArea> {
        let plan = VacatureVraagPlan::compile(&self.vraag_object, index.codes())?;
        Ok(index.search_vacatures(&plan, limit))
    }

    fn answer(hits: Hits<'_>) -> Response {
        let capacity = hits.bytes() + ENVELOPE;
        json_sized(
            &BronVacatureMatchesResponse::<&RawValue> {
                maximum_aantal_resultaten_bereikt: hits.more,
                matches: hits.profielen,
            },
            capacity,
        )
    }
}

/// The source's router: the API under `/api/v3`.
pub fn router(bron: Bron) -> Router {
    let api = Router::new()
        .route(
            &Kind::Werkzoekende.matches_path(),
            post(matches::<WerkzoekendeMatchesRequest>),
        )
        .route(
            &Kind::Werkzoekende.detail_path("{id}"),
            get(detail).layer(axum::Extension(Kind::Werkzoekende)),
        )
        .route(
            &Kind::Vacature.matches_path(),
            post(matches::<VacatureMatchesRequest>),
        )
        .route(
            &Kind::Vacature.detail_path("{id}"),
            get(detail).layer(axum::Extension(Kind::Vacature)),
        )
        .route_layer(middleware::from_fn_with_state(bron.clone(), guard));
    Router::new()
        .route("/api/v3/openapi.json", get(openapi))
        .nest("/api/v3", api)
        .fallback(|| async { ApiError::NotFound("onbekend pad".to_owned()) })
        .layer(middleware::from_fn(protocol::check))
        .layer(middleware::from_fn_with_state(bron.clone(), decorate))
        .with_state(bron)
}

async fn decorate(State(bron): State<Bron>, request: Request, next: Next) -> Response {
    let from = request
        .headers()
        .get(X_VUM_FROM_PARTY)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let versie = headers::answer_version(request.headers(), bron.config().concept);
    let limit = bron.config().limits.request_deadline;
    let (trace, mut response) = traced_within(request, next, limit, "de bron").await;
    let config = bron.config();
    headers::decorate(
        response.headers_mut(),
        headers::ResponseParties {
            from: config.controller_oin.as_str(),
            to: from.as_deref(),
            via: Some(config.processor_oin.as_str()),
        },
        &versie,
        config.participants.is_some(),
        &trace.traceparent(),
    );
    response
}

/// Why the headers of a request to a source are refused.
enum HeaderProblem {
    /// Missing or malformed: answered with 400.
    Bad(ApiError),
    /// Well-formed, but addressed to another party (§3.2): answered with 401.
    NotForUs(String),
}

/// The request's VUM headers against this source's OINs; the SUWI flag and the version when they
/// hold.
fn check_headers(
    request: &HeaderMap,
    bron: &Bron,
) -> Result<(bool, &'static Versie), HeaderProblem> {
    let headers::Verzoek {
        parties,
        suwi,
        versie,
    } = headers::parse(request, &BRON_REQUEST_HEADERS, bron.config().concept)
        .map_err(HeaderProblem::Bad)?;
    let Parties {
        to_party,
        via_party,
        ..
    } = parties;
    let ours = |oin: &Oin, own: &Oin| oin == own;
    if !ours(&to_party, &bron.config().controller_oin) {
        return Err(HeaderProblem::NotForUs(format!(
            "{X_VUM_TO_PARTY} {to_party} is niet de verwerkingsverantwoordelijke van deze bron"
        )));
    }
    if !ours(&via_party, &bron.config().processor_oin) {
        return Err(HeaderProblem::NotForUs(format!(
            "{X_VUM_VIA_PARTY} {via_party} is niet de verwerker van deze bron"
        )));
    }
    // Required above, so read.
    Ok((suwi.unwrap_or(false), versie))
}

async fn guard(State(bron): State<Bron>, mut request: Request, next: Next) -> Response {
    let trace = trace::of(&request);
    let address = request.extensions().get::<ClientAddress>().copied();
    let mut caller = caller(request.headers());
    if let Some(participants) = &bron.config().participants {
        let identity = request.extensions().get::<PeerIdentity>().cloned();
        let verdict = admit(identity, participants, &[Rol::Uitwisseling], &mut caller);
        if let Err(reason) = verdict {
            return refuse(
                bron.logboek(),
                bron.refusals(),
                address,
                &trace,
                &caller,
                &reason,
            )
            .await;
        }
    }
    if bron.maintenance() {
        return ApiError::Unavailable("de bron is in onderhoud".to_owned()).into_response();
    }
    let (suwi, versie) = match check_headers(request.headers(), &bron) {
        Ok(checked) => checked,
        Err(HeaderProblem::Bad(error)) => return error.into_response(),
        Err(HeaderProblem::NotForUs(reason)) => {
            return refuse(
                bron.logboek(),
                bron.refusals(),
                address,
                &trace,
                &caller,
                &reason,
            )
            .await;
        }
    };
    let key = caller
        .certificaat_oin
        .clone()
        .or_else(|| caller.from_party.clone())
        .unwrap_or_default();
    if let Err(seconds) = bron.take_token(&key) {
        return ApiError::TooMany(seconds).into_response();
    }
    request.extensions_mut().insert(Context {
        caller,
        suwi,
        versie,
    });
    next.run(request).await
}

/// A question, answered from the index with the matching profiles prepared at import; one log
/// record per profile is committed before the answer leaves.
async fn matches<Q: Doorzoekbaar>(
    State(bron): State<Bron>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    request_headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (_, request) = read_question::<Q>(
        &request_headers,
        body,
        bron.config().limits.body,
        context.versie,
    )
    .await?;
    // The answer is written while the index is read, from the profiles where they are; it leaves
    // only once its log record is committed.
    let (ids, answer) = {
        let index = bron.index();
        let hits = request
            .search(&index, bron.config().max_results)
            .map_err(|e| ApiError::Invalid(e.to_string()))?;
        let ids: Vec<String> = hits.ids.iter().map(|id| (*id).to_owned()).collect();
        (ids, Q::answer(hits))
    };
    let operatie = Operatie::Matches.of(Q::KIND);
    let entry = entry(&trace, &context.caller, &operatie, ids, "verstrekt");
    bron.logboek().commit(vec![entry]).await?;
    Ok(answer)
}

/// The stored document, as imported; without the SUWI-only fields for a caller outside SUWI.
async fn detail(
    State(bron): State<Bron>,
    axum::Extension(kind): axum::Extension<Kind>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if !valid_id(&id, 200) {
        return Err(ApiError::Invalid(
            "het id mag alleen letters, cijfers en _ . - bevatten (1 tot 200 tekens)".to_owned(),
        ));
    }
    let withheld = if context.suwi {
        Vec::new()
    } else {
        bron.config().suwi_only_fields.clone()
    };
    let entry = entry(
        &trace,
        &context.caller,
        &Operatie::Detail.of(kind),
        vec![id.clone()],
        "verstrekt",
    );
    let found = blocking(bron.store(), move |store| {
        Ok::<_, crate::server::database::DatabaseError>(
            store
                .document(kind, &id)?
                .map(|document| withhold(document, &withheld)),
        )
    })
    .await?;
    if found.is_some() {
        bron.logboek().commit(vec![entry]).await?;
    }
    // The stored document is the imported text, valid against the detail schema at import.
    found
        .map(json_text)
        .ok_or_else(|| ApiError::NotFound(format!("geen {kind} met dit id")))
}

async fn openapi() -> Response {
    crate::server::openapi::serve(vum_spec::openapi::BRON_DOCUMENT)
}
