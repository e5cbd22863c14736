//! Sending: the question, a detail request, a raw message, the contract.

use cucumber::gherkin::Step;
use cucumber::when;
use reqwest::Method;
use serde_json::Value;

use crate::verdict::HARNESS_ERROR;
use crate::world::VumWorld;

#[when("de uitwisselingsvoorziening de zoekvraag stelt")]
async fn stelt(world: &mut VumWorld) {
    let body = serde_json::json!({"vraagObject": Value::Object(world.vraag.clone())}).to_string();
    let path = world.soort.matches_path();
    world.send(Method::POST, path, Some(body)).await;
}

#[when(expr = "de uitwisselingsvoorziening het detail van werkzoekende {string} opvraagt")]
async fn detail_werkzoekende(world: &mut VumWorld, id: String) {
    world
        .send(Method::GET, &format!("/werkzoekendeProfielen/{id}"), None)
        .await;
}

#[when(expr = "de uitwisselingsvoorziening het detail van vacature {string} opvraagt")]
async fn detail_vacature(world: &mut VumWorld, id: String) {
    world
        .send(Method::GET, &format!("/vacatures/{id}"), None)
        .await;
}

#[when(expr = "de uitwisselingsvoorziening naar {string} het bericht stuurt:")]
async fn bericht(world: &mut VumWorld, path: String, step: &Step) {
    let body = step
        .docstring
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_owned();
    world.send(Method::POST, &path, Some(body)).await;
}

#[when(expr = "de uitwisselingsvoorziening elk van deze berichten naar {string} stuurt:")]
async fn berichten(world: &mut VumWorld, path: String, step: &Step) {
    let Some(table) = &step.table else {
        panic!("{HARNESS_ERROR} the step needs a table with a column bericht")
    };
    for row in table.rows.iter().skip(1) {
        let exchange = world.send(Method::POST, &path, Some(row[0].clone())).await;
        world.antwoorden.push(exchange);
    }
}

#[when(expr = "de uitwisselingsvoorziening {string} opvraagt")]
async fn opvragen(world: &mut VumWorld, path: String) {
    world.send(Method::GET, &path, None).await;
}

#[when(expr = "de uitwisselingsvoorziening een zoekvraag van {int} MiB stuurt")]
async fn groot(world: &mut VumWorld, mib: usize) {
    let padding = "a".repeat(mib * 1024 * 1024);
    let body = format!(
        "{{\"vraagObject\": {{\"selectiegebied\": {{\"postcode\": \"1791AA\", \"afstand\": 5}}, \"opvulling\": \"{padding}\"}}}}"
    );
    world
        .send(Method::POST, "/werkzoekendeProfielen/matches", Some(body))
        .await;
}

#[when("het contract wordt opgevraagd")]
async fn contract(world: &mut VumWorld) {
    world.send(Method::GET, "/openapi.json", None).await;
}
