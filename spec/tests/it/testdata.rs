//! The certification test set keeps its promises.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;
use vum_spec::geo::pc4_table;
use vum_spec::testdata::{
    self, CLUSTER_MAX_AFSTAND_KM, CLUSTERS, RESERVED_RADIUS_KM, iban_is_valid, is_bsn,
};
use vum_spec::vacature::BronVacatureMatch;
use vum_spec::validate::violations;
use vum_spec::werkzoekende::BronWerkzoekendeMatch;
use vum_spec::{Message, VERSION};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(VERSION)
}

#[test]
fn the_committed_set_of_every_version_is_fresh_and_embedded() {
    for versie in vum_spec::versie::registry().unwrap().versies() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("testdata")
            .join(versie.naam());
        for file in testdata::files_for(versie) {
            let on_disk = std::fs::read_to_string(dir.join(file.file_name)).unwrap_or_default();
            assert!(
                on_disk == file.text,
                "{}/{} is stale: run `cargo run -p vum-spec -- testdata` and commit spec/testdata",
                versie.naam(),
                file.file_name
            );
            let embedded = testdata::committed_files_for(versie)
                .iter()
                .find(|(name, _)| *name == file.file_name)
                .map(|(_, text)| *text);
            assert_eq!(embedded, Some(file.text.as_str()), "{}", file.file_name);
        }
    }
}

fn values(set: &[impl serde::Serialize]) -> Vec<Value> {
    set.iter()
        .map(|x| serde_json::to_value(x).unwrap())
        .collect()
}

#[test]
fn the_committed_set_is_fresh_and_embedded() {
    for file in testdata::files() {
        let on_disk = std::fs::read_to_string(dir().join(file.file_name)).unwrap_or_default();
        assert!(
            on_disk == file.text,
            "{} is stale: run `cargo run -p vum-spec -- testdata` and commit spec/testdata",
            file.file_name
        );
    }
    let set = testdata::generate();
    let embedded: Value =
        serde_json::from_str(testdata::committed_werkzoekenden().unwrap()).unwrap();
    assert_eq!(embedded, Value::Array(values(&set.werkzoekenden)));
    let embedded: Value = serde_json::from_str(testdata::committed_vacatures().unwrap()).unwrap();
    assert_eq!(embedded, Value::Array(values(&set.vacatures)));
}

#[test]
fn the_set_is_large_valid_and_has_unique_ids() {
    let set = testdata::generate();
    assert!(set.werkzoekenden.len() >= 1000 && set.vacatures.len() >= 500);
    let mut ids = BTreeSet::new();
    for (index, doc) in values(&set.werkzoekenden).iter().enumerate() {
        assert!(
            violations(Message::Werkzoekende, doc).unwrap().is_empty(),
            "werkzoekende {index}"
        );
        assert!(
            ids.insert(doc["idWerkzoekende"].as_str().unwrap().to_owned()),
            "duplicate id at {index}"
        );
    }
    for (index, doc) in values(&set.vacatures).iter().enumerate() {
        assert!(
            violations(Message::Vacature, doc).unwrap().is_empty(),
            "vacature {index}"
        );
        assert!(
            ids.insert(doc["idVacature"].as_str().unwrap().to_owned()),
            "duplicate id at {index}"
        );
    }
}

/// Every (path, enum) of a schema, paths as segments with "[]" for array items.
fn enum_paths(
    root: &Value,
    schema: &Value,
    path: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Vec<Value>)>,
) {
    let mut schema = schema;
    while let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        schema = root.pointer(r.trim_start_matches('#')).unwrap();
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        out.push((path.clone(), values.clone()));
    }
    if let Some(items) = schema.get("items") {
        path.push("[]".into());
        enum_paths(root, items, path, out);
        path.pop();
    }
    for (key, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        path.push(key.clone());
        enum_paths(root, property, path, out);
        path.pop();
    }
}

fn collect(doc: &Value, path: &[String], out: &mut BTreeSet<String>) {
    match path.split_first() {
        None => {
            out.insert(doc.to_string());
        }
        Some((head, rest)) if head == "[]" => {
            for item in doc.as_array().into_iter().flatten() {
                collect(item, rest, out);
            }
        }
        Some((head, rest)) => {
            if let Some(next) = doc.get(head) {
                collect(next, rest, out);
            }
        }
    }
}

fn assert_every_enum_value_occurs(message: Message, docs: &[Value]) {
    let schema = message.schema().to_value();
    let mut paths = Vec::new();
    enum_paths(&schema, &schema, &mut Vec::new(), &mut paths);
    assert!(
        paths.len() > 10,
        "{message}: only {} enum fields found",
        paths.len()
    );
    let mut missing = BTreeMap::new();
    for (path, allowed) in paths {
        let mut seen = BTreeSet::new();
        for doc in docs {
            collect(doc, &path, &mut seen);
        }
        let absent: Vec<String> = allowed
            .iter()
            .map(Value::to_string)
            .filter(|v| !seen.contains(v))
            .collect();
        if !absent.is_empty() {
            missing.insert(path.join("."), absent);
        }
    }
    assert!(
        missing.is_empty(),
        "{message}: enum values never used: {missing:#?}"
    );
}

#[test]
fn every_value_of_every_code_list_occurs() {
    let set = testdata::generate();
    assert_every_enum_value_occurs(Message::Werkzoekende, &values(&set.werkzoekenden));
    assert_every_enum_value_occurs(Message::Vacature, &values(&set.vacatures));
}

#[test]
fn boundary_values_empty_values_and_absent_objects_occur() {
    let set = testdata::generate();
    let wz = values(&set.werkzoekenden);
    let vac = values(&set.vacatures);
    let any = |docs: &[Value], pointer: &str, want: &dyn Fn(&Value) -> bool| {
        docs.iter().any(|d| d.pointer(pointer).is_some_and(want))
    };
    for (pointer, value) in [
        ("/werktijden/aantalWerkurenPerWeekMinimaal", 0),
        ("/werktijden/aantalWerkurenPerWeekMaximaal", 99),
        ("/mobiliteit/maximaleReisafstand", 0),
        ("/mobiliteit/maximaleReisafstand", 999),
    ] {
        assert!(
            any(&wz, pointer, &|v| v == value),
            "no job seeker with {pointer} = {value}"
        );
    }
    assert!(any(
        &vac,
        "/werktijden/aantalWerkurenPerWeekMaximaal",
        &|v| v == 0
    ));
    assert!(any(
        &vac,
        "/werktijden/aantalWerkurenPerWeekMaximaal",
        &|v| v == 99
    ));
    let len2000 = |v: &Value| v.as_str().is_some_and(|s| s.chars().count() == 2000);
    assert!(any(&wz, "/persoonlijkePresentatie", &len2000));
    assert!(any(
        &wz,
        "/arbeidsmarktkwalificatie/werkervaring/0/toelichtingWerkervaring",
        &len2000
    ));
    assert!(any(&vac, "/omschrijvingVacature", &len2000));
    let empty_array = |v: &Value| v.as_array().is_some_and(Vec::is_empty);
    assert!(any(&wz, "/bemiddelingsberoep", &empty_array));
    assert!(any(
        &wz,
        "/arbeidsmarktkwalificatie/taalbeheersing",
        &empty_array
    ));
    assert!(any(&wz, "/flexibiliteit", &|v| v
        .as_object()
        .is_some_and(serde_json::Map::is_empty)));
    assert!(wz.iter().any(|d| d.get("mobiliteit").is_none()));
    assert!(
        wz.iter()
            .any(|d| d.get("arbeidsmarktkwalificatie").is_none())
    );
    assert!(vac.iter().any(|d| d.get("adres").is_none()));
}

/// Everything in a text that looks like a direct identifier: canary markers, e-mail addresses,
/// 11-proef numbers, valid IBANs.
fn identifiers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    if text.contains("kanarie") || text.contains('@') {
        found.push("canary or e-mail".to_owned());
    }
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if is_bsn(word) {
            found.push(format!("BSN {word}"));
        }
        if word.len() == 18 && word.starts_with("NL") && iban_is_valid(word) {
            found.push(format!("IBAN {word}"));
        }
    }
    found
}

#[test]
fn canaries_live_only_in_detail_only_fields_and_contact_data_only_where_announced() {
    let set = testdata::generate();
    let mut canaries = 0;
    for w in &set.werkzoekenden {
        let detail = serde_json::to_string(w).unwrap();
        let announced =
            w.indicatie_beschikbaarheid_contactgegevens == Some(vum_spec::codes::JaNee::Ja);
        let has_contact =
            w.emailadres.is_some() || w.telefoonnummer.is_some() || w.contactpersoon.is_some();
        assert_eq!(
            announced, has_contact,
            "{:?}: contact data and indicatie disagree",
            w.id_werkzoekende
        );
        canaries += usize::from(!identifiers(&detail).is_empty());
        if let Some(id) = w.id_werkzoekende.clone()
            && let Some(matching) = BronWerkzoekendeMatch::from_detail(w, id)
        {
            let text = serde_json::to_string(&matching).unwrap();
            assert!(identifiers(&text).is_empty(), "{text}");
        }
    }
    assert!(canaries > 400, "only {canaries} job seekers carry canaries");
    for v in &set.vacatures {
        if let Some(matching) = BronVacatureMatch::from_detail(v, v.id_vacature.clone()) {
            let text = serde_json::to_string(&matching).unwrap();
            assert!(identifiers(&text).is_empty(), "{text}");
        }
    }
}

#[test]
fn the_bulk_keeps_away_from_the_clusters_and_the_clusters_are_compact() {
    let set = testdata::generate();
    let table = pc4_table();
    let centre = |pc4: &str| table.centroid(pc4).unwrap();
    let postcodes = set
        .werkzoekenden
        .iter()
        .filter_map(|w| {
            Some((
                w.id_werkzoekende.as_ref()?.to_string(),
                w.mobiliteit.as_ref()?.bemiddelingspostcode.to_string(),
            ))
        })
        .chain(set.vacatures.iter().filter_map(|v| {
            Some((
                v.id_vacature.to_string(),
                v.adres.as_ref()?.postcode.to_string(),
            ))
        }));
    for (id, postcode) in postcodes {
        let point = table
            .centroid(&postcode)
            .unwrap_or_else(|| panic!("{id}: unknown PC4 {postcode}"));
        let cluster = CLUSTERS
            .iter()
            .find(|c| point.distance_km(centre(c.centre_pc4)) <= f64::from(CLUSTER_MAX_AFSTAND_KM));
        let is_cluster_id = ["wz-t", "wz-a", "vac-t", "vac-s"]
            .iter()
            .any(|p| id.starts_with(p));
        if is_cluster_id {
            assert!(
                cluster.is_some(),
                "{id} at {postcode} is not within {CLUSTER_MAX_AFSTAND_KM} km of a cluster centre"
            );
        } else {
            for c in CLUSTERS {
                let d = point.distance_km(centre(c.centre_pc4));
                assert!(
                    d > RESERVED_RADIUS_KM,
                    "bulk {id} at {postcode} is {d:.1} km from {}",
                    c.name
                );
            }
        }
    }
}
