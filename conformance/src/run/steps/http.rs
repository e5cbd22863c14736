//! Sending: the question, a detail request, a raw message, the contract.

use cucumber::gherkin::Step;
use cucumber::when;
use reqwest::Method;
use serde_json::Value;
use vum_spec::Kind;

use super::rows;
use crate::run::world::VumWorld;

#[when("de uitwisselingsvoorziening de zoekvraag stelt")]
async fn stelt(world: &mut VumWorld) {
    let body = serde_json::json!({"vraagObject": Value::Object(world.vraag.clone())}).to_string();
    let path = world.kind.matches_path();
    world.send(Method::POST, &path, Some(body)).await;
}

#[when(expr = "de uitwisselingsvoorziening het detail van werkzoekende {string} opvraagt")]
async fn detail_werkzoekende(world: &mut VumWorld, id: String) {
    world.kind = Kind::Werkzoekende;
    world
        .send(Method::GET, &Kind::Werkzoekende.detail_path(&id), None)
        .await;
}

#[when(expr = "de uitwisselingsvoorziening het detail van vacature {string} opvraagt")]
async fn detail_vacature(world: &mut VumWorld, id: String) {
    world.kind = Kind::Vacature;
    world
        .send(Method::GET, &Kind::Vacature.detail_path(&id), None)
        .await;
}

#[when("de uitwisselingsvoorziening het detail van een bekend profiel opvraagt")]
async fn detail_bekend(world: &mut VumWorld) {
    let kind = world.run().kind();
    let id = crate::testset::known(kind).detail;
    world.kind = kind;
    world.send(Method::GET, &kind.detail_path(id), None).await;
}

#[when(expr = "de uitwisselingsvoorziening het detail van een profiel met id {string} opvraagt")]
async fn detail_id(world: &mut VumWorld, id: String) {
    let kind = world.run().kind();
    world.kind = kind;
    world.send(Method::GET, &kind.detail_path(&id), None).await;
}

#[when("de uitwisselingsvoorziening de profielen van de bron opvraagt met een afsluitende slash")]
async fn afsluitende_slash(world: &mut VumWorld) {
    let kind = world.run().kind();
    world
        .send(Method::GET, &format!("/{}/", kind.collection()), None)
        .await;
}

#[when("de uitwisselingsvoorziening de zoekvraag met dit bericht stuurt:")]
#[when("de bemiddelaar de zoekvraag met dit bericht stuurt:")]
async fn zoekvraag_bericht(world: &mut VumWorld, step: &Step) {
    let path = world.run().kind().matches_path();
    bericht(world, path, step).await;
}

#[when("de uitwisselingsvoorziening elk van deze berichten als zoekvraag stuurt:")]
#[when("de bemiddelaar elk van deze berichten als zoekvraag stuurt:")]
async fn zoekvraag_berichten(world: &mut VumWorld, step: &Step) {
    let path = world.run().kind().matches_path();
    berichten(world, path, step).await;
}

#[when(expr = "de uitwisselingsvoorziening naar {string} het bericht stuurt:")]
#[when(expr = "de bemiddelaar naar {string} het bericht stuurt:")]
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
    for row in rows(step, "een kolom bericht") {
        let transcript = world.send(Method::POST, &path, Some(row[0].clone())).await;
        world.antwoorden.push(transcript);
    }
}

#[when(expr = "de uitwisselingsvoorziening {string} opvraagt")]
async fn opvragen(world: &mut VumWorld, path: String) {
    world.send(Method::GET, &path, None).await;
}

#[when(expr = "de uitwisselingsvoorziening een zoekvraag van {int} MiB stuurt")]
async fn groot(world: &mut VumWorld, mib: usize) {
    let mut vraag = serde_json::Map::new();
    vraag.insert(
        "selectiegebied".to_owned(),
        serde_json::json!({"postcode": "1791AA", "afstand": 5}),
    );
    vraag.insert(
        "opvulling".to_owned(),
        Value::String("a".repeat(mib * 1024 * 1024)),
    );
    let body = serde_json::json!({ "vraagObject": vraag }).to_string();
    world
        .send(Method::POST, &Kind::Werkzoekende.matches_path(), Some(body))
        .await;
}

#[when("het contract wordt opgevraagd")]
async fn contract(world: &mut VumWorld) {
    world.send(Method::GET, "/openapi.json", None).await;
}
