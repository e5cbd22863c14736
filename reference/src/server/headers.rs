//! The VUM request headers (§3.2) both roles read, and the headers on every response.

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use vum_spec::headers::{
    API_VERSION, Oin, Versiekeuze, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_SUWI_PARTY,
    X_VUM_TO_PARTY, X_VUM_VIA_PARTY,
};
use vum_spec::versie::{Versie, registry};

use super::error::ApiError;

/// A header that holds one value: `Ok(None)` when absent; an error naming it when it appears more
/// than once with different values (which one would count is ambiguous, so neither does).
pub fn single<'a>(headers: &'a HeaderMap, name: &str) -> Result<Option<&'a str>, String> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.any(|other| other != first) {
        return Err(format!(
            "{name} komt meer dan eens voor met verschillende waarden"
        ));
    }
    Ok(Some(first.to_str().unwrap_or("\u{fffd}")))
}

/// The versions a node serves: those of the registry that are `actief` or `uitfaserend`, and the
/// `concept` ones only when the node was started with them enabled.
pub fn served(concept: bool) -> &'static Versiekeuze<'static> {
    // Read once: every request asks it, and the registry is compiled in.
    static SERVED: std::sync::OnceLock<[Versiekeuze<'static>; 2]> = std::sync::OnceLock::new();
    let [active, with_concept] = SERVED.get_or_init(|| {
        let keuze = |concept| {
            registry().map_or_else(
                |_| Versiekeuze::van(Vec::new()),
                |register| Versiekeuze::new(register, concept),
            )
        };
        [keuze(false), keuze(true)]
    });
    if concept { with_concept } else { active }
}

/// The version an answer carries: the one the request asked for when the node serves it, else
/// the newest `actief` one (an answer that refuses the version says which it would have spoken).
pub fn answer_version(headers: &HeaderMap, concept: bool) -> String {
    let asked = |name: &str| single(headers, name).ok().flatten();
    served(concept)
        .kies(asked(X_VUM_BERICHT_VERSIE), asked(API_VERSION))
        .map_or_else(|_| vum_spec::VERSION.to_owned(), Versie::naam)
}

/// What the headers of a request say.
#[derive(Clone, Debug)]
pub struct Verzoek {
    /// The parties.
    pub parties: Parties,
    /// `X-VUM-SUWIparty`, when it is required.
    pub suwi: Option<bool>,
    /// The version asked for, one the node serves.
    pub versie: &'static Versie,
}

/// The three parties a request names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parties {
    /// `X-VUM-fromParty`.
    pub from_party: Oin,
    /// `X-VUM-toParty`.
    pub to_party: Oin,
    /// `X-VUM-viaParty`.
    pub via_party: Oin,
}

/// Reads the VUM request headers (names are case-insensitive): none of those read twice with
/// different values, every one of `required` present, both versions equal and one the node
/// serves ([`served`]), the three party headers well-formed OINs, and `X-VUM-SUWIparty`
/// `true`/`false` when it is required (otherwise it is not read: `None`).
pub fn parse(headers: &HeaderMap, required: &[&str], concept: bool) -> Result<Verzoek, ApiError> {
    const NAMES: [&str; 6] = [
        X_VUM_BERICHT_VERSIE,
        API_VERSION,
        X_VUM_FROM_PARTY,
        X_VUM_TO_PARTY,
        X_VUM_VIA_PARTY,
        X_VUM_SUWI_PARTY,
    ];
    let mut values = [None; NAMES.len()];
    let mut ambiguous = Vec::new();
    for (value, name) in values.iter_mut().zip(NAMES) {
        if name == X_VUM_SUWI_PARTY && !required.contains(&X_VUM_SUWI_PARTY) {
            continue;
        }
        match single(headers, name) {
            Ok(found) => *value = found,
            Err(problem) => ambiguous.push(problem),
        }
    }
    if !ambiguous.is_empty() {
        return Err(ApiError::Invalid(ambiguous.join("; ")));
    }
    let text = |name: &str| -> Option<&str> {
        NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name))
            .and_then(|i| values[i])
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|h| text(h).is_none_or(|v| v.trim().is_empty()))
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::Incomplete(format!(
            "verplichte header ontbreekt: {}",
            missing.join(", ")
        )));
    }
    let mut problems = Vec::new();
    let versie = match served(concept).kies(text(X_VUM_BERICHT_VERSIE), text(API_VERSION)) {
        Ok(versie) => Some(versie),
        Err(refused) => {
            problems.push(refused.to_string());
            None
        }
    };
    let mut oin = |name: &str| -> Option<Oin> {
        match text(name).unwrap_or_default().parse::<Oin>() {
            Ok(oin) => Some(oin),
            Err(_) => {
                problems.push(format!(
                    "{name} is geen geldig OIN (20 posities, eindigend op 000)"
                ));
                None
            }
        }
    };
    let (from, to, via) = (
        oin(X_VUM_FROM_PARTY),
        oin(X_VUM_TO_PARTY),
        oin(X_VUM_VIA_PARTY),
    );
    let suwi = if required.contains(&X_VUM_SUWI_PARTY) {
        match text(X_VUM_SUWI_PARTY).unwrap_or_default() {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                problems.push(format!("{X_VUM_SUWI_PARTY} moet true of false zijn"));
                None
            }
        }
    } else {
        None
    };
    let (Some(from_party), Some(to_party), Some(via_party), Some(versie), true) =
        (from, to, via, versie, problems.is_empty())
    else {
        return Err(ApiError::Invalid(problems.join("; ")));
    };
    Ok(Verzoek {
        parties: Parties {
            from_party,
            to_party,
            via_party,
        },
        suwi,
        versie,
    })
}

/// The VUM party headers of a response.
#[derive(Clone, Copy, Debug)]
pub struct ResponseParties<'a> {
    /// `X-VUM-fromParty`: the answering controller.
    pub from: &'a str,
    /// `X-VUM-toParty`: the asking controller, when the request named a well-formed one.
    pub to: Option<&'a str>,
    /// `X-VUM-viaParty`.
    pub via: Option<&'a str>,
}

/// Sets the VUM headers, the trace context and the security headers on a response; HSTS only
/// over TLS.
pub fn decorate(
    response: &mut HeaderMap,
    parties: ResponseParties<'_>,
    versie: &str,
    tls: bool,
    traceparent: &str,
) {
    let mut set = |name: &str, value: &str| {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            response.insert(name, value);
        }
    };
    set(X_VUM_BERICHT_VERSIE, versie);
    set(API_VERSION, versie);
    set(X_VUM_FROM_PARTY, parties.from);
    if let Some(to) = parties.to.and_then(|f| f.parse::<Oin>().ok()) {
        set(X_VUM_TO_PARTY, to.as_str());
    }
    if let Some(via) = parties.via.and_then(|f| f.parse::<Oin>().ok()) {
        set(X_VUM_VIA_PARTY, via.as_str());
    }
    set("traceparent", traceparent);
    set("cache-control", "no-store");
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("content-security-policy", "frame-ancestors 'none'");
    if tls {
        set("strict-transport-security", "max-age=31536000");
    }
}
