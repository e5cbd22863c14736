//! Judging the answer: status, the selected ids, the flag, error codes, headers, the contract.

use std::collections::BTreeSet;

use cucumber::gherkin::Step;
use cucumber::then;

use super::{list, rows};
use crate::check;
use crate::detectors::leaks;
use crate::result::verdict::{fail, harness_error, inconclusive};
use crate::run::checks::schema_violations;
use crate::run::explain;
use crate::run::transcript::status_text;
use crate::run::world::VumWorld;

#[then(expr = "is de status {int}")]
fn status(world: &mut VumWorld, expected: u16) {
    let transcript = world.antwoord();
    check!(
        transcript.status == Some(expected),
        "verwacht status {expected}, kreeg {}: {}",
        status_text(transcript.status),
        transcript.excerpt()
    );
}

#[then(expr = "is de status niet {int}")]
fn status_niet(world: &mut VumWorld, unexpected: u16) {
    let transcript = world.antwoord();
    check!(
        transcript.status != Some(unexpected),
        "de bron antwoordde {unexpected}: {}",
        transcript.excerpt()
    );
}

#[then("geeft de bron een foutantwoord")]
#[then("geeft de uitwisselingsvoorziening een foutantwoord")]
fn foutantwoord(world: &mut VumWorld) {
    let transcript = world.antwoord();
    if transcript.status.is_none_or(|s| s < 400) {
        inconclusive(format!(
            "de bron gaf geen foutantwoord (status {}), dus er is geen foutbericht te beoordelen; een andere eis beoordeelt of zij had moeten weigeren",
            status_text(transcript.status)
        ));
    }
}

#[then("heeft het antwoord een lijst matches")]
fn lijst_matches(world: &mut VumWorld) {
    ids(world);
}

/// The ids of the matches of a 200 answer, in the answer's order.
fn ids(world: &VumWorld) -> Vec<String> {
    let transcript = world.antwoord();
    check!(
        transcript.status == Some(200),
        "verwacht 200 met matches, kreeg {}: {}",
        status_text(transcript.status),
        transcript.excerpt()
    );
    let body = world.antwoord_json();
    let Some(matches) = body.get("matches").and_then(|m| m.as_array()) else {
        fail(format!(
            "het antwoord heeft geen lijst matches: {}",
            transcript.excerpt()
        ))
    };
    let key = world.kind.id_field();
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
    let missing: Vec<String> = want.difference(&got).cloned().collect();
    let extra: Vec<String> = got.difference(&want).cloned().collect();
    if missing.is_empty() && extra.is_empty() && actual.len() == got.len() {
        return;
    }
    let mut reason = format!("verwacht {} profielen, kreeg {}", want.len(), actual.len());
    if !missing.is_empty() {
        reason.push_str(&format!("; ontbrekend: {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        reason.push_str(&format!("; onverwacht: {}", extra.join(", ")));
    }
    if actual.len() != got.len() {
        reason.push_str("; dubbele ids in het antwoord");
    }
    let lines = explain::discrepancies(
        &world.run().testset,
        world.kind,
        &world.vraag,
        &extra,
        &missing,
    );
    if !lines.is_empty() {
        reason.push_str("\nToelichting uit de testset:");
        for line in lines {
            reason.push_str("\n- ");
            reason.push_str(&line);
        }
    }
    fail(reason);
}

fn table_ids(step: &Step) -> Vec<String> {
    rows(step, "een kolom met ids")
        .iter()
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

#[then(expr = "bevat het antwoord precies de werkzoekenden {string}")]
fn werkzoekenden(world: &mut VumWorld, ids: String) {
    same_set(world, list(&ids));
}

#[then(expr = "bevat het antwoord precies de vacatures {string}")]
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
                .unwrap_or_else(|_| harness_error(format!("{id} eindigt niet op een getal"))),
        )
    };
    let ((prefix, width, a), (prefix2, _, b)) = (split(from), split(to));
    if prefix != prefix2 {
        harness_error(format!(
            "een reeks heeft één voorvoegsel, niet {prefix} en {prefix2}"
        ));
    }
    (a..=b).map(|n| format!("{prefix}{n:0width$}")).collect()
}

#[then(expr = "bevat het antwoord precies de werkzoekenden {string} tot en met {string}")]
fn werkzoekenden_reeks(world: &mut VumWorld, from: String, to: String) {
    same_set(world, range(&from, &to));
}

#[then(expr = "bevat het antwoord precies de vacatures {string} tot en met {string}")]
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
    check!(
        ids.len() == count,
        "verwacht {count} matches, kreeg {}",
        ids.len()
    );
}

#[then(expr = "bevat het antwoord hoogstens {int} matches")]
fn hoogstens(world: &mut VumWorld, count: usize) {
    let ids = ids(world);
    check!(
        ids.len() <= count,
        "verwacht hoogstens {count} matches, kreeg {}",
        ids.len()
    );
}

#[then(expr = "is maximumAantalResultatenBereikt {string}")]
fn vlag(world: &mut VumWorld, expected: String) {
    let expected = match expected.as_str() {
        "waar" => true,
        "onwaar" => false,
        other => harness_error(format!("verwacht waar of onwaar, niet {other}")),
    };
    let body = world.antwoord_json();
    let actual = body
        .get("maximumAantalResultatenBereikt")
        .and_then(serde_json::Value::as_bool);
    let shown = |v: Option<bool>| match v {
        Some(true) => "waar",
        Some(false) => "onwaar",
        None => "afwezig",
    };
    check!(
        actual == Some(expected),
        "maximumAantalResultatenBereikt is {}, verwacht {}",
        shown(actual),
        shown(Some(expected))
    );
}

fn code(world: &VumWorld) -> String {
    let body = world.antwoord_json();
    body.get("code")
        .and_then(|c| c.as_str())
        .unwrap_or_else(|| {
            fail(format!(
                "het foutbericht heeft geen code: {}",
                world.antwoord().excerpt()
            ))
        })
        .to_owned()
}

#[then(expr = "is de foutcode {string}")]
fn foutcode(world: &mut VumWorld, expected: String) {
    let actual = code(world);
    check!(
        actual == expected,
        "verwacht foutcode {expected}, kreeg {actual}: {}",
        world.antwoord().excerpt()
    );
}

#[then(expr = "is de foutcode {string} of {string}")]
fn foutcode_of(world: &mut VumWorld, a: String, b: String) {
    let actual = code(world);
    check!(
        actual == a || actual == b,
        "verwacht foutcode {a} of {b}, kreeg {actual}: {}",
        world.antwoord().excerpt()
    );
}

#[then("is het antwoord geldig volgens het contract")]
fn geldig(world: &mut VumWorld) {
    let violations = schema_violations(world.antwoord(), &world.run().target);
    check!(
        violations.is_empty(),
        "het antwoord breekt het contract: {}",
        violations.join("; ")
    );
}

#[then("heeft het antwoord geen inhoud")]
fn geen_inhoud(world: &mut VumWorld) {
    let transcript = world.antwoord();
    check!(
        transcript.body.is_empty(),
        "verwacht geen inhoud, kreeg: {}",
        transcript.excerpt()
    );
}

#[then("bevat de foutmelding geen interne gegevens")]
fn geen_interne_gegevens(world: &mut VumWorld) {
    let found = leaks(&world.antwoord().body);
    check!(
        found.is_empty(),
        "het foutbericht verraadt: {}",
        found.join(", ")
    );
}

fn header_value(value: Option<&str>) -> String {
    value.map_or_else(|| "ontbreekt".to_owned(), |v| format!("is {v}"))
}

#[then(expr = "draagt het antwoord de header {string} met waarde {string}")]
fn header(world: &mut VumWorld, name: String, expected: String) {
    let transcript = world.antwoord();
    let actual = transcript.header(&name);
    check!(
        actual == Some(expected.as_str()),
        "header {name} {}, verwacht {expected}",
        header_value(actual)
    );
}

#[then(expr = "draagt het antwoord de header {string} met de gevraagde versie")]
fn header_versie(world: &mut VumWorld, name: String) {
    let expected = world.run().target.versie.clone();
    header(world, name, expected);
}

#[then(expr = "draagt het antwoord de header {string} met het OIN van de {word}")]
fn header_oin(world: &mut VumWorld, name: String, partij: String) {
    let parties = &world.run().target.parties;
    let expected = match partij.as_str() {
        "bron" | "uitwisselingsvoorziening" => parties.to_party.clone(),
        "verwerker" => parties.via_party.clone(),
        "vraagsteller" => parties.from_party.clone(),
        other => harness_error(format!("onbekende partij {other}")),
    };
    let actual = world.antwoord().header(&name);
    check!(
        actual == Some(expected.as_str()),
        "header {name} {}, verwacht het OIN van de {partij} ({expected})",
        header_value(actual)
    );
}

#[then(expr = "heeft het antwoord Content-Type {string}")]
fn content_type(world: &mut VumWorld, expected: String) {
    let actual = world.antwoord().header("content-type").unwrap_or_default();
    let media_type = actual.split(';').next().unwrap_or_default().trim();
    check!(
        media_type.eq_ignore_ascii_case(&expected),
        "Content-Type is '{actual}', verwacht {expected}"
    );
}

#[then(expr = "draagt het antwoord de trace-id {string}")]
fn trace(world: &mut VumWorld, trace_id: String) {
    let traceparent = world.antwoord().header("traceparent").unwrap_or_default();
    check!(
        traceparent.split('-').nth(1) == Some(trace_id.as_str()),
        "traceparent van het antwoord is '{traceparent}', verwacht de trace-id {trace_id}"
    );
}

#[then(expr = "kwam het antwoord binnen {int} seconden")]
fn binnen(world: &mut VumWorld, seconds: u128) {
    let transcript = world.antwoord();
    check!(
        transcript.millis <= seconds * 1000,
        "het antwoord kwam na {} ms",
        transcript.millis
    );
}

/// Every answer of the step that sent several; one without an answer makes the scenario
/// inconclusive (a timeout or reset connection is not a server error).
fn answered(world: &VumWorld) -> &[crate::run::transcript::Transcript] {
    if let Some(missing) = world.antwoorden.iter().find(|t| !t.answered()) {
        inconclusive(format!(
            "geen antwoord op {} met {}: {}",
            missing.request_line(),
            missing.request_body.as_deref().unwrap_or_default(),
            missing.error.as_deref().unwrap_or_default()
        ));
    }
    &world.antwoorden
}

#[then("is geen enkel antwoord een serverfout")]
fn geen_serverfout(world: &mut VumWorld) {
    let bad: Vec<String> = answered(world)
        .iter()
        .filter(|t| t.status.is_some_and(|s| s >= 500))
        .map(|t| {
            format!(
                "status {} op {}",
                status_text(t.status),
                t.request_body.as_deref().unwrap_or_default()
            )
        })
        .collect();
    check!(bad.is_empty(), "serverfouten: {}", bad.join("; "));
}

#[then("is elk antwoord een foutbericht volgens het contract")]
fn elk_foutbericht(world: &mut VumWorld) {
    for transcript in answered(world) {
        let body = transcript.request_body.as_deref().unwrap_or_default();
        check!(
            transcript.status.is_some_and(|s| (400..500).contains(&s)),
            "verwacht een 4xx op {body}, kreeg {}",
            status_text(transcript.status)
        );
        let violations = schema_violations(transcript, &world.run().target);
        check!(
            violations.is_empty(),
            "op {body}: {}",
            violations.join("; ")
        );
    }
}

#[then(expr = "is het antwoord een OpenAPI-document voor versie {string}")]
fn openapi(world: &mut VumWorld, version: String) {
    let doc = world.antwoord_json();
    check!(
        doc.get("openapi")
            .and_then(|v| v.as_str())
            .is_some_and(|v| v.starts_with('3')),
        "het antwoord is geen OpenAPI 3-document"
    );
    let actual = doc
        .pointer("/info/version")
        .and_then(|v| v.as_str())
        .unwrap_or("afwezig");
    check!(
        actual == version,
        "info.version is {actual}, verwacht {version}"
    );
    check!(
        doc.get("paths")
            .and_then(|p| p.as_object())
            .is_some_and(|p| !p.is_empty()),
        "het OpenAPI-document heeft geen paden"
    );
}
