//! The harness as mediator towards an exchange: who asks in whose name, asking again, fetching
//! details by `vumID`, and judging merged answers against what the sources were told to send.

use std::collections::BTreeSet;

use cucumber::{given, then, when};
use reqwest::Method;
use serde_json::{Map, Value};

use super::bronnen::simulatie;
use crate::check;
use crate::result::verdict::{fail, harness_error, inconclusive};
use crate::run::client::Presented;
use crate::run::transcript::{Transcript, status_text};
use crate::run::world::VumWorld;
use crate::target::SpecialCert;

/// The OIN of a special certificate: from the certificate given, else the test PKI's.
fn oin(world: &VumWorld, cert: SpecialCert) -> String {
    world
        .run()
        .target
        .tls
        .special
        .get(&cert)
        .and_then(|i| vum_spec::certificaat::oin_of_pem(&i.chain_pem).ok())
        .map_or_else(|| cert.test_oin().to_owned(), |o| o.to_string())
}

fn partijen(world: &mut VumWorld, cert: SpecialCert, from: String, via: String) {
    world.presented = Presented::Special(cert);
    world
        .header_changes
        .push(("X-VUM-fromParty".to_owned(), Some(from)));
    world
        .header_changes
        .push(("X-VUM-viaParty".to_owned(), Some(via)));
}

#[given("de tweede bemiddelaar vraagt voor zichzelf")]
fn tweede_voor_zichzelf(world: &mut VumWorld) {
    let own = oin(world, SpecialCert::TweedeBemiddelaar);
    partijen(world, SpecialCert::TweedeBemiddelaar, own.clone(), own);
}

#[given("de tweede bemiddelaar vraagt namens de bemiddelaar")]
fn tweede_namens_eerste(world: &mut VumWorld) {
    let own = oin(world, SpecialCert::TweedeBemiddelaar);
    let first = world.run().target.parties.from_party.clone();
    partijen(world, SpecialCert::TweedeBemiddelaar, first, own);
}

#[given("de verwerker vraagt namens de bemiddelaar")]
fn verwerker_namens_eerste(world: &mut VumWorld) {
    let own = oin(world, SpecialCert::Verwerker);
    let first = world.run().target.parties.from_party.clone();
    partijen(world, SpecialCert::Verwerker, first, own);
}

#[given("de verwerker vraagt namens de tweede bemiddelaar")]
fn verwerker_namens_tweede(world: &mut VumWorld) {
    let own = oin(world, SpecialCert::Verwerker);
    let second = oin(world, SpecialCert::TweedeBemiddelaar);
    partijen(world, SpecialCert::Verwerker, second, own);
}

#[given("de partij die niet deelneemt vraagt voor zichzelf")]
fn niet_deelnemer(world: &mut VumWorld) {
    let own = oin(world, SpecialCert::NietDeelnemend);
    partijen(world, SpecialCert::NietDeelnemend, own.clone(), own);
}

fn zoekvraag_body(world: &VumWorld) -> String {
    serde_json::json!({"vraagObject": Value::Object(world.vraag.clone())}).to_string()
}

#[when("de bemiddelaar de zoekvraag stelt")]
#[when("de bemiddelaar de zoekvraag nogmaals stelt")]
async fn stelt(world: &mut VumWorld) {
    let body = zoekvraag_body(world);
    let path = world.kind.matches_path();
    let transcript = world.send(Method::POST, &path, Some(body)).await;
    world.zoekantwoorden.push(transcript);
}

/// The matches of the last answer to a question; a question without a 200 answer leaves nothing
/// to judge about its matches.
fn matches(world: &VumWorld) -> Vec<Map<String, Value>> {
    let Some(transcript) = world.zoekantwoorden.last() else {
        harness_error("in dit scenario is geen zoekvraag gesteld");
    };
    matches_of(transcript)
}

fn matches_of(transcript: &Transcript) -> Vec<Map<String, Value>> {
    if let Some(error) = &transcript.error {
        inconclusive(format!("geen antwoord op de zoekvraag: {error}"));
    }
    check!(
        transcript.status == Some(200),
        "verwacht 200 met matches, kreeg {}: {}",
        status_text(transcript.status),
        transcript.excerpt()
    );
    transcript
        .json()
        .and_then(|b| b.get("matches").and_then(Value::as_array).cloned())
        .unwrap_or_else(|| {
            fail(format!(
                "het antwoord heeft geen lijst matches: {}",
                transcript.excerpt()
            ))
        })
        .into_iter()
        .map(|m| match m {
            Value::Object(map) => map,
            other => fail(format!("een match is geen object: {other}")),
        })
        .collect()
}

fn vum_id(map: &Map<String, Value>) -> String {
    match map.get("vumID") {
        Some(Value::String(v)) if !v.is_empty() => v.clone(),
        _ => fail(format!(
            "een match heeft geen vumID: {}",
            Value::Object(map.clone())
        )),
    }
}

async fn detail(world: &mut VumWorld, vum_id: &str) -> Transcript {
    let kind = world.kind;
    let transcript = world
        .send(Method::GET, &kind.detail_path(vum_id), None)
        .await;
    world.detailantwoorden.push(transcript.clone());
    transcript
}

/// A detail scenario whose question did not bring the matches the sources sent cannot judge its
/// own requirement: the merge is wrong, and that is AV-KOP-022's finding.
const TOO_FEW_MATCHES: &str = "het antwoord op de zoekvraag mist matches die de bronnen stuurden (dat is een bevinding van AV-KOP-022); dit scenario kan daardoor niet worden beoordeeld";

#[when("de bemiddelaar het detail van de eerste match opvraagt")]
async fn eerste_detail(world: &mut VumWorld) {
    let Some(first) = matches(world).first().map(vum_id) else {
        inconclusive(TOO_FEW_MATCHES);
    };
    detail(world, &first).await;
}

#[when(expr = "de bemiddelaar de details van de eerste {int} matches opvraagt")]
async fn eerste_details(world: &mut VumWorld, count: usize) {
    let found: Vec<String> = matches(world).iter().map(vum_id).collect();
    if found.len() < count {
        inconclusive(format!(
            "{TOO_FEW_MATCHES} (het had {} matches, het scenario vraagt er {count})",
            found.len()
        ));
    }
    for vum_id in found.iter().take(count) {
        detail(world, vum_id).await;
    }
}

#[when(
    "de bemiddelaar het detail opvraagt met het vumID van de eerste match, met één teken gewijzigd"
)]
async fn gewijzigd(world: &mut VumWorld) {
    let Some(first) = matches(world).first().map(vum_id) else {
        fail("het antwoord op de zoekvraag heeft geen matches");
    };
    let mut chars: Vec<char> = first.chars().collect();
    let middle = chars.len() / 2;
    chars[middle] = if chars[middle] == 'A' { 'B' } else { 'A' };
    let changed: String = chars.into_iter().collect();
    detail(world, &changed).await;
}

#[when(expr = "de bemiddelaar het detail opvraagt met vumID {string}")]
async fn verzonnen(world: &mut VumWorld, vum_id: String) {
    detail(world, &vum_id).await;
}

#[when("de tweede bemiddelaar het detail van de eerste match opvraagt")]
async fn tweede_detail(world: &mut VumWorld) {
    let Some(first) = matches(world).first().map(vum_id) else {
        fail("het antwoord op de zoekvraag heeft geen matches");
    };
    tweede_voor_zichzelf(world);
    detail(world, &first).await;
}

#[then("levert het antwoord geen gegevens op")]
fn geen_gegevens(world: &mut VumWorld) {
    let transcript = world.antwoord();
    check!(
        transcript.status != Some(200) && transcript.status.is_some_and(|s| s >= 400),
        "verwacht een weigering zonder gegevens, kreeg {}: {}",
        status_text(transcript.status),
        transcript.excerpt()
    );
}

/// A match without its `vumID`, and a source's match without its id, side by side.
fn zonder(map: &Map<String, Value>, field: &str) -> Value {
    let mut map = map.clone();
    map.remove(field);
    Value::Object(map)
}

/// The matches the named sources sent for the last question, each without its id.
fn gestuurd(world: &VumWorld, bronnen: &[&str]) -> Vec<Value> {
    let id_field = world.kind.id_field();
    let mut sent = Vec::new();
    for (bron, o) in simulatie(world).alles_ontvangen() {
        if !o.is_matches() || !bronnen.contains(&bron.as_str()) || o.status != 200 {
            continue;
        }
        let list = serde_json::from_str::<Value>(&o.antwoord)
            .ok()
            .and_then(|b| b.get("matches").and_then(Value::as_array).cloned())
            .unwrap_or_default();
        sent.extend(list.into_iter().filter_map(|m| match m {
            Value::Object(map) => Some(zonder(&map, id_field)),
            _ => None,
        }));
    }
    sent
}

fn samen(world: &VumWorld, bronnen: &[&str]) {
    let received = matches(world);
    let id_field = world.kind.id_field();
    let mut expected = gestuurd(world, bronnen);
    let mut unexpected = Vec::new();
    for m in &received {
        vum_id(m);
        if m.contains_key(id_field) {
            fail(format!(
                "een match draagt nog het id van de bron ({id_field} {})",
                m[id_field]
            ));
        }
        let bare = zonder(m, "vumID");
        match expected.iter().position(|e| *e == bare) {
            Some(i) => {
                expected.swap_remove(i);
            }
            None => unexpected.push(bare),
        }
    }
    check!(
        unexpected.is_empty() && expected.is_empty(),
        "het antwoord heeft {} matches; {} zijn niet wat {} stuurde{}, en {} van wat de bronnen stuurden ontbreken",
        received.len(),
        unexpected.len(),
        bronnen.join(" en "),
        unexpected
            .first()
            .map(|u| format!(
                " (bijvoorbeeld {})",
                crate::run::transcript::excerpt(&u.to_string(), 300)
            ))
            .unwrap_or_default(),
        expected.len()
    );
}

#[then(expr = "bevat het antwoord de matches van {string} en {string}, elk onder een vumID")]
fn matches_van_beide(world: &mut VumWorld, a: String, b: String) {
    samen(world, &[&a, &b]);
}

#[then(expr = "bevat het antwoord alleen de matches van {string}, elk onder een vumID")]
fn matches_van_een(world: &mut VumWorld, a: String) {
    samen(world, &[&a]);
}

fn vraag_id(transcript: &Transcript) -> String {
    transcript
        .json()
        .and_then(|b| b.get("vraagID").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| {
            fail(format!(
                "het antwoord heeft geen vraagID: {}",
                transcript.excerpt()
            ))
        })
}

fn twee(world: &VumWorld) -> (&Transcript, &Transcript) {
    match world.zoekantwoorden.as_slice() {
        [.., first, second] => (first, second),
        _ => harness_error("het scenario stelt de zoekvraag geen twee keer"),
    }
}

#[then("hebben de twee antwoorden elk een ander vraagID")]
fn ander_vraag_id(world: &mut VumWorld) {
    let (first, second) = twee(world);
    matches_of(first);
    matches_of(second);
    let (a, b) = (vraag_id(first), vraag_id(second));
    check!(a != b, "beide antwoorden hebben vraagID {a}");
}

#[then("hebben de twee antwoorden geen vumID gemeen")]
fn geen_vum_id_gemeen(world: &mut VumWorld) {
    let (first, second) = twee(world);
    let a: BTreeSet<String> = matches_of(first).iter().map(vum_id).collect();
    let b: BTreeSet<String> = matches_of(second).iter().map(vum_id).collect();
    if a.is_empty() {
        inconclusive("het antwoord had geen matches, dus geen vumIDs om te vergelijken");
    }
    let shared: Vec<&String> = a.intersection(&b).collect();
    check!(
        shared.is_empty(),
        "dezelfde vumIDs bij een nieuwe zoekvraag: {}",
        shared
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[then("is geen vumID het id van de bron of daaruit af te leiden")]
fn niet_afleidbaar(world: &mut VumWorld) {
    let received = matches(world);
    let ids: Vec<(String, String)> = simulatie(world)
        .alles_ontvangen()
        .into_iter()
        .filter(|(_, o)| o.is_matches())
        .flat_map(|(bron, o)| {
            serde_json::from_str::<Value>(&o.antwoord)
                .ok()
                .and_then(|b| b.get("matches").and_then(Value::as_array).cloned())
                .unwrap_or_default()
                .into_iter()
                .filter_map(|m| m.get(world.kind.id_field())?.as_str().map(str::to_owned))
                .map(move |id| (bron.clone(), id))
                .collect::<Vec<_>>()
        })
        .collect();
    if ids.is_empty() {
        inconclusive("de bronnen stuurden geen matches, dus er is niets te vergelijken");
    }
    let mut found = Vec::new();
    for m in &received {
        let v = vum_id(m);
        for (bron, id) in &ids {
            if let Some(how) = crate::detectors::afgeleid(&v, id, bron) {
                found.push(format!("vumID {v} is {how} van {id}"));
            }
        }
    }
    check!(found.is_empty(), "{}", found.join("; "));
}

#[then(expr = "is het detail het document dat bron {string} stuurde, met bronID {string}")]
fn detail_document(world: &mut VumWorld, bron_id: String, expected_bron_id: String) {
    let transcript = world.antwoord();
    let body = world.antwoord_json();
    let kind = world.kind;
    let sent = simulatie(world)
        .bron(&bron_id)
        .map(crate::simulatie::GesimuleerdeBron::ontvangen)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .find(|o| o.is_detail() && o.status == 200)
        .unwrap_or_else(|| {
            fail(format!(
                "bron {bron_id} kreeg geen detailverzoek dat zij beantwoordde"
            ))
        });
    let document: Value = serde_json::from_str(&sent.antwoord)
        .unwrap_or_else(|_| harness_error("de gesimuleerde bron stuurde geen JSON"));
    let field = match kind {
        vum_spec::Kind::Werkzoekende => "werkzoekende",
        vum_spec::Kind::Vacature => "vacature",
    };
    check!(
        body.get("bronID").and_then(Value::as_str) == Some(expected_bron_id.as_str()),
        "bronID is {}, verwacht {expected_bron_id}",
        body.get("bronID")
            .map_or_else(|| "afwezig".to_owned(), Value::to_string)
    );
    check!(
        body.get(field) == Some(&document),
        "het detail ({field}) is niet het document dat {bron_id} stuurde: {}",
        transcript.excerpt()
    );
}

#[then(expr = "kregen de eerste {int} detailverzoeken status {int}")]
fn eerste_statussen(world: &mut VumWorld, count: usize, expected: u16) {
    let wrong: Vec<String> = world
        .detailantwoorden
        .iter()
        .take(count)
        .enumerate()
        .filter(|(_, t)| t.status != Some(expected))
        .map(|(i, t)| format!("detail {} kreeg {}", i + 1, status_text(t.status)))
        .collect();
    check!(
        world.detailantwoorden.len() >= count && wrong.is_empty(),
        "verwacht status {expected} voor de eerste {count} details: {}",
        wrong.join("; ")
    );
}
