//! Privacy: nothing of a person in matches, SUWI-only fields, contact data as announced.

use cucumber::then;
use serde_json::Value;
use vum_spec::testdata::is_bsn;

use crate::checks::identifiers;
use crate::world::VumWorld;

fn matches(world: &VumWorld) -> Vec<Value> {
    let body = world.antwoord_json();
    assert_eq!(
        world.antwoord().status,
        Some(200),
        "verwacht 200 met matches: {}",
        world.antwoord().excerpt()
    );
    body.get("matches")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

#[then(expr = "bevat geen enkele match het veld {string}")]
fn geen_veld(world: &mut VumWorld, veld: String) {
    let matches = matches(world);
    assert!(!matches.is_empty(), "geen matches om te controleren");
    let offenders: Vec<String> = matches
        .iter()
        .filter(|m| m.get(&veld).is_some())
        .map(|m| {
            m.get(world.soort.id_key())
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "{veld} staat in de matches {offenders:?}"
    );
}

#[then("bevat het antwoord geen directe identificatoren")]
fn geen_identificatoren(world: &mut VumWorld) {
    let found = identifiers(&world.antwoord().body);
    assert!(found.is_empty(), "het antwoord bevat: {}", found.join(", "));
}

#[then("is geen enkel id in de matches een BSN")]
fn geen_bsn(world: &mut VumWorld) {
    let key = world.soort.id_key();
    let bsns: Vec<String> = matches(world)
        .iter()
        .filter_map(|m| m.get(key).and_then(Value::as_str))
        .filter(|id| is_bsn(id))
        .map(str::to_owned)
        .collect();
    assert!(bsns.is_empty(), "ids die de elfproef doorstaan: {bsns:?}");
}

#[then("zijn de contactgegevens in overeenstemming met indicatieBeschikbaarheidContactgegevens")]
fn contact(world: &mut VumWorld) {
    let detail = world.antwoord_json();
    let has_contact = ["emailadres", "telefoonnummer", "contactpersoon"]
        .iter()
        .any(|k| {
            detail
                .get(k)
                .is_some_and(|v| v.as_array().is_some_and(|a| !a.is_empty()))
        });
    let indicatie = detail
        .get("indicatieBeschikbaarheidContactgegevens")
        .and_then(Value::as_i64);
    if has_contact {
        assert_eq!(
            indicatie,
            Some(1),
            "het detail heeft contactgegevens, maar de indicatie is {indicatie:?}"
        );
    } else {
        assert_ne!(
            indicatie,
            Some(1),
            "de indicatie zegt 1 (ja), maar het detail heeft geen contactgegevens"
        );
    }
}
