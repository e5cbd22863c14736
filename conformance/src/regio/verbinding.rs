//! The connection of an endpoint, checked the same way in both modes and without personal data:
//! reachability, the TLS server certificate (its validity, its expiry, the OIN it binds), the
//! chain to the trust anchor, and the contract document `openapi.json`.

use std::time::Duration;

use serde_json::Value;
use time::OffsetDateTime;
use vum_spec::Kind;
use vum_spec::certificaat::Certificaatgegevens;

use super::bestand::Deelnemer;
use super::uitslag::{Controle, VERLOOPT_BINNEN_DAGEN};
use crate::certificaat::{live, moment};
use crate::run::client::{self, HeaderCase};
use crate::run::transcript::{Failure, Origin, Request, send};
use crate::target::Target;

/// The longest wait for a TCP connection.
const VERBINDEN_BINNEN: Duration = Duration::from_secs(5);

/// What the connection checks found.
#[derive(Clone, Debug, Default)]
pub struct Verbinding {
    /// Whether a TCP connection could be made.
    pub bereikbaar: bool,
    /// The checks, in order.
    pub controles: Vec<Controle>,
    /// The server certificate the node presents, over TLS.
    pub servercertificaat: Option<Certificaatgegevens>,
    /// What expires soon, in Dutch.
    pub signalen: Vec<String>,
}

/// Whole days from `nu` to `tot` (negative when past).
pub fn dagen_tot(nu: OffsetDateTime, tot: i64) -> i64 {
    (tot - nu.unix_timestamp()).div_euclid(86_400)
}

/// Checks the connection of `deelnemer` at `target`. `productie`: plain HTTP fails, since
/// production traffic goes over mutual TLS only.
pub async fn controleer(
    deelnemer: &Deelnemer,
    target: &Target,
    nu: OffsetDateTime,
    productie: bool,
) -> Verbinding {
    let mut v = Verbinding::default();
    let Some(address) = target.authority() else {
        v.controles.push(Controle::fout(
            "bereikbaarheid",
            format!("{} noemt geen host", target.base_url),
        ));
        return v;
    };
    let wait = target.timeout.min(VERBINDEN_BINNEN);
    match tokio::time::timeout(wait, tokio::net::TcpStream::connect(&address)).await {
        Ok(Ok(_)) => {
            v.bereikbaar = true;
            v.controles.push(Controle::ok(
                "bereikbaarheid",
                format!("{address} neemt verbindingen aan"),
            ));
        }
        Ok(Err(e)) => {
            v.controles.push(Controle::fout(
                "bereikbaarheid",
                format!("{address} weigert de verbinding ({})", e.kind()),
            ));
            return v;
        }
        Err(_) => {
            v.controles.push(Controle::fout(
                "bereikbaarheid",
                format!("{address}: geen verbinding binnen {} s", wait.as_secs()),
            ));
            return v;
        }
    }
    if target.is_https() {
        servercertificaat(&mut v, deelnemer, target, nu).await;
    } else if productie {
        v.controles.push(Controle::fout(
            "transport",
            "gewoon HTTP: in productie gaat VUM-verkeer alleen over tweezijdig TLS",
        ));
    } else {
        v.controles.push(Controle::niet_getoetst(
            "transport",
            "gewoon HTTP (acceptatie): geen TLS-controles",
        ));
    }
    openapi(&mut v, deelnemer, target).await;
    v
}

async fn servercertificaat(
    v: &mut Verbinding,
    deelnemer: &Deelnemer,
    target: &Target,
    nu: OffsetDateTime,
) {
    let gegevens = match live::server_certificate(target).await {
        Ok(g) => g,
        Err(e) => {
            v.controles.push(Controle::fout("TLS-handdruk", e));
            return;
        }
    };
    let dagen = dagen_tot(nu, gegevens.geldig_tot);
    if nu.unix_timestamp() < gegevens.geldig_vanaf {
        v.controles.push(Controle::fout(
            "servercertificaat",
            format!(
                "{} is pas geldig vanaf {}",
                gegevens.subject,
                moment(gegevens.geldig_vanaf)
            ),
        ));
    } else if nu.unix_timestamp() >= gegevens.geldig_tot {
        v.controles.push(Controle::fout(
            "servercertificaat",
            format!(
                "{} is verlopen op {}",
                gegevens.subject,
                moment(gegevens.geldig_tot)
            ),
        ));
    } else {
        v.controles.push(Controle::ok(
            "servercertificaat",
            format!(
                "{}, geldig tot {} (nog {dagen} dagen), SHA-256 {}",
                gegevens.subject,
                moment(gegevens.geldig_tot),
                gegevens.sha256
            ),
        ));
        if dagen < VERLOOPT_BINNEN_DAGEN {
            v.signalen.push(format!(
                "het TLS-servercertificaat verloopt over {dagen} dagen ({})",
                moment(gegevens.geldig_tot)
            ));
        }
    }
    let verwerker = &deelnemer.parties.via_party;
    match gegevens.oin.as_deref() {
        Some(oin) if oin == verwerker => v.controles.push(Controle::ok(
            "OIN-binding",
            format!("het servercertificaat noemt OIN {oin}, de verwerker (via_party)"),
        )),
        Some(oin) => v.controles.push(Controle::fout(
            "OIN-binding",
            format!(
                "het servercertificaat noemt OIN {oin}, niet de verwerker {verwerker} (via_party)"
            ),
        )),
        None => v.controles.push(Controle::fout(
            "OIN-binding",
            "het servercertificaat noemt geen OIN (subject serialNumber)",
        )),
    }
    v.servercertificaat = Some(gegevens);
}

/// `GET openapi.json`: over TLS also the chain to the trust anchor (`ca`, or the system's).
async fn openapi(v: &mut Verbinding, deelnemer: &Deelnemer, target: &Target) {
    let client = match client::build(target, target.tls.identity.as_ref(), HeaderCase::Lower) {
        Ok(c) => c,
        Err(e) => {
            v.controles.push(Controle::fout("TLS-instellingen", e));
            return;
        }
    };
    let request = Request {
        method: reqwest::Method::GET,
        path: "/openapi.json".to_owned(),
        headers: Vec::new(),
        body: None,
    };
    let url = target.url(&request.path);
    let t = send(&client, &url, Origin::Preflight, request, target.timeout).await;
    let millis = u64::try_from(t.millis).unwrap_or(u64::MAX);
    if target.is_https() {
        match (t.failure, &t.error) {
            (Some(Failure::Tls), Some(e)) => {
                v.controles.push(Controle::fout("TLS-keten", e.clone()));
                return;
            }
            _ => v.controles.push(Controle::ok(
                "TLS-keten",
                if target.tls.ca_pem.is_some() {
                    "het servercertificaat is uitgegeven onder het opgegeven stamcertificaat (ca)"
                } else {
                    "het servercertificaat is uitgegeven onder een vertrouwd stamcertificaat"
                },
            )),
        }
    }
    if let Some(e) = &t.error {
        v.controles
            .push(Controle::fout("openapi.json", e.clone()).in_ms(millis));
        return;
    }
    let status = t.status.unwrap_or_default();
    if status != 200 {
        v.controles.push(
            Controle::fout(
                "openapi.json",
                format!("{url} gaf status {status}, niet 200"),
            )
            .in_ms(millis),
        );
        return;
    }
    let controle = match beoordeel_openapi(t.json().as_ref(), &deelnemer.profiel.soorten) {
        Ok(detail) => Controle::ok("openapi.json", detail),
        Err(detail) => Controle::fout("openapi.json", detail),
    };
    v.controles.push(controle.in_ms(millis));
}

/// Whether an OpenAPI document is a VUM source contract of a served version with the
/// questions of `soorten`.
fn beoordeel_openapi(document: Option<&Value>, soorten: &[Kind]) -> Result<String, String> {
    let document = document.ok_or("het antwoord is geen JSON")?;
    let openapi = document
        .get("openapi")
        .and_then(Value::as_str)
        .ok_or("het document noemt geen openapi-versie")?;
    let versie = document
        .pointer("/info/version")
        .and_then(Value::as_str)
        .ok_or("het document noemt geen info.version")?;
    match vum_spec::versie::versie(versie) {
        Ok(v) if v.bediend(false) => {}
        Ok(v) => {
            return Err(format!(
                "info.version {versie} is een versie met status {} die niet (meer) wordt bediend",
                v.status
            ));
        }
        Err(_) => return Err(format!("info.version {versie} is geen VUM-versie")),
    }
    let paths = document
        .get("paths")
        .and_then(Value::as_object)
        .ok_or("het document heeft geen paths")?;
    let missing: Vec<String> = soorten
        .iter()
        .map(|k| k.matches_path())
        .filter(|p| !paths.contains_key(p))
        .collect();
    if !missing.is_empty() {
        return Err(format!("paths mist {}", missing.join(", ")));
    }
    Ok(format!("OpenAPI {openapi}, VUM {versie}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_contract_document_of_the_standard_passes_and_others_are_named() {
        let document = vum_spec::openapi::bron_document();
        assert_eq!(
            beoordeel_openapi(Some(&document), &Kind::ALL).unwrap(),
            "OpenAPI 3.1.0, VUM 3.0.0"
        );
        let old = json!({"openapi": "3.0.0", "info": {"version": "2.0.0"}, "paths": {}});
        assert_eq!(
            beoordeel_openapi(Some(&old), &Kind::ALL).unwrap_err(),
            "info.version 2.0.0 is geen VUM-versie"
        );
        let partial = json!({"openapi": "3.1.0", "info": {"version": "3.0.0"},
            "paths": {"/vacatures/matches": {}}});
        assert!(beoordeel_openapi(Some(&partial), &[Kind::Vacature]).is_ok());
        assert_eq!(
            beoordeel_openapi(Some(&partial), &Kind::ALL).unwrap_err(),
            "paths mist /werkzoekendeProfielen/matches"
        );
        assert!(beoordeel_openapi(None, &Kind::ALL).is_err());
    }

    #[test]
    fn days_until_round_down() {
        let nu = OffsetDateTime::from_unix_timestamp(1_000_000).unwrap();
        assert_eq!(dagen_tot(nu, 1_000_000 + 10 * 86_400 + 5), 10);
        assert_eq!(dagen_tot(nu, 1_000_000 + 10 * 86_400 - 5), 9);
        assert_eq!(dagen_tot(nu, 1_000_000 - 5), -1);
    }
}
