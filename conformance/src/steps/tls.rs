//! Mutual TLS: refused connections and no plain HTTP.

use cucumber::{then, when};

use crate::exchange::{Recorder, Request, send_to};
use crate::run::PLAIN_HTTP;
use crate::verdict::INCONCLUSIVE;
use crate::world::VumWorld;

#[then("wordt het verzoek geweigerd")]
fn geweigerd(world: &mut VumWorld) {
    let Some(exchange) = &world.antwoord else {
        panic!("er is geen verzoek gestuurd")
    };
    match (&exchange.error, exchange.status) {
        (Some(error), _) if error.contains("refused") => {
            panic!("{INCONCLUSIVE} de bron is niet bereikbaar: {error}")
        }
        (Some(_), _) => {} // the handshake was refused
        (None, Some(401 | 403)) => {}
        (None, status) => panic!(
            "het verzoek werd niet geweigerd: status {status:?}: {}",
            exchange.excerpt()
        ),
    }
}

#[when("de uitwisselingsvoorziening de zoekvraag over gewoon HTTP stelt")]
async fn gewoon_http(world: &mut VumWorld) {
    let target = &world.run().target;
    if !target.is_https() {
        panic!("{INCONCLUSIVE} het doel is geen https-adres");
    }
    let url = target
        .url("/werkzoekendeProfielen/matches")
        .replacen("https://", "http://", 1);
    let body = serde_json::json!({"vraagObject": world.vraag}).to_string();
    let mut headers = world.headers();
    headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    let client = reqwest::Client::builder()
        .timeout(target.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build();
    let client = client.unwrap_or_else(|e| panic!("{INCONCLUSIVE} {e}"));
    let request = Request {
        method: reqwest::Method::POST,
        path: "/werkzoekendeProfielen/matches".to_owned(),
        headers,
        body: Some(body),
    };
    world.antwoord = Some(send_to(&client, &url, &Recorder::default(), PLAIN_HTTP, request).await);
}

#[then("levert gewoon HTTP geen gegevens op")]
fn geen_gegevens(world: &mut VumWorld) {
    let Some(exchange) = &world.antwoord else {
        panic!("er is geen verzoek gestuurd")
    };
    let redirect = exchange.status.is_some_and(|s| (300..400).contains(&s));
    assert!(
        !redirect,
        "gewoon HTTP wordt doorverwezen (status {:?}) in plaats van geweigerd",
        exchange.status
    );
    assert!(
        exchange.status != Some(200),
        "gewoon HTTP levert gegevens: {}",
        exchange.excerpt()
    );
}
