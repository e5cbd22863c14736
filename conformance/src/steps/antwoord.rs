//! Judging the answer: status, the selected ids, the flag, error codes, headers, the contract.

use std::collections::BTreeSet;

use cucumber::gherkin::Step;
use cucumber::then;

use super::list;
use crate::checks::{leaks, schema_violations};
use crate::verdict::HARNESS_ERROR;
use crate::world::VumWorld;

#[then(expr = "is de status {int}")]
fn status(world: &mut VumWorld, expected: u16) {
    let exchange = world.antwoord();
    assert_eq!(
        exchange.status,
        Some(expected),
        "verwacht status {expected}, kreeg {:?}: {}",
        exchange.status,
        exchange.excerpt()
    );
}

#[then(expr = "is de status niet {int}")]
fn status_niet(world: &mut VumWorld, unexpected: u16) {
    let exchange = world.antwoord();
    assert_ne!(
        exchange.status,
        Some(unexpected),
        "de bron antwoordde {unexpected}: {}",
        exchange.excerpt()
    );
}

fn ids(world: &VumWorld) -> Vec<String> {
    let body = world.antwoord_json();
    let exchange = world.antwoord();
    assert_eq!(
        exchange.status,
        Some(200),
        "verwacht 200 met matches, kreeg {:?}: {}",
        exchange.status,
        exchange.excerpt()
    );
    let Some(matches) = body.get("matches").and_then(|m| m.as_array()) else {
        panic!(
            "het antwoord heeft geen lijst matches: {}",
            exchange.excerpt()
        );
    };
    let key = world.soort.id_key();
    matches
        .iter()
        .map(|m| {
            m.get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("(zonder id)")
                .to_owned()
        })
        .collect()
}

fn same_set(world: &VumWorld, expected: Vec<String>) {
    let actual = ids(world);
    let (want, got): (BTreeSet<_>, BTreeSet<_>) = (
        expected.iter().cloned().collect(),
        actual.iter().cloned().collect(),
    );
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty() && actual.len() == got.len(),
        "verwacht {} profielen, kreeg {}; ontbrekend: {missing:?}; onverwacht: {extra:?}{}",
        want.len(),
        actual.len(),
        if actual.len() == got.len() {
            String::new()
        } else {
            "; dubbele ids in het antwoord".to_owned()
        }
    );
}

fn table_ids(step: &Step) -> Vec<String> {
    let Some(table) = &step.table else {
        panic!("{HARNESS_ERROR} the step needs a table of ids")
    };
    table
        .rows
        .iter()
        .skip(1)
        .map(|row| row[0].clone())
        .collect()
}

#[then("bevat het antwoord precies de werkzoekenden:")]
fn precies_werkzoekenden(world: &mut VumWorld, step: &Step) {
    same_set(world, table_ids(step));
}

#[then("bevat het antwoord precies de vacatures:")]
fn precies_vacatures(world: &mut VumWorld, step: &Step) {
    same_set(world, table_ids(step));
}

#[then(expr = "bevat het antwoord de werkzoekenden {string}")]
fn werkzoekenden(world: &mut VumWorld, ids: String) {
    same_set(world, list(&ids));
}

#[then(expr = "bevat het antwoord de vacatures {string}")]
fn vacatures(world: &mut VumWorld, ids: String) {
    same_set(world, list(&ids));
}

/// `wz-a001` … `wz-a100`: the ids between two ids with the same prefix and number width.
fn range(from: &str, to: &str) -> Vec<String> {
    let split = |id: &str| {
        let digits = id.chars().rev().take_while(char::is_ascii_digit).count();
        let (prefix, number) = id.split_at(id.len() - digits);
        (
            prefix.to_owned(),
            number.len(),
            number
                .parse::<usize>()
                .unwrap_or_else(|_| panic!("{HARNESS_ERROR} {id} does not end in a number")),
        )
    };
    let ((prefix, width, a), (prefix2, _, b)) = (split(from), split(to));
    assert_eq!(prefix, prefix2, "{HARNESS_ERROR} a range needs one prefix");
    (a..=b).map(|n| format!("{prefix}{n:0width$}")).collect()
}

#[then(expr = "bevat het antwoord de werkzoekenden {string} tot en met {string}")]
fn werkzoekenden_reeks(world: &mut VumWorld, from: String, to: String) {
    same_set(world, range(&from, &to));
}

#[then(expr = "bevat het antwoord de vacatures {string} tot en met {string}")]
fn vacatures_reeks(world: &mut VumWorld, from: String, to: String) {
    same_set(world, range(&from, &to));
}

#[then("bevat het antwoord geen matches")]
fn geen_matches(world: &mut VumWorld) {
    same_set(world, Vec::new());
}

#[then(expr = "bevat het antwoord {int} matches")]
fn aantal(world: &mut VumWorld, count: usize) {
    let ids = ids(world);
    assert_eq!(
        ids.len(),
        count,
        "verwacht {count} matches, kreeg {}",
        ids.len()
    );
}

#[then(expr = "is maximumAantalResultatenBereikt {string}")]
fn vlag(world: &mut VumWorld, expected: String) {
    let expected = match expected.as_str() {
        "waar" => true,
        "onwaar" => false,
        other => panic!("{HARNESS_ERROR} expected waar or onwaar, not {other}"),
    };
    let body = world.antwoord_json();
    assert_eq!(
        body.get("maximumAantalResultatenBereikt")
            .and_then(serde_json::Value::as_bool),
        Some(expected),
        "maximumAantalResultatenBereikt: verwacht {expected}, het antwoord: {}",
        world.antwoord().excerpt()
    );
}

fn code(world: &VumWorld) -> String {
    let body = world.antwoord_json();
    body.get("code")
        .and_then(|c| c.as_str())
        .unwrap_or_else(|| {
            panic!(
                "het foutbericht heeft geen code: {}",
                world.antwoord().excerpt()
            )
        })
        .to_owned()
}

#[then(expr = "is de foutcode {string}")]
fn foutcode(world: &mut VumWorld, expected: String) {
    let actual = code(world);
    assert_eq!(
        actual,
        expected,
        "verwacht foutcode {expected}, kreeg {actual}: {}",
        world.antwoord().excerpt()
    );
}

#[then(expr = "is de foutcode {string} of {string}")]
fn foutcode_of(world: &mut VumWorld, a: String, b: String) {
    let actual = code(world);
    assert!(
        actual == a || actual == b,
        "verwacht foutcode {a} of {b}, kreeg {actual}: {}",
        world.antwoord().excerpt()
    );
}

#[then("is het antwoord geldig volgens het contract")]
fn geldig(world: &mut VumWorld) {
    let violations = schema_violations(world.antwoord());
    assert!(
        violations.is_empty(),
        "het antwoord breekt het contract: {}",
        violations.join("; ")
    );
}

#[then("heeft het antwoord geen inhoud")]
fn geen_inhoud(world: &mut VumWorld) {
    let exchange = world.antwoord();
    assert!(
        exchange.body.is_empty(),
        "verwacht geen inhoud, kreeg: {}",
        exchange.excerpt()
    );
}

#[then("bevat de foutmelding geen interne gegevens")]
fn geen_interne_gegevens(world: &mut VumWorld) {
    let found = leaks(&world.antwoord().body);
    assert!(
        found.is_empty(),
        "het foutbericht verraadt: {}",
        found.join(", ")
    );
}

#[then(expr = "draagt het antwoord de header {string} met waarde {string}")]
fn header(world: &mut VumWorld, name: String, expected: String) {
    let exchange = world.antwoord();
    assert_eq!(
        exchange.header(&name),
        Some(expected.as_str()),
        "header {name}"
    );
}

#[then(expr = "draagt het antwoord de header {string} met het OIN van de {word}")]
fn header_oin(world: &mut VumWorld, name: String, partij: String) {
    let target = &world.run().target;
    let expected = match partij.as_str() {
        "bron" => target.to_party.clone(),
        "verwerker" => target.via_party.clone(),
        "vraagsteller" => target.from_party.clone(),
        other => panic!("{HARNESS_ERROR} unknown party {other}"),
    };
    let exchange = world.antwoord();
    assert_eq!(
        exchange.header(&name),
        Some(expected.as_str()),
        "header {name} moet het OIN van de {partij} zijn"
    );
}

#[then(expr = "heeft het antwoord Content-Type {string}")]
fn content_type(world: &mut VumWorld, expected: String) {
    let exchange = world.antwoord();
    let actual = exchange.header("content-type").unwrap_or_default();
    let media_type = actual.split(';').next().unwrap_or_default().trim();
    assert!(
        media_type.eq_ignore_ascii_case(&expected),
        "Content-Type is {actual:?}, verwacht {expected}"
    );
}

#[then(expr = "draagt het antwoord de trace-id {string}")]
fn trace(world: &mut VumWorld, trace_id: String) {
    let exchange = world.antwoord();
    let traceparent = exchange.header("traceparent").unwrap_or_default();
    assert!(
        traceparent.split('-').nth(1) == Some(trace_id.as_str()),
        "traceparent van het antwoord: {traceparent:?}"
    );
}

#[then(expr = "kwam het antwoord binnen {int} seconden")]
fn binnen(world: &mut VumWorld, seconds: u128) {
    let exchange = world.antwoord();
    assert!(
        exchange.millis <= seconds * 1000,
        "het antwoord kwam na {} ms",
        exchange.millis
    );
}

#[then("is geen enkel antwoord een serverfout")]
fn geen_serverfout(world: &mut VumWorld) {
    let bad: Vec<String> = world
        .antwoorden
        .iter()
        .filter(|e| e.status.is_none_or(|s| s >= 500))
        .map(|e| {
            format!(
                "{:?} op {}",
                e.status,
                e.request_body.as_deref().unwrap_or_default()
            )
        })
        .collect();
    assert!(bad.is_empty(), "serverfouten: {}", bad.join("; "));
}

#[then("is elk antwoord een foutbericht volgens het contract")]
fn elk_foutbericht(world: &mut VumWorld) {
    for exchange in &world.antwoorden {
        assert!(
            exchange.status.is_some_and(|s| (400..500).contains(&s)),
            "verwacht een 4xx op {:?}, kreeg {:?}",
            exchange.request_body,
            exchange.status
        );
        let violations = schema_violations(exchange);
        assert!(violations.is_empty(), "{}", violations.join("; "));
    }
}

#[then(expr = "is het antwoord een OpenAPI-document voor versie {string}")]
fn openapi(world: &mut VumWorld, version: String) {
    let doc = world.antwoord_json();
    assert!(
        doc.get("openapi")
            .and_then(|v| v.as_str())
            .is_some_and(|v| v.starts_with('3')),
        "geen OpenAPI 3-document"
    );
    assert_eq!(
        doc.pointer("/info/version").and_then(|v| v.as_str()),
        Some(version.as_str()),
        "info.version"
    );
    assert!(
        doc.get("paths")
            .and_then(|p| p.as_object())
            .is_some_and(|p| !p.is_empty()),
        "geen paden"
    );
}
