//! The data: the detail as published, the matching profile of the detail.

use cucumber::then;
use serde_json::Value;
use vum_spec::semantically_equal;
use vum_spec::vacature::{BronVacatureMatch, Vacature};
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

use vum_spec::Kind;

use crate::check;
use crate::result::verdict::{fail, harness_error};
use crate::run::transcript::status_text;
use crate::run::world::VumWorld;

fn testset(world: &VumWorld, kind: Kind, id: &str) -> Value {
    world
        .run()
        .testset
        .get(kind, id)
        .cloned()
        .unwrap_or_else(|| harness_error(format!("{id} staat niet in de certificeringstestset")))
}

fn gelijk(world: &VumWorld, kind: Kind, id: &str) {
    let expected = testset(world, kind, id);
    let transcript = world.antwoord();
    check!(
        transcript.status == Some(200),
        "verwacht 200 met het detail, kreeg {}: {}",
        status_text(transcript.status),
        transcript.excerpt()
    );
    let actual = world.antwoord_json();
    check!(
        actual == expected,
        "het detail van {id} is niet het gepubliceerde profiel\nverwacht: {expected}\nkreeg:    {actual}"
    );
}

#[then(expr = "is het detail gelijk aan werkzoekende {string} uit de testset")]
fn detail_werkzoekende(world: &mut VumWorld, id: String) {
    gelijk(world, Kind::Werkzoekende, &id);
}

#[then(expr = "is het detail gelijk aan vacature {string} uit de testset")]
fn detail_vacature(world: &mut VumWorld, id: String) {
    gelijk(world, Kind::Vacature, &id);
}

#[then("is elke match gelijk aan het matchingprofiel van het detail in de testset")]
fn matchingprofiel(world: &mut VumWorld) {
    let body = world.antwoord_json();
    let matches = body
        .get("matches")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    check!(
        !matches.is_empty(),
        "het antwoord heeft geen matches om te vergelijken"
    );
    for m in matches {
        let key = world.kind.id_field();
        let id = m
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_else(|| fail(format!("een match zonder {key}")))
            .to_owned();
        let detail = testset(world, world.kind, &id);
        let expected = match world.kind {
            Kind::Werkzoekende => {
                let w: Werkzoekende =
                    serde_json::from_value(detail).unwrap_or_else(|e| harness_error(e.to_string()));
                let profile = w
                    .id_werkzoekende
                    .clone()
                    .and_then(|i| BronWerkzoekendeMatch::from_detail(&w, i));
                serde_json::to_value(profile).unwrap_or_default()
            }
            Kind::Vacature => {
                let v: Vacature =
                    serde_json::from_value(detail).unwrap_or_else(|e| harness_error(e.to_string()));
                serde_json::to_value(BronVacatureMatch::from_detail(&v, v.id_vacature.clone()))
                    .unwrap_or_default()
            }
        };
        check!(
            semantically_equal(&m, &expected),
            "de match {id} is niet het matchingprofiel van het detail\nverwacht: {expected}\nkreeg:    {m}"
        );
    }
}

fn field<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

#[then(expr = "draagt elke match het veld {string}")]
fn elke_match_veld(world: &mut VumWorld, path: String) {
    let body = world.antwoord_json();
    let matches = body
        .get("matches")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    check!(
        !matches.is_empty(),
        "het antwoord heeft geen matches om te controleren"
    );
    let without = matches
        .iter()
        .filter(|m| {
            field(m, &path).is_none_or(|v| v.is_null() || v.as_str().is_some_and(str::is_empty))
        })
        .count();
    check!(
        without == 0,
        "{without} van de {} matches hebben geen {path}",
        matches.len()
    );
}

#[then("heeft geen enkel resultaatobject velden buiten het contract")]
fn geen_extra_velden(world: &mut VumWorld) {
    let extra = crate::run::checks::fields_outside_contract(world.antwoord(), &world.run().target);
    check!(
        extra.is_empty(),
        "velden buiten het contract: {}",
        extra.join("; ")
    );
}

#[then(expr = "ontbreekt het veld {string}")]
fn ontbreekt(world: &mut VumWorld, path: String) {
    let body = world.antwoord_json();
    check!(
        field(&body, &path).is_none(),
        "het veld {path} staat in het antwoord: {}",
        world.antwoord().excerpt()
    );
}

#[then(expr = "bevat het detail het veld {string}")]
fn bevat(world: &mut VumWorld, path: String) {
    let body = world.antwoord_json();
    check!(
        field(&body, &path).is_some(),
        "het veld {path} ontbreekt in het detail: {}",
        world.antwoord().excerpt()
    );
}
