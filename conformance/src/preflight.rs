//! The pre-flight: what must hold before any scenario means anything. Each failure is the
//! harness's own configuration or the environment, never the node's fault, so it ends the run as
//! inconclusive (exit 2) with what to fix, and no requirement is judged:
//!
//! * the TLS material: a `--ca` that is not PEM, a client certificate whose key does not match;
//! * reachability (connection refused, no connection within 5 s);
//! * the transport: plain HTTP on a TLS port, TLS on a plain-HTTP port;
//! * the TLS handshake: the node's certificate not issued under `--ca`, the node refusing the
//!   harness's client certificate;
//! * the known question of each kind in scope: no answer in time, `404` (the base path is wrong),
//!   `401`/`403` (the node refuses the harness's identity or parties), an answer without version
//!   headers (not a VUM API), a `400` in another version than the one asked (the node does not
//!   serve `--versie`), a `200` that lacks the known profiles (test set not loaded).
//!
//! Other answers to the known question (`400`, `429`, `5xx`) are the node's: the run goes on and
//! the scenarios judge them.

use std::time::Duration;

use serde::Serialize;
use vum_spec::Kind;
use vum_spec::headers::{
    API_VERSION, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_SUWI_PARTY, X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
};

use vum_spec::certificaat::{Certificaatgegevens, gegevens};

use crate::run::client::{self, HeaderCase};
use crate::run::probe::{self, Hello};
use crate::run::transcript::{Failure, Origin, Recorder, Request, Transcript, send, status_text};
use crate::simulatie::Simulatie;
use crate::target::Target;
use crate::testset::{KNOWN_QUESTIONS, KnownQuestion};

/// One pre-flight check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreflightCheck {
    /// What was checked.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found, and for a failure how to fix it.
    pub detail: String,
}

/// The pre-flight's outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Preflight {
    /// The checks, in order.
    pub checks: Vec<PreflightCheck>,
    /// Set when the run cannot go on: what to fix, in plain words.
    pub failure: Option<String>,
    /// The node's TLS server certificate, over TLS: what a conformance certificate binds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_certificate: Option<Certificaatgegevens>,
}

impl Preflight {
    /// A pre-flight that stopped before it began: `name` failed with `detail`; `fix` says what to
    /// do.
    pub fn stopped(name: &str, detail: &str, fix: &str) -> Self {
        Self::default().stop(name, detail.to_owned(), fix.to_owned())
    }

    fn check(&mut self, name: &str, ok: bool, detail: impl Into<String>) {
        self.checks.push(PreflightCheck {
            name: name.to_owned(),
            ok,
            detail: detail.into(),
        });
    }

    fn stop(mut self, name: &str, detail: impl Into<String>, fix: impl Into<String>) -> Self {
        self.check(name, false, detail);
        self.failure = Some(fix.into());
        self
    }
}

fn headers(target: &Target) -> Vec<(String, String)> {
    vec![
        (X_VUM_BERICHT_VERSIE.to_owned(), target.versie.clone()),
        (API_VERSION.to_owned(), target.versie.clone()),
        (
            X_VUM_FROM_PARTY.to_owned(),
            target.parties.from_party.clone(),
        ),
        (X_VUM_TO_PARTY.to_owned(), target.parties.to_party.clone()),
        (X_VUM_VIA_PARTY.to_owned(), target.parties.via_party.clone()),
        (X_VUM_SUWI_PARTY.to_owned(), "true".to_owned()),
        ("Content-Type".to_owned(), "application/json".to_owned()),
    ]
}

/// Checks what must hold before any scenario means anything, for the kinds in scope. Towards an
/// exchange, `simulatie` holds the sources the harness plays: the known question must reach each
/// of them, and their matches come back.
pub async fn run(
    target: &Target,
    recorder: &Recorder,
    kinds: &[Kind],
    simulatie: Option<&Simulatie>,
) -> Preflight {
    let mut preflight = Preflight::default();
    let Some(address) = target.authority() else {
        return preflight.stop(
            "doel",
            format!("{} is geen http(s)-adres", target.base_url),
            format!(
                "--target {} is geen http:// of https:// adres; geef het basispad van de API, zoals http://127.0.0.1:8080/api/v3",
                target.base_url
            ),
        );
    };
    if let Err(problem) = material(target) {
        return preflight.stop("TLS-instellingen", problem.clone(), problem);
    }
    match tokio::time::timeout(
        Duration::from_secs(5),
        tokio::net::TcpStream::connect(&address),
    )
    .await
    {
        Ok(Ok(_)) => preflight.check(
            "bereikbaarheid",
            true,
            format!("{address} neemt verbindingen aan"),
        ),
        Ok(Err(e)) => {
            return preflight.stop(
                "bereikbaarheid",
                format!("{address}: {e}"),
                format!(
                    "De bron op {address} is niet bereikbaar (de verbinding werd geweigerd). Start de bron, of controleer --target (host en poort)."
                ),
            );
        }
        Err(_) => {
            return preflight.stop(
                "bereikbaarheid",
                format!("{address}: geen verbinding binnen 5 s"),
                format!(
                    "De bron op {address} is niet bereikbaar: geen verbinding binnen 5 s. Controleer --target (host en poort) en de firewall."
                ),
            );
        }
    }
    if let Some(identity) = &target.tls.identity {
        match vum_spec::certificaat::oin_of_pem(&identity.chain_pem) {
            Ok(oin) => preflight.check(
                "clientcertificaat",
                true,
                format!("OIN {oin} in subject serialNumber"),
            ),
            Err(e) => {
                return preflight.stop(
                    "clientcertificaat",
                    e.to_string(),
                    format!("Het clientcertificaat (--client-cert) is niet bruikbaar: {e}."),
                );
            }
        }
    } else if target.is_https() {
        preflight.check(
            "clientcertificaat",
            true,
            "geen clientcertificaat opgegeven (--client-cert): de run gaat over TLS zonder clientcertificaat",
        );
    }
    let client = match client::build(target, target.tls.identity.as_ref(), HeaderCase::Lower) {
        Ok(c) => c,
        Err(e) => {
            return preflight.stop(
                "TLS-instellingen",
                e.clone(),
                format!("De TLS-instellingen zijn niet bruikbaar: {e}."),
            );
        }
    };
    for known in kinds
        .iter()
        .filter_map(|k| KNOWN_QUESTIONS.iter().find(|q| q.kind == *k))
    {
        let request = Request {
            method: reqwest::Method::POST,
            path: known.kind.matches_path(),
            headers: headers(target),
            body: Some(known.body.to_owned()),
        };
        let url = target.url(&request.path);
        if let Some(simulatie) = simulatie {
            script_known_answer(simulatie, known);
        }
        let transcript = send(&client, &url, Origin::Preflight, request, target.timeout).await;
        recorder.record(transcript.clone());
        preflight = judge(preflight, target, &address, known, &transcript, simulatie).await;
        if preflight.failure.is_some() {
            break;
        }
    }
    preflight
}

/// The TLS material: `--ca` PEM, each client certificate with its own key.
fn material(target: &Target) -> Result<(), String> {
    if let Some(ca) = &target.tls.ca_pem {
        client::check_ca(ca)?;
    }
    if let Some(identity) = &target.tls.identity {
        client::check_identity("--client-cert/--client-key", identity)?;
    }
    for (cert, identity) in &target.tls.special {
        client::check_identity(cert.flag(), identity)?;
    }
    Ok(())
}

/// The simulated sources answer the known question with its known profiles, half each.
fn script_known_answer(simulatie: &Simulatie, known: &KnownQuestion) {
    simulatie.reset();
    let ids: Vec<String> = known.answer.iter().map(|id| (*id).to_owned()).collect();
    let count = simulatie.bronnen().len().max(1);
    let per = ids.len().div_ceil(count);
    for (bron, part) in simulatie.bronnen().iter().zip(ids.chunks(per.max(1))) {
        bron.antwoord_met(known.kind, part.to_vec(), false);
    }
}

/// Towards an exchange: every simulated source was asked, and the answer holds their matches.
fn judge_exchange(
    mut preflight: Preflight,
    known: &KnownQuestion,
    matches: usize,
    simulatie: &Simulatie,
) -> Preflight {
    let not_asked: Vec<String> = simulatie
        .bronnen()
        .iter()
        .filter(|b| {
            !b.ontvangen()
                .iter()
                .any(super::simulatie::Ontvangen::is_matches)
        })
        .map(|b| format!("{} ({})", b.opzet.bron_id, b.opzet.adres))
        .collect();
    if !not_asked.is_empty() {
        return preflight.stop(
            "bronnen",
            format!("niet gevraagd: {}", not_asked.join(", ")),
            format!(
                "De uitwisselingsvoorziening vroeg de gesimuleerde bronnen {} niet. Richt haar in met het bronnenadresboek van `vum-conformance bronnen` (bronnen.toml in de map van --bronnen) en start haar opnieuw.",
                not_asked.join(", ")
            ),
        );
    }
    preflight.check(
        "bronnen",
        true,
        format!(
            "elke gesimuleerde bron kreeg de bekende vraag naar {}; het antwoord had {matches} matches (verwacht {})",
            known.kind.plural(),
            known.answer.len()
        ),
    );
    preflight
}

/// What the answer to a known question says about the configuration.
async fn judge(
    mut preflight: Preflight,
    target: &Target,
    address: &str,
    known: &KnownQuestion,
    transcript: &Transcript,
    simulatie: Option<&Simulatie>,
) -> Preflight {
    let what = format!("de bekende vraag naar {}", known.kind.plural());
    if let Some(error) = &transcript.error {
        let timeout = target.timeout.as_secs();
        return match (transcript.failure, target.is_https()) {
            (Some(Failure::Timeout), _) => preflight.stop(
                "antwoord",
                error.clone(),
                format!(
                    "De bron gaf geen antwoord binnen {timeout} s op {what}. Controleer of de bron draait en niet overbelast is (of geef --timeout)."
                ),
            ),
            (_, true) if probe::speaks_http(address, Duration::from_secs(5)).await => preflight.stop(
                "transport",
                error.clone(),
                format!(
                    "{address} spreekt gewoon HTTP, geen TLS: gebruik een http://-adres in --target, of start de bron met TLS."
                ),
            ),
            (Some(Failure::Tls), true) => {
                let fix = if error.contains("clientcertificaat") {
                    if target.tls.identity.is_some() {
                        "De bron weigert het clientcertificaat van het harnas. Controleer --client-cert/--client-key: het certificaat moet zijn uitgegeven onder de CA die de bron vertrouwt."
                    } else {
                        "De bron eist een clientcertificaat: geef --client-cert en --client-key (het certificaat van de uitwisselingsvoorziening)."
                    }
                } else {
                    "Controleer --ca (het stamcertificaat waaronder het servercertificaat van de bron is uitgegeven) en de host in --target."
                };
                preflight.stop("TLS-handdruk", error.clone(), format!("De TLS-verbinding mislukte: {error}. {fix}"))
            }
            (_, false)
                if matches!(
                    probe::hello(address, "", 0x0303, Duration::from_secs(5)).await,
                    Hello::Accepted(_) | Hello::Refused
                ) =>
            {
                preflight.stop(
                    "transport",
                    error.clone(),
                    format!("{address} spreekt TLS: gebruik een https://-adres in --target."),
                )
            }
            _ => preflight.stop(
                "antwoord",
                error.clone(),
                format!("De bron gaf geen bruikbaar antwoord op {what}: {error}."),
            ),
        };
    }
    if target.is_https() {
        preflight.check("TLS-handdruk", true, "de verbinding is opgezet");
        if let Some(der) = &transcript.server_certificate {
            match gegevens(der) {
                Ok(facts) => {
                    preflight.check(
                        "servercertificaat",
                        true,
                        format!(
                            "{} (OIN {}), SHA-256 {}",
                            facts.subject,
                            facts.oin.as_deref().unwrap_or("geen"),
                            facts.sha256
                        ),
                    );
                    preflight.server_certificate = Some(facts);
                }
                Err(e) => preflight.check("servercertificaat", false, e.to_string()),
            }
        }
    }
    let status = transcript.status.unwrap_or_default();
    let url = target.url(&known.kind.matches_path());
    match status {
        404 => {
            return preflight.stop(
                "basispad",
                format!("{url} gaf 404"),
                format!(
                    "{url} bestaat niet (404). Wijst --target naar het basispad van de API, zoals https://host:poort/api/v3?"
                ),
            );
        }
        401 | 403 => {
            let fix = if target.is_https() && target.tls.identity.is_none() {
                "Er is geen clientcertificaat opgegeven: geef --client-cert en --client-key (het certificaat van de uitwisselingsvoorziening).".to_owned()
            } else {
                format!(
                    "Controleer de identiteit van het harnas: {}--to-party {} (de verwerkingsverantwoordelijke van de bron) en --via-party {} (haar verwerker).",
                    if target.tls.identity.is_some() {
                        "--client-cert (het OIN moet bij de bron bekend zijn als uitwisselingsvoorziening), "
                    } else {
                        ""
                    },
                    target.parties.to_party,
                    target.parties.via_party
                )
            };
            return preflight.stop(
                "toegang",
                format!("{what} gaf {status}"),
                format!("De bron weigert het harnas ({status}). {fix}"),
            );
        }
        _ => {}
    }
    let version = transcript.header("x-vum-berichtversie");
    let api_version = transcript.header("api-version");
    if version.is_none() && api_version.is_none() {
        return preflight.stop(
            "versieheaders",
            format!("status {status} zonder X-VUM-berichtVersie of API-Version"),
            format!(
                "Het antwoord van {url} is geen VUM-antwoord (geen versieheaders). Wijst --target naar het basispad van de API, zoals …/api/v3?"
            ),
        );
    }
    preflight.check(
        "versieheaders",
        true,
        format!(
            "X-VUM-berichtVersie {}, API-Version {}",
            version.unwrap_or("ontbreekt"),
            api_version.unwrap_or("ontbreekt")
        ),
    );
    // A 400 in another version than the one asked: the node does not serve that version. The
    // harness asked in the wrong version for this node (--versie), which is no verdict on it.
    let asked = target.versie.as_str();
    if status == 400
        && (version.is_some_and(|v| v != asked) || api_version.is_some_and(|v| v != asked))
    {
        let spoken = version.or(api_version).unwrap_or_default();
        return preflight.stop(
            "versie",
            format!("{what} in versie {asked} gaf 400 in versie {spoken}"),
            format!(
                "De node bedient versie {asked} niet (zij antwoordt in {spoken}). Certificeer in een versie die zij bedient (--versie {spoken}), of start haar met versie {asked} ingeschakeld."
            ),
        );
    }
    if status != 200 {
        preflight.check(
            &format!("testset ({})", known.kind.plural()),
            true,
            format!(
                "{what} gaf status {}; de scenario's laten zien welke eisen dat raakt",
                status_text(transcript.status)
            ),
        );
        return preflight;
    }
    if let Some(simulatie) = simulatie {
        let matches = transcript
            .json()
            .and_then(|b| b.get("matches").and_then(|m| m.as_array()).map(Vec::len))
            .unwrap_or_default();
        return judge_exchange(preflight, known, matches, simulatie);
    }
    let id_field = known.kind.id_field();
    let matches: Vec<serde_json::Value> = transcript
        .json()
        .and_then(|b| b.get("matches").and_then(|m| m.as_array()).cloned())
        .unwrap_or_default();
    let ids: Vec<&str> = matches
        .iter()
        .filter_map(|m| m.get(id_field).and_then(|v| v.as_str()))
        .collect();
    // The test set is missing when known profiles are missing from a well-formed answer; extra
    // profiles or matches without an id are for the scenarios to judge.
    let missing: Vec<&str> = known
        .answer
        .iter()
        .copied()
        .filter(|id| !ids.contains(id))
        .collect();
    if ids.len() == matches.len() && !missing.is_empty() {
        return preflight.stop(
            &format!("testset ({})", known.kind.plural()),
            format!(
                "{what} gaf {} profielen; ontbrekend: {}",
                ids.len(),
                missing.join(", ")
            ),
            format!(
                "De certificeringstestset is niet (volledig) geladen: {} ontbreken. Laad werkzoekenden.json en vacatures.json van de certificeringstestset (vum-conformance testset --out DIR) in de bron en start opnieuw.",
                known.kind.plural()
            ),
        );
    }
    preflight.check(
        &format!("testset ({})", known.kind.plural()),
        true,
        format!("{what} gaf het bekende antwoord"),
    );
    preflight
}
