//! Privacy: nothing of a person in matches, SUWI-only fields, contact data as announced.

use cucumber::then;
use serde_json::Value;
use vum_spec::testdata::is_bsn;

use crate::check;
use crate::detectors::identifiers_outside_pseudonyms;
use crate::run::transcript::status_text;
use crate::run::world::VumWorld;

fn matches(world: &VumWorld) -> Vec<Value> {
    let transcript = world.antwoord();
    check!(
        transcript.status == Some(200),
        "verwacht 200 met matches, kreeg {}: {}",
        status_text(transcript.status),
        transcript.excerpt()
    );
    world
        .antwoord_json()
        .get("matches")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

#[then(expr = "bevat geen enkele match het veld {string}")]
fn geen_veld(world: &mut VumWorld, veld: String) {
    let matches = matches(world);
    check!(
        !matches.is_empty(),
        "het antwoord heeft geen matches om te controleren"
    );
    let offenders: Vec<String> = matches
        .iter()
        .filter(|m| veld.split('.').try_fold(*m, |v, key| v.get(key)).is_some())
        .map(|m| {
            m.get(world.kind.id_field())
                .and_then(Value::as_str)
                .unwrap_or("(zonder id)")
                .to_owned()
        })
        .collect();
    check!(
        offenders.is_empty(),
        "{veld} staat in de matches {}",
        offenders.join(", ")
    );
}

#[then("bevat het antwoord geen directe identificatoren")]
fn geen_identificatoren(world: &mut VumWorld) {
    let found = identifiers_outside_pseudonyms(&world.antwoord().body);
    check!(found.is_empty(), "het antwoord bevat: {}", found.join(", "));
}

#[then("is geen enkel id in de matches een BSN")]
fn geen_bsn(world: &mut VumWorld) {
    let key = world.kind.id_field();
    let bsns: Vec<String> = matches(world)
        .iter()
        .filter_map(|m| m.get(key).and_then(Value::as_str))
        .filter(|id| is_bsn(id))
        .map(str::to_owned)
        .collect();
    check!(
        bsns.is_empty(),
        "ids die de elfproef doorstaan: {}",
        bsns.join(", ")
    );
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
    let shown = indicatie.map_or_else(|| "afwezig".to_owned(), |i| i.to_string());
    if has_contact {
        check!(
            indicatie == Some(1),
            "het detail heeft contactgegevens, maar indicatieBeschikbaarheidContactgegevens is {shown}"
        );
    } else {
        check!(
            indicatie != Some(1),
            "indicatieBeschikbaarheidContactgegevens is 1 (ja), maar het detail heeft geen contactgegevens"
        );
    }
}
