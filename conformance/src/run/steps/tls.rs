//! Mutual TLS: refused connections, no plain HTTP, no old TLS versions.

use std::sync::Arc;

use cucumber::{then, when};

use crate::check;
use crate::result::verdict::{harness_error, inconclusive};
use crate::run::probe::{self, Hello};
use crate::run::transcript::{Failure, Origin, Request, Transcript, status_text};
use crate::run::world::VumWorld;

#[then("wordt het verzoek geweigerd")]
fn geweigerd(world: &mut VumWorld) {
    let Some(transcript) = &world.antwoord else {
        harness_error("in dit scenario is geen verzoek gestuurd")
    };
    match (transcript.failure, transcript.status) {
        (Some(Failure::Connect), _) => inconclusive(format!(
            "de bron is niet bereikbaar: {}",
            transcript.error.as_deref().unwrap_or_default()
        )),
        (Some(Failure::Timeout), _) => inconclusive(format!(
            "de bron antwoordde niet: {}",
            transcript.error.as_deref().unwrap_or_default()
        )),
        (Some(_), _) | (None, Some(401 | 403)) => {} // the handshake or the request was refused
        (None, status) => crate::result::verdict::fail(format!(
            "het verzoek werd niet geweigerd: status {}: {}",
            status_text(status),
            transcript.excerpt()
        )),
    }
}

#[when("de uitwisselingsvoorziening de zoekvraag over gewoon HTTP stelt")]
#[when("de bemiddelaar de zoekvraag over gewoon HTTP stelt")]
async fn gewoon_http(world: &mut VumWorld) {
    let run = Arc::clone(world.run());
    if !run.target.is_https() {
        inconclusive("het doel is geen https-adres");
    }
    let path = world.kind.matches_path();
    let url = run.target.url(&path).replacen("https://", "http://", 1);
    let body = serde_json::json!({"vraagObject": world.vraag}).to_string();
    let mut headers = world.headers();
    headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    let client = reqwest::Client::builder()
        .timeout(run.target.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap_or_else(|e| harness_error(format!("de HTTP-client kon niet worden gemaakt: {e}")));
    let request = Request {
        method: reqwest::Method::POST,
        path,
        headers,
        body: Some(body),
    };
    world.antwoord = Some(
        run.send_to(&client, &url, Origin::Probe(world.id()), request, false)
            .await,
    );
}

#[then("levert gewoon HTTP geen gegevens op")]
fn geen_gegevens(world: &mut VumWorld) {
    let Some(transcript) = &world.antwoord else {
        harness_error("in dit scenario is geen verzoek gestuurd")
    };
    let redirect = transcript.status.is_some_and(|s| (300..400).contains(&s));
    check!(
        !redirect,
        "gewoon HTTP wordt doorverwezen (status {}) in plaats van geweigerd",
        status_text(transcript.status)
    );
    check!(
        transcript.status != Some(200),
        "gewoon HTTP levert gegevens: {}",
        transcript.excerpt()
    );
}

fn version(name: &str) -> u16 {
    match name {
        "TLS 1.0" => 0x0301,
        "TLS 1.1" => 0x0302,
        other => harness_error(format!("onbekende TLS-versie {other}")),
    }
}

#[when(expr = "de vraagsteller een TLS-verbinding met {string} aanbiedt")]
async fn oude_versie(world: &mut VumWorld, naam: String) {
    let run = Arc::clone(world.run());
    let (Some(address), Some(host)) = (run.target.authority(), run.target.host()) else {
        harness_error("--target heeft geen host en poort")
    };
    if !run.target.is_https() {
        inconclusive("het doel is geen https-adres");
    }
    let started = std::time::Instant::now();
    let answer = probe::hello(&address, &host, version(&naam), run.target.timeout).await;
    run.recorder.record(Transcript {
        origin: Origin::Probe(world.id()),
        method: "TLS".to_owned(),
        path: format!("ClientHello {naam}"),
        request_headers: std::collections::BTreeMap::new(),
        request_body: None,
        status: None,
        response_headers: std::collections::BTreeMap::new(),
        body: probe::describe(answer),
        failure: None,
        error: None,
        sent: true,
        millis: started.elapsed().as_millis(),
        server_certificate: None,
    });
    world.tls_hello = Some((version(&naam), answer));
}

#[then("weigert de bron die TLS-versie")]
#[then("weigert de uitwisselingsvoorziening die TLS-versie")]
fn weigert_versie(world: &mut VumWorld) {
    let Some((offered, answer)) = world.tls_hello else {
        harness_error("in dit scenario is geen TLS-verbinding aangeboden")
    };
    match answer {
        Hello::Refused => {}
        Hello::Accepted(version) if version >= 0x0303 => {}
        Hello::Accepted(version) => crate::result::verdict::fail(format!(
            "de bron aanvaardt {} (zij antwoordde met een ServerHello voor {})",
            probe::version_name(offered),
            probe::version_name(version)
        )),
        Hello::PlainHttp => inconclusive("de poort spreekt gewoon HTTP, geen TLS"),
        Hello::Unclear => inconclusive(format!(
            "geen duidelijk antwoord op een ClientHello voor {} binnen {} s",
            probe::version_name(offered),
            world.run().target.timeout.as_secs()
        )),
    }
}
