//! Who is calling: the identity a TLS connection presented, the verdict on it against the
//! participant registry, and the 401 (with an audit record) for a refused request.

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use vum_spec::headers::Oin;

use super::deelnemers::{Participants, Rol};
use super::error::ApiError;
use super::log_writer::LogWriter;
use super::logboek::{Caller, Trace, entry};
use super::refusal::{Refusals, Verdict};

/// The identity a TLS connection presented: the OIN of a valid client certificate, or why there
/// is none. Inserted per connection by the TLS listener; absent in plain HTTP mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerIdentity(pub Result<Oin, String>);

/// The IP address a request came from (the peer of its TCP connection), inserted per connection
/// by the listener.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The verdict on a connection's client certificate: valid, and its OIN registered in one of
/// `roles`. The OIN of a valid certificate goes into `caller` either way, for the audit record.
pub fn admit(
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

/// A header's value if it is one well-formed OIN (for the audit record of who asked).
pub fn well_formed_oin(headers: &HeaderMap, name: &str) -> Option<String> {
    super::headers::single(headers, name)
        .ok()
        .flatten()
        .and_then(|v| v.parse::<Oin>().ok())
        .map(|o| o.to_string())
}

/// The caller as the headers name it, before any verdict.
pub fn caller(headers: &HeaderMap) -> Caller {
    Caller {
        from_party: well_formed_oin(headers, vum_spec::headers::X_VUM_FROM_PARTY),
        via_party: well_formed_oin(headers, vum_spec::headers::X_VUM_VIA_PARTY),
        certificaat_oin: None,
    }
}

/// 401 with an audit record of why, or `429` when `address` refuses too often (the refusal is
/// then counted in one aggregated record instead; see [`super::refusal`]).
pub async fn refuse(
    log: &LogWriter,
    refusals: &Refusals,
    address: Option<ClientAddress>,
    trace: &Trace,
    caller: &Caller,
    reason: &str,
) -> Response {
    let address = address.map_or_else(|| "onbekend adres".to_owned(), |a| a.0.to_string());
    let mut entries = match refusals.take(&address, reason) {
        Verdict::Throttle(seconds) => return ApiError::TooMany(seconds).into_response(),
        Verdict::Log(ended) => ended,
    };
    entries.push(entry(
        trace,
        caller,
        "toegang",
        Vec::new(),
        &format!("geweigerd: {reason}"),
    ));
    if let Err(error) = log.append(entries).await {
        eprintln!("vum-node: the audit record of a refused request ({reason}): {error}");
    }
    ApiError::Unauthorized.into_response()
}
