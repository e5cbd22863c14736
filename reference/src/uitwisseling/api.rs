//! The exchange's HTTP API for mediators (contracts VUM-Bemiddelaar-WerkzoekendeProfielen and
//! VUM-Bemiddelaar-Vacatures) under `/api/v3`.
//!
//! Every request passes [`decorate`] (trace context, response headers, overall deadline) and the
//! HTTP rules of [`protocol`]; API requests also pass [`guard`] (client certificate, headers,
//! registry, rate limit).

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use serde_json::value::RawValue;
use vum_spec::Kind;
use vum_spec::berichten::{
    VacatureDetailResponse, VacatureMatchesRequest, VacatureMatchesResponse,
    WerkzoekendeDetailResponse, WerkzoekendeMatchesRequest, WerkzoekendeMatchesResponse,
};
use vum_spec::headers::{BEMIDDELAAR_REQUEST_HEADERS, X_VUM_FROM_PARTY, X_VUM_VIA_PARTY};
use vum_spec::primitives::VraagId as VraagIdText;

use vum_spec::versie::Versie;

use super::afwijking::Afwijking;
use super::fanout::{BronDetail, BronMatches, Namens};
use super::vumid::{Pseudonym, VUM_ID_MAX, VraagId};
use super::{Reservering, Uitwisseling};
use crate::server::admission::ClientAddress;
use crate::server::admission::{PeerIdentity, admit, caller, refuse};
use crate::server::body::{json, valid_id};
use crate::server::deelnemers::Rol;
use crate::server::error::ApiError;
use crate::server::headers::{self, Parties};
use crate::server::logboek::{Caller, Operatie, Trace, entry};
use crate::server::protocol;
use crate::server::trace::{self, traced_within};
use crate::server::zoekvraag::{Zoekvraag, read_question};

/// What the guard learned about an API request.
#[derive(Clone, Debug)]
struct Context {
    caller: Caller,
    parties: Parties,
    /// From the registry, never from the caller.
    suwi: bool,
    /// The version asked for; the sources are asked in it.
    versie: &'static Versie,
}

/// The exchange's router: the API under `/api/v3`.
pub fn router(exchange: Uitwisseling) -> Router {
    let api = Router::new()
        .route(
            &Kind::Werkzoekende.matches_path(),
            post(matches::<WerkzoekendeMatchesRequest>),
        )
        .route(
            &Kind::Werkzoekende.detail_path("{vum_id}"),
            get(detail).layer(axum::Extension(Kind::Werkzoekende)),
        )
        .route(
            &Kind::Vacature.matches_path(),
            post(matches::<VacatureMatchesRequest>),
        )
        .route(
            &Kind::Vacature.detail_path("{vum_id}"),
            get(detail).layer(axum::Extension(Kind::Vacature)),
        )
        .route_layer(middleware::from_fn_with_state(exchange.clone(), guard));
    Router::new()
        .route("/api/v3/openapi.json", get(openapi))
        .nest("/api/v3", api)
        .fallback(|| async { ApiError::NotFound("onbekend pad".to_owned()) })
        .layer(middleware::from_fn(protocol::check))
        .layer(middleware::from_fn_with_state(exchange.clone(), decorate))
        .with_state(exchange)
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

async fn decorate(State(exchange): State<Uitwisseling>, request: Request, next: Next) -> Response {
    let from = header(request.headers(), X_VUM_FROM_PARTY);
    let via = header(request.headers(), X_VUM_VIA_PARTY);
    let versie = headers::answer_version(request.headers(), exchange.config().concept);
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
        &versie,
        exchange.config().tls,
        &trace.traceparent(),
    );
    response
}

async fn guard(State(exchange): State<Uitwisseling>, mut request: Request, next: Next) -> Response {
    let trace = trace::of(&request);
    let address = request.extensions().get::<ClientAddress>().copied();
    let mut caller = caller(request.headers());
    let config = exchange.config();
    let refused = |caller: Caller, reason: String| {
        let exchange = exchange.clone();
        let trace = trace.clone();
        async move {
            refuse(
                exchange.logboek(),
                exchange.refusals(),
                address,
                &trace,
                &caller,
                &reason,
            )
            .await
        }
    };
    if config.tls {
        let identity = request.extensions().get::<PeerIdentity>().cloned();
        let roles = [Rol::Bemiddelaar, Rol::Verwerker];
        if let Err(reason) = admit(identity, &config.participants, &roles, &mut caller) {
            let served_anyway =
                exchange.afwijking(Afwijking::OnbekendeVrager) && caller.certificaat_oin.is_some();
            if !served_anyway {
                return refused(caller, reason).await;
            }
        }
    }
    let (parties, versie) = match headers::parse(
        request.headers(),
        &BEMIDDELAAR_REQUEST_HEADERS,
        config.concept,
    ) {
        Ok(verzoek) => (verzoek.parties, verzoek.versie),
        Err(error) => return error.into_response(),
    };
    let verdict = if parties.to_party != config.oin {
        Err(format!(
            "X-VUM-toParty {} is niet de uitwisselingsvoorziening",
            parties.to_party
        ))
    } else if !exchange.afwijking(Afwijking::ViaPartyOngecontroleerd)
        && caller
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
            Some(d) if d.rol == Rol::Bemiddelaar => {
                // Only the controller itself, or a processor registered for it, may ask in its
                // name: another mediator's certificate with this fromParty is refused.
                let via = caller
                    .certificaat_oin
                    .as_deref()
                    .unwrap_or(parties.via_party.as_str());
                if exchange.afwijking(Afwijking::FromPartyOngebonden)
                    || config
                        .participants
                        .mag_vragen_namens(via, parties.from_party.as_str())
                {
                    Ok(d.suwi)
                } else {
                    Err(format!(
                        "{via} mag niet vragen namens X-VUM-fromParty {}: het is die bemiddelaar niet en geen verwerker die voor haar geregistreerd is",
                        parties.from_party
                    ))
                }
            }
            _ if exchange.afwijking(Afwijking::OnbekendeVrager) => Ok(false),
            _ => Err(format!(
                "X-VUM-fromParty {} is geen geregistreerde bemiddelaar",
                parties.from_party
            )),
        }
    };
    let mut suwi = match verdict {
        Ok(suwi) => suwi,
        Err(reason) => return refused(caller, reason).await,
    };
    if exchange.afwijking(Afwijking::SuwiVanVrager)
        && let Some(claimed) = header(request.headers(), vum_spec::headers::X_VUM_SUWI_PARTY)
    {
        suwi = claimed == "true";
    }
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
        versie,
    });
    next.run(request).await
}

/// A question, passed on to every source.
async fn matches<Q: Zoekvraag>(
    State(exchange): State<Uitwisseling>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    request_headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (bytes, _) = read_question::<Q>(
        &request_headers,
        body,
        exchange.config().limits.body,
        context.versie,
    )
    .await?;
    fan_out(&exchange, Q::KIND, &context, &trace, bytes).await
}

fn now_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// On whose behalf the exchange asks the sources for this request.
fn namens<'a>(
    exchange: &'a Uitwisseling,
    context: &'a Context,
    traceparent: &'a str,
) -> Namens<'a> {
    let config = exchange.config();
    Namens {
        from_party: if exchange.afwijking(Afwijking::EigenFromParty) {
            &config.oin
        } else {
            &context.parties.from_party
        },
        suwi: context.suwi,
        versie: context.versie,
        traceparent,
        afwijking: config.afwijking,
    }
}

/// The asker a `vumID` is bound to: the asking controller.
fn asker<'a>(exchange: &Uitwisseling, context: &'a Context) -> &'a str {
    if exchange.afwijking(Afwijking::VumIdOngebonden) {
        ""
    } else {
        context.parties.from_party.as_str()
    }
}

/// Asks every source at once, then answers with the matches of those that answered in time and
/// within the contract, each under a new `vumID`.
async fn fan_out(
    exchange: &Uitwisseling,
    kind: Kind,
    context: &Context,
    trace: &Trace,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let traceparent = trace.traceparent();
    let namens = namens(exchange, context, &traceparent);
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
    let asker = asker(exchange, context);
    let operatie = Operatie::Matches.of(kind);
    let mut entries = Vec::new();
    let mut released = Vec::new();
    let mut matches = Vec::new();
    let mut more = false;
    let mut failed = Vec::new();
    for (n, (verbinding, answer)) in exchange.inner.bronnen.iter().zip(answers).enumerate() {
        let bron_id = &verbinding.bron.bron_id;
        let BronMatches {
            more: bron_more,
            matches: bron_matches,
        } = match answer {
            Ok(answer) => answer,
            Err(reason) => {
                eprintln!("vum-node: uitwisseling: bron {bron_id} weggelaten: {reason}");
                entries.push(entry(
                    trace,
                    &context.caller,
                    &operatie,
                    Vec::new(),
                    &format!("bron {bron_id} weggelaten: {reason}"),
                ));
                if exchange.afwijking(Afwijking::NoemtBronadres) {
                    failed.push(format!("{bron_id} op {}: {reason}", verbinding.bron.url));
                } else {
                    failed.push(format!("{bron_id}: {reason}"));
                }
                continue;
            }
        };
        more |= bron_more;
        if n > 0 && exchange.afwijking(Afwijking::AlleenEersteBron) {
            continue;
        }
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
            let source_id = pseudonym.id.clone();
            let vum_id = exchange.key().seal(kind, asker, &pseudonym).map_err(|e| {
                eprintln!("vum-node: uitwisseling: {e}");
                ApiError::Internal
            })?;
            released.push(vum_id.clone());
            let shown =
                exchange
                    .inner
                    .getoond
                    .toon(exchange.config().afwijking, vum_id, &source_id);
            profile.insert("vumID".to_owned(), Value::String(shown));
            matches.push(Value::Object(profile));
        }
    }
    if !released.is_empty() {
        entries.push(entry(
            trace,
            &context.caller,
            &operatie,
            released,
            "verstrekt",
        ));
    }
    exchange.logboek().commit(entries).await?;
    if exchange.afwijking(Afwijking::VlagVergeten) {
        more = false;
    }
    if failed.len() == exchange.inner.bronnen.len() && exchange.afwijking(Afwijking::Serverfout) {
        return Err(ApiError::Internal);
    }
    if failed.len() == exchange.inner.bronnen.len() {
        return Err(ApiError::Unavailable(format!(
            "geen bron beschikbaar ({})",
            failed.join("; ")
        )));
    }
    let mut vraag_id = vraag_id.to_string();
    if exchange.afwijking(Afwijking::ZelfdeVraagId) {
        vraag_id = exchange.inner.eerste_vraag.get_or_init(|| vraag_id).clone();
    }
    let vraag_id = VraagIdText::new(vraag_id);
    Ok(match kind {
        Kind::Werkzoekende => json(&WerkzoekendeMatchesResponse {
            maximum_aantal_resultaten_bereikt: more,
            vraag_id,
            matches,
        }),
        Kind::Vacature => json(&VacatureMatchesResponse {
            maximum_aantal_resultaten_bereikt: more,
            vraag_id,
            matches,
        }),
    })
}

/// Resolves the `vumID` and relays the source's document unchanged, next to the `bronID`.
async fn detail(
    State(exchange): State<Uitwisseling>,
    axum::Extension(kind): axum::Extension<Kind>,
    axum::Extension(context): axum::Extension<Context>,
    axum::Extension(trace): axum::Extension<Trace>,
    Path(vum_id): Path<String>,
) -> Result<Response, ApiError> {
    let (exchange, context, trace) = (&exchange, &context, &trace);
    if !valid_id(&vum_id, VUM_ID_MAX) {
        return Err(ApiError::Invalid(
            "het vumID mag alleen letters, cijfers en _ . - bevatten (1 tot 500 tekens)".to_owned(),
        ));
    }
    let unknown = || ApiError::NotFound("onbekend of verlopen vumID".to_owned());
    // Only a deliberate fault shows other pseudonyms than the real ones.
    let vum_id = match exchange.config().afwijking {
        Some(_) => exchange.inner.getoond.echt(&vum_id),
        None => vum_id,
    };
    let traceparent = trace.traceparent();
    let namens = namens(exchange, context, &traceparent);
    let Some(pseudonym) = exchange.key().open(kind, asker(exchange, context), &vum_id) else {
        if exchange.afwijking(Afwijking::OnbekendVumIdNaarBron)
            && let Some(first) = exchange.inner.bronnen.first()
        {
            let _ = first.detail(kind, namens, &vum_id).await;
        }
        return Err(unknown());
    };
    let now = now_seconds();
    if now.saturating_sub(pseudonym.issued) > exchange.config().pseudonym_ttl.as_secs() {
        return Err(unknown());
    }
    let verbinding = exchange
        .verbinding(&pseudonym.bron_id)
        .ok_or_else(unknown)?;
    let reserved = !exchange.afwijking(Afwijking::GeenDetailLimiet)
        && exchange
            .reserve(pseudonym.vraag_id, pseudonym.issued, &vum_id, now)
            .map_err(|refused| match refused {
                Reservering::Limit => ApiError::DetailLimit(exchange.config().max_details),
                Reservering::Database(e) => {
                    eprintln!("vum-node: uitwisseling: detailtelling: {e}");
                    ApiError::Internal
                }
            })?;
    let outcome = verbinding.detail(kind, namens, &pseudonym.id).await;
    let operatie = Operatie::Detail.of(kind);
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
                &operatie,
                (&vum_id, bron_id),
                failure,
            )
            .await);
        }
    };
    let entry = entry(
        trace,
        &context.caller,
        &operatie,
        vec![vum_id.clone()],
        "verstrekt",
    );
    exchange.logboek().commit(vec![entry]).await?;
    // The source's exact text, checked against the detail contract when it arrived.
    let document = RawValue::from_string(document).map_err(|_| ApiError::Internal)?;
    let bron_id = if exchange.afwijking(Afwijking::AnderBronId) {
        "onbekend".to_owned()
    } else {
        bron_id.clone()
    };
    Ok(match kind {
        Kind::Werkzoekende => json(&WerkzoekendeDetailResponse {
            bron_id,
            werkzoekende: document,
        }),
        Kind::Vacature => json(&VacatureDetailResponse {
            bron_id,
            vacature: document,
        }),
    })
}

/// The answer to a detail the source did not give (`failure` `None`: the source does not know the
/// id), with a log record of why.
async fn detail_failure(
    exchange: &Uitwisseling,
    context: &Context,
    trace: &Trace,
    operatie: &str,
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
    let entry = entry(
        trace,
        &context.caller,
        operatie,
        vec![vum_id.to_owned()],
        &uitkomst,
    );
    if let Err(e) = exchange.logboek().commit(vec![entry]).await {
        return e;
    }
    error
}

async fn openapi() -> Response {
    crate::server::openapi::serve(vum_spec::openapi::BEMIDDELAAR_DOCUMENT)
}
