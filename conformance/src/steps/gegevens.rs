//! The data: the detail as published, the matching profile of the detail.

use cucumber::then;
use serde_json::Value;
use vum_spec::semantically_equal;
use vum_spec::vacature::{BronVacatureMatch, Vacature};
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

use crate::verdict::HARNESS_ERROR;
use crate::world::{Soort, VumWorld};

fn testset(world: &VumWorld, soort: Soort, id: &str) -> Value {
    let run = world.run();
    let found = match soort {
        Soort::Werkzoekenden => run.werkzoekende(id),
        Soort::Vacatures => run.vacature(id),
    };
    found
        .cloned()
        .unwrap_or_else(|| panic!("{HARNESS_ERROR} {id} is not in the certification test set"))
}

fn gelijk(world: &VumWorld, soort: Soort, id: &str) {
    let expected = testset(world, soort, id);
    let actual = world.antwoord_json();
    assert_eq!(
        world.antwoord().status,
        Some(200),
        "verwacht 200 met het detail"
    );
    assert!(
        actual == expected,
        "het detail van {id} is niet het gepubliceerde profiel\nverwacht: {expected}\nkreeg:    {actual}"
    );
}

#[then(expr = "is het detail gelijk aan werkzoekende {string} uit de testset")]
fn detail_werkzoekende(world: &mut VumWorld, id: String) {
    gelijk(world, Soort::Werkzoekenden, &id);
}

#[then(expr = "is het detail gelijk aan vacature {string} uit de testset")]
fn detail_vacature(world: &mut VumWorld, id: String) {
    gelijk(world, Soort::Vacatures, &id);
}

#[then("is elke match gelijk aan het matchingprofiel van het detail in de testset")]
fn matchingprofiel(world: &mut VumWorld) {
    let body = world.antwoord_json();
    let matches = body
        .get("matches")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert!(
        !matches.is_empty(),
        "het antwoord heeft geen matches om te vergelijken"
    );
    for m in matches {
        let key = world.soort.id_key();
        let id = m
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("een match zonder {key}"))
            .to_owned();
        let detail = testset(world, world.soort, &id);
        let expected = match world.soort {
            Soort::Werkzoekenden => {
                let w: Werkzoekende = serde_json::from_value(detail)
                    .unwrap_or_else(|e| panic!("{HARNESS_ERROR} {e}"));
                let profile = w
                    .id_werkzoekende
                    .clone()
                    .and_then(|i| BronWerkzoekendeMatch::from_detail(&w, i));
                serde_json::to_value(profile).unwrap_or_default()
            }
            Soort::Vacatures => {
                let v: Vacature = serde_json::from_value(detail)
                    .unwrap_or_else(|e| panic!("{HARNESS_ERROR} {e}"));
                serde_json::to_value(BronVacatureMatch::from_detail(&v, v.id_vacature.clone()))
                    .unwrap_or_default()
            }
        };
        assert!(
            semantically_equal(&m, &expected),
            "de match {id} is niet het matchingprofiel van het detail\nverwacht: {expected}\nkreeg:    {m}"
        );
    }
}

fn field<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

#[then(expr = "ontbreekt het veld {string}")]
fn ontbreekt(world: &mut VumWorld, path: String) {
    let body = world.antwoord_json();
    assert!(
        field(&body, &path).is_none(),
        "het veld {path} staat in het antwoord: {}",
        world.antwoord().excerpt()
    );
}

#[then(expr = "bevat het detail het veld {string}")]
fn bevat(world: &mut VumWorld, path: String) {
    let body = world.antwoord_json();
    assert!(
        field(&body, &path).is_some(),
        "het veld {path} ontbreekt in het detail: {}",
        world.antwoord().excerpt()
    );
}
