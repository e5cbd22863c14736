//! Reading and changing requests and answers: the building blocks of the faults.

use serde_json::{Map, Value, json};

use crate::proxy::{Forward, Message as _, Reply};

pub(super) fn is_matches(f: &Forward) -> bool {
    f.method == "POST" && f.path.ends_with("/matches")
}

pub(super) fn is_werkzoekenden(f: &Forward) -> bool {
    f.path
        .strip_prefix(vum_spec::headers::BASE_PATH)
        .and_then(vum_spec::Kind::of_path)
        == Some(vum_spec::Kind::Werkzoekende)
}

pub(super) fn is_detail(f: &Forward, r: &Reply) -> bool {
    f.method == "GET" && r.status == 200 && !f.path.ends_with("/openapi.json")
}

pub(super) fn with_question(f: &mut Forward, change: impl FnOnce(&mut Map<String, Value>)) {
    if let Some(mut body) = f.json()
        && let Some(Value::Object(vraag)) = body.get_mut("vraagObject")
    {
        change(vraag);
        f.body = body.to_string().into_bytes();
    }
}

/// How many schema violations a question has (a body that is not JSON counts as one); `None` for a
/// request that is not a question, or when the validator cannot judge.
pub(super) fn question_violations(f: &Forward) -> Option<usize> {
    if !is_matches(f) {
        return None;
    }
    let message = if is_werkzoekenden(f) {
        vum_spec::Message::WerkzoekendeMatchesRequest
    } else {
        vum_spec::Message::VacatureMatchesRequest
    };
    match f.json() {
        None => Some(1),
        Some(body) => vum_spec::validate::violations(message, &body)
            .ok()
            .map(|e| e.len()),
    }
}

/// Whether the request is a schema-valid question (a node validates before it selects, so the
/// selection faults leave invalid questions alone).
pub(super) fn valid_question(f: &Forward) -> bool {
    question_violations(f) == Some(0)
}

/// The question of a request with its `selectiegebied` (postcode, distance in km).
pub(super) fn selectiegebied(f: &Forward) -> Option<(Value, String, f64)> {
    let vraag = f.json()?.get("vraagObject")?.clone();
    let postcode = vraag
        .pointer("/selectiegebied/postcode")?
        .as_str()?
        .to_owned();
    let afstand = vraag.pointer("/selectiegebied/afstand")?.as_f64()?;
    Some((vraag, postcode, afstand))
}

pub(super) fn drop_criteria(f: &mut Forward, werkzoekenden: Option<bool>, keys: &[&str]) {
    if valid_question(f) && werkzoekenden.is_none_or(|w| w == is_werkzoekenden(f)) {
        with_question(f, |vraag| vraag.retain(|k, _| !keys.contains(&k.as_str())));
    }
}

pub(super) fn with_matches(r: &mut Reply, change: impl FnOnce(&mut Vec<Value>)) {
    if r.status == 200
        && let Some(mut body) = r.json()
        && let Some(Value::Array(matches)) = body.get_mut("matches")
    {
        change(matches);
        r.set_json(&body);
    }
}

pub(super) fn with_error(r: &mut Reply, change: impl FnOnce(&mut Map<String, Value>)) {
    if r.status >= 400
        && let Some(Value::Object(mut body)) = r.json()
    {
        change(&mut body);
        r.set_json(&Value::Object(body));
    }
}

pub(super) fn with_detail(f: &Forward, r: &mut Reply, change: impl FnOnce(&mut Value)) {
    if is_detail(f, r)
        && let Some(mut body) = r.json()
    {
        change(&mut body);
        r.set_json(&body);
    }
}

pub(super) fn error(r: &mut Reply, status: u16, code: &str, message: &str) {
    r.status = status;
    r.set_header("content-type", "application/json");
    r.set_json(
        &json!({"code": code, "message": message, "details": "fout geïnjecteerd door de proxy"}),
    );
}

pub(super) fn arrays(value: &mut Value, change: &dyn Fn(&mut Vec<Value>)) {
    match value {
        Value::Array(items) => {
            change(items);
            for item in items {
                arrays(item, change);
            }
        }
        Value::Object(members) => members.values_mut().for_each(|v| arrays(v, change)),
        _ => {}
    }
}

/// The allowed operators of each top-level criterion (for the fault that refuses the others).
pub(super) fn allowed_operators(key: &str) -> &'static [&'static str] {
    match key {
        "werktijden.aantalWerkurenPerWeekMaximaal" | "datumAanvangWerkzaamheden" => &["$gte"],
        "werktijden.aantalWerkurenPerWeekMinimaal" | "datumAanvangBeschikbaarVoorWerk" => &["$lte"],
        "bemiddelingsberoep" | "contractvorm" => &["$elemMatch"],
        "arbeidsmarktkwalificatie.rijbewijs"
        | "arbeidsmarktkwalificatie.taalbeheersing"
        | "rijbewijs"
        | "taalbeheersing" => &["$all"],
        "codeWerkEnDenkniveauMinimaal" => &["$lt", "$gte", "$eq"],
        _ => &["$eq"],
    }
}

pub(super) const KNOWN_CRITERIA: [&str; 16] = [
    "selectiegebied",
    "bemiddelingsberoep",
    "contractvorm",
    "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
    "arbeidsmarktkwalificatie.rijbewijs",
    "arbeidsmarktkwalificatie.taalbeheersing",
    "datumAanvangBeschikbaarVoorWerk",
    "werktijden.indicatieKantoortijden",
    "werktijden.aantalWerkurenPerWeekMaximaal",
    "werktijden.aantalWerkurenPerWeekMinimaal",
    "beroep.codeBeroepsnaam",
    "codeWerkEnDenkniveauMinimaal",
    "datumAanvangWerkzaamheden",
    "rijbewijs",
    "taalbeheersing",
    "sector.codeSbi",
];
