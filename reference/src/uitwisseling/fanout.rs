//! Calls from the exchange to one source: the headers of §3.2, the source's deadline, and a check
//! of every answer against the source contract before anything of it is passed on.

use std::time::Duration;

use axum::body::Bytes;
use serde_json::{Map, Value};
use vum_spec::Message;
use vum_spec::headers::{
    API_VERSION, Oin, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_SUWI_PARTY, X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
};

use vum_spec::versie::Versie;

use super::afwijking::Afwijking;
use super::bronnen::Aansluiting;
use vum_spec::Kind;

/// How long an idle connection to a source is kept for reuse.
const POOL_IDLE: Duration = Duration::from_secs(20);

/// The largest answer the exchange reads from a source.
const ANSWER_LIMIT: usize = 64 * 1024 * 1024;

/// A source with its HTTP client.
#[derive(Debug)]
pub struct Verbinding {
    /// The directory entry.
    pub bron: Aansluiting,
    client: reqwest::Client,
}

/// On whose behalf the exchange asks (§3.2: the asking controller passes through as
/// `X-VUM-fromParty`; `X-VUM-SUWIparty` comes from the registry).
#[derive(Clone, Copy, Debug)]
pub struct Namens<'a> {
    /// The asking controller.
    pub from_party: &'a Oin,
    /// Whether it takes part in SUWI, per the participant registry.
    pub suwi: bool,
    /// The version the mediator asked in: the source is asked in it, and its answers are checked
    /// against that version's contracts.
    pub versie: &'a Versie,
    /// The exchange's trace context for the call.
    pub traceparent: &'a str,
    /// A deliberate fault (fault matrix only).
    pub afwijking: Option<Afwijking>,
}

/// What a source answered to a question: the matches as JSON objects, each with the source's id.
#[derive(Clone, Debug, PartialEq)]
pub struct BronMatches {
    /// `maximumAantalResultatenBereikt`.
    pub more: bool,
    /// The matching profiles, as the source sent them.
    pub matches: Vec<Map<String, Value>>,
}

/// What a source answered to a detail request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BronDetail {
    /// The document, as the exact text the source sent (valid against the contract).
    Found(String),
    /// The source answered 404: it does not (or no longer) know the id.
    NotFound,
}

impl Verbinding {
    /// A client for the source: its trust anchor and the exchange's certificate for `https`, its
    /// deadline for connecting and answering.
    pub fn new(bron: Aansluiting) -> Result<Self, String> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(bron.deadline)
            .timeout(bron.deadline)
            // Below a source's idle timeout (the reference node's default is 30 s), so that the
            // exchange does not send a question down a connection the source is just closing.
            .pool_idle_timeout(POOL_IDLE)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(tls) = &bron.tls {
            let ca = reqwest::Certificate::from_pem(tls.ca_pem.as_bytes())
                .map_err(|e| format!("bron {}: ca: {e}", bron.bron_id))?;
            let identity = reqwest::Identity::from_pem(
                format!("{}\n{}", tls.certificate_pem, tls.key_pem).as_bytes(),
            )
            .map_err(|e| format!("bron {}: certificaat/sleutel: {e}", bron.bron_id))?;
            builder = builder.tls_certs_only([ca]).identity(identity);
        }
        let client = builder
            .build()
            .map_err(|e| format!("bron {}: HTTP client: {e}", bron.bron_id))?;
        Ok(Self { bron, client })
    }

    fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        namens: Namens<'_>,
    ) -> reqwest::RequestBuilder {
        let (mut to, mut via) = (&self.bron.controller_oin, &self.bron.processor_oin);
        if namens.afwijking == Some(Afwijking::PartijenVerwisseld) {
            std::mem::swap(&mut to, &mut via);
        }
        self.client
            .request(method, format!("{}{path}", self.bron.url))
            .header(X_VUM_BERICHT_VERSIE, namens.versie.naam())
            .header(API_VERSION, namens.versie.naam())
            .header(X_VUM_FROM_PARTY, namens.from_party.as_str())
            .header(X_VUM_TO_PARTY, to.as_str())
            .header(X_VUM_VIA_PARTY, via.as_str())
            .header(X_VUM_SUWI_PARTY, if namens.suwi { "true" } else { "false" })
            .header("traceparent", namens.traceparent)
    }

    /// Passes a question on (the body exactly as the mediator sent it).
    pub async fn matches(
        &self,
        kind: Kind,
        namens: Namens<'_>,
        body: Bytes,
    ) -> Result<BronMatches, String> {
        let message = match kind {
            Kind::Werkzoekende => Message::BronWerkzoekendeMatchesResponse,
            Kind::Vacature => Message::BronVacatureMatchesResponse,
        };
        let path = kind.matches_path();
        let body = if namens.afwijking == Some(Afwijking::VraagHerschreven) {
            herschreven(kind, body)
        } else {
            body
        };
        let request = self
            .request(reqwest::Method::POST, &path, namens)
            .header("content-type", "application/json")
            .body(body);
        let (status, text) = within(self.bron.deadline, send(request)).await?;
        if status != 200 {
            return Err(format!("antwoordde {status}"));
        }
        let value = if namens.afwijking == Some(Afwijking::BuitenContractDoorgegeven) {
            serde_json::from_str(&text).map_err(|e| format!("antwoord is geen JSON: {e}"))?
        } else {
            checked(&text, message, namens.versie)?
        };
        let Value::Object(mut answer) = value else {
            return Err("antwoord is geen object".to_owned());
        };
        let more = answer
            .get("maximumAantalResultatenBereikt")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let matches = match answer.remove("matches") {
            Some(Value::Array(items)) => items
                .into_iter()
                .filter_map(|m| match m {
                    Value::Object(m) => Some(m),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Ok(BronMatches { more, matches })
    }

    /// Asks for one profile by the source's id.
    pub async fn detail(
        &self,
        kind: Kind,
        namens: Namens<'_>,
        id: &str,
    ) -> Result<BronDetail, String> {
        let path = kind.detail_path(id);
        let request = self.request(reqwest::Method::GET, &path, namens);
        let (status, text) = within(self.bron.deadline, send(request)).await?;
        match status {
            200 => {
                checked(&text, kind.detail_message(), namens.versie)?;
                Ok(BronDetail::Found(text))
            }
            404 => Ok(BronDetail::NotFound),
            status => Err(format!("antwoordde {status}")),
        }
    }
}

async fn within<T>(
    deadline: Duration,
    work: impl Future<Output = Result<T, String>>,
) -> Result<T, String> {
    tokio::time::timeout(deadline, work)
        .await
        .map_err(|_| format!("antwoordde niet binnen {} ms", deadline.as_millis()))?
}

/// Sends and reads the whole answer (at most [`ANSWER_LIMIT`] bytes) as text.
async fn send(request: reqwest::RequestBuilder) -> Result<(u16, String), String> {
    let mut response = request.send().await.map_err(|e| {
        if e.is_connect() {
            "niet bereikbaar".to_owned()
        } else if e.is_timeout() {
            "antwoordde niet op tijd".to_owned()
        } else {
            "verbinding mislukt".to_owned()
        }
    })?;
    let status = response.status().as_u16();
    let mut bytes = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|_| "antwoord onvolledig ontvangen".to_owned())?
    {
        if bytes.len() + chunk.len() > ANSWER_LIMIT {
            return Err(format!("antwoord groter dan {ANSWER_LIMIT} bytes"));
        }
        bytes.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(bytes).map_err(|_| "antwoord is geen UTF-8".to_owned())?;
    Ok((status, text))
}

/// The answer parsed and valid against the source contract's message.
fn checked(text: &str, message: Message, versie: &Versie) -> Result<Value, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("antwoord is geen JSON: {e}"))?;
    let violations = vum_spec::validate::violations_for(versie, message, &value)
        .map_err(|e| format!("schema {message}: {e}"))?;
    match violations.first() {
        None => Ok(value),
        Some(first) => Err(format!(
            "antwoord voldoet niet aan het contract ({} afwijking(en), eerste: {} {})",
            violations.len(),
            if first.instance_path.is_empty() {
                "/"
            } else {
                &first.instance_path
            },
            first.masked_message
        )),
    }
}

/// The question as the exchange's own types hold it: criteria it does not know are gone
/// ([`Afwijking::VraagHerschreven`]).
fn herschreven(kind: Kind, body: Bytes) -> Bytes {
    use vum_spec::berichten::{VacatureMatchesRequest, WerkzoekendeMatchesRequest};
    let again = match kind {
        Kind::Werkzoekende => serde_json::from_slice::<WerkzoekendeMatchesRequest>(&body)
            .ok()
            .and_then(|mut q| {
                q.vraag_object.overige.clear();
                serde_json::to_vec(&q).ok()
            }),
        Kind::Vacature => serde_json::from_slice::<VacatureMatchesRequest>(&body)
            .ok()
            .and_then(|mut q| {
                q.vraag_object.overige.clear();
                serde_json::to_vec(&q).ok()
            }),
    };
    again.map_or(body, Bytes::from)
}
