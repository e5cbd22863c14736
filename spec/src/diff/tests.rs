//! Unit tests of the comparison, one per kind of change, on small hand-written documents: a Bron
//! and a Bemiddelaar contract for vacancies with a question, a matches answer and a detail.

use serde_json::{Value, json};

use super::*;
use crate::headers::VERSION;

use Class::{Breaking as B, Compatible as C, None as N};

/// A small contract in the shape of the VUM ones; `side` is `Bron` or `Bemiddelaar`.
fn contract(side: &str) -> Value {
    let header = |name: &str, schema: Value| json!({"name": name, "in": "header", "required": true, "schema": schema});
    let response_headers =
        json!({"API-Version": {"schema": {"type": "string", "enum": ["3.0.0"]}}});
    json!({
        "openapi": "3.0.3",
        "info": {"title": format!("VUM-{side}-Vacatures"), "version": "3.0.0"},
        "servers": [{"url": "https://example.invalid/api/v3"}],
        "paths": {
            "/vacatures/matches": {"post": {
                "parameters": [
                    header("X-VUM-berichtVersie", json!({"type": "string", "enum": ["3.0.0"]})),
                    header("X-VUM-fromParty", json!({"type": "string"})),
                ],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Request"}}}},
                "responses": {
                    "200": {"description": "OK", "headers": response_headers,
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Response"}}}},
                    "400": {"description": "Bad request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                },
            }},
            "/vacatures/{id}": {"get": {
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                    header("X-VUM-berichtVersie", json!({"type": "string", "enum": ["3.0.0"]})),
                ],
                "responses": {
                    "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Vacature"}}}},
                    "400": {"description": "Bad request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                },
            }},
        },
        "components": {"schemas": {
            "Request": {"type": "object", "additionalProperties": false, "required": ["vraagObject"],
                        "properties": {"vraagObject": {"$ref": "#/components/schemas/MPVacature"}}},
            "MPVacature": {"type": "object", "required": ["selectiegebied"], "properties": {
                "selectiegebied": {"type": "object", "required": ["postcode", "afstand"], "properties": {
                    "postcode": {"type": "string", "pattern": "^[0-9]{4}[A-Z]{2}$"},
                    "afstand": {"type": "integer", "minimum": 0, "maximum": 999}}},
                "rijbewijs": {"$ref": "#/components/schemas/rijbewijs_selectie"}}},
            "rijbewijs_selectie": {"type": "object", "properties": {"$all": {"type": "array", "minItems": 1, "items": {
                "type": "object", "properties": {"$elemMatch": {"type": "object", "properties": {
                    "codeSoortRijbewijs": {"type": "object", "properties": {"$eq": {"type": "string", "enum": ["A", "B"]}}}}}}}}}},
            "Response": {"type": "object", "additionalProperties": false, "required": ["matches"], "properties": {
                "matches": {"type": "array", "items": {"$ref": "#/components/schemas/Match"}}}},
            "Match": {"type": "object", "additionalProperties": false, "required": ["id"], "properties": {
                "id": {"type": "string", "maxLength": 200},
                "naam": {"$ref": "#/components/schemas/String120", "description": "Naam van de vacature"},
                "sector": {"type": "integer", "enum": [1, 2, 3]},
                "adres": {"$ref": "#/components/schemas/Adres"}}},
            "Vacature": {"type": "object", "additionalProperties": false, "properties": {
                "id": {"type": "string", "maxLength": 200},
                "naam": {"$ref": "#/components/schemas/String120"},
                "adres": {"$ref": "#/components/schemas/Adres"}}},
            "Adres": {"type": "object", "additionalProperties": false, "properties": {
                "postcode": {"$ref": "#/components/schemas/Postcode"},
                "straat": {"type": "string", "maxLength": 24}}},
            "Postcode": {"type": "string", "pattern": "^[0-9]{4}[a-zA-Z]{2}$"},
            "String120": {"type": "string", "maxLength": 120},
            "Error": {"type": "object", "required": ["code"], "properties": {"code": {"type": "string", "maxLength": 10}}},
        }},
    })
}

fn set(docs: Vec<(&str, Value)>) -> ContractSet {
    let documents = docs
        .into_iter()
        .map(|(name, value)| Document {
            name: name.to_owned(),
            value,
        })
        .collect();
    ContractSet::load("test", documents).unwrap()
}

fn both() -> Vec<(&'static str, Value)> {
    vec![
        ("VUM-Bron-Vacatures.json", contract("Bron")),
        ("VUM-Bemiddelaar-Vacatures.json", contract("Bemiddelaar")),
    ]
}

fn report_of(old: &ContractSet, new: &ContractSet) -> Report {
    let catalogue = crate::requirements::catalogue().unwrap();
    let scenarios = scenarios(
        "bron/x.feature",
        "@bron\nFunctionaliteit: x\n  @AV-SEL-023 @must\n  Scenario: Een onbekend criterium wordt genegeerd\n",
    );
    diff(
        old,
        new,
        Traceability {
            catalogue: &catalogue,
            scenarios: &scenarios,
        },
    )
}

/// The report after applying `edit` to both contracts of the new version.
fn after(edit: impl Fn(&mut Value)) -> Report {
    let mut new = both();
    for (_, doc) in &mut new {
        edit(doc);
    }
    report_of(&set(both()), &set(new))
}

/// The report after applying `edit` to the Bron contract only.
fn after_bron(edit: impl Fn(&mut Value)) -> Report {
    let mut new = both();
    edit(&mut new[0].1);
    report_of(&set(both()), &set(new))
}

fn schemas(doc: &mut Value) -> &mut Value {
    &mut doc["components"]["schemas"]
}

/// The only change that matters (neutral renames of components left aside).
fn the_change(report: &Report) -> &Change {
    let relevant: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.class() != Class::None)
        .collect();
    assert_eq!(relevant.len(), 1, "{:#?}", report.changes);
    relevant[0]
}

fn verdicts(change: &Change) -> [Class; 3] {
    Role::ALL.map(|r| change.verdict(r))
}

fn check(report: &Report, kind: Kind, subject: &str, expected: [Class; 3]) -> Change {
    let change = the_change(report).clone();
    assert_eq!(change.kind, kind, "{change:#?}");
    assert_eq!(change.place.subject(), subject);
    assert_eq!(
        verdicts(&change),
        expected,
        "bron, uitwisseling, bemiddelaar: {:#?}",
        change.roles
    );
    change
}

#[test]
fn a_contract_split_over_files_is_the_same_contract() {
    let split = |doc: &Value| {
        let text = serde_json::to_string(doc)
            .unwrap()
            .replace("\"#/components/", "\"common.yaml#/components/");
        let mut doc: Value = serde_json::from_str(&text).unwrap();
        let components = doc.as_object_mut().unwrap().remove("components").unwrap();
        (doc, json!({"components": components}))
    };
    let (bron, common) = split(&contract("Bron"));
    let documents = vec![
        Document {
            name: "VUM-Bron-Vacatures.yaml".into(),
            value: bron,
        },
        Document {
            name: "common.yaml".into(),
            value: common,
        },
    ];
    let new = ContractSet::load("split", documents).unwrap();
    let old = set(vec![("VUM-Bron-Vacatures.json", contract("Bron"))]);
    let report = report_of(&old, &new);
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
}

#[test]
fn a_recursive_schema_ends() {
    let recursive = |max: u64| {
        move |d: &mut Value| {
            schemas(d)["Node"] = json!({"type": "object", "properties": {
                "naam": {"type": "string", "maxLength": max},
                "kind": {"$ref": "#/components/schemas/Node"},
                "of": {"oneOf": [{"$ref": "#/components/schemas/Loop"}]}}});
            schemas(d)["Loop"] = json!({"oneOf": [{"$ref": "#/components/schemas/Loop"}]});
            schemas(d)["Match"]["properties"]["node"] =
                json!({"$ref": "#/components/schemas/Node"});
        }
    };
    let mut old = both();
    for (_, doc) in &mut old {
        recursive(10)(doc);
    }
    let mut new = both();
    for (_, doc) in &mut new {
        recursive(20)(doc);
    }
    let report = report_of(&set(old), &set(new));
    check(&report, Kind::MaxLengthChanged, "Node.naam", [C, B, B]);
}

#[test]
fn identical_sets_have_no_change_and_exit_0() {
    let report = after(|_| {});
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
    assert_eq!(report.exit_code(), 0);
    assert!(report.markdown().contains("Geen wijzigingen."));
}

#[test]
fn an_optional_response_field_added_is_breaking_for_clients_only() {
    let report = after(|d| schemas(d)["Match"]["properties"]["extra"] = json!({"type": "string"}));
    let change = check(&report, Kind::FieldAdded, "Match.extra", [C, B, B]);
    assert_eq!(change.occurrences.len(), 2, "once per contract");
    assert_eq!(
        change.occurrences[0].path.as_deref(),
        Some("matches[].extra")
    );
    assert_eq!(report.exit_code(), 2);
}

#[test]
fn a_response_field_removed_is_breaking_for_everyone() {
    let report = after(|d| {
        let props = schemas(d)["Match"]["properties"].as_object_mut().unwrap();
        props.remove("sector");
    });
    check(&report, Kind::FieldRemoved, "Match.sector", [B, B, B]);
}

#[test]
fn a_response_field_made_optional_is_breaking_for_clients() {
    let report = after(|d| schemas(d)["Match"]["required"] = json!([]));
    check(&report, Kind::MadeOptional, "Match.id", [C, B, B]);
}

#[test]
fn a_response_field_made_required_is_breaking_for_servers() {
    let report = after(|d| schemas(d)["Match"]["required"] = json!(["id", "sector"]));
    check(&report, Kind::MadeRequired, "Match.sector", [B, B, C]);
}

#[test]
fn a_new_response_enum_value_is_breaking_for_clients_and_a_removed_one_for_servers() {
    let report =
        after(|d| schemas(d)["Match"]["properties"]["sector"]["enum"] = json!([1, 2, 3, 4]));
    let change = check(&report, Kind::EnumValuesAdded, "Match.sector", [C, B, B]);
    assert_eq!(change.new.as_deref(), Some("4"));
    let report = after(|d| schemas(d)["Match"]["properties"]["sector"]["enum"] = json!([1, 2]));
    check(&report, Kind::EnumValuesRemoved, "Match.sector", [B, B, C]);
}

#[test]
fn a_shared_component_change_is_one_change_with_every_place_it_matters() {
    let report = after(|d| schemas(d)["Adres"]["properties"]["straat"]["maxLength"] = json!(80));
    let change = check(&report, Kind::MaxLengthChanged, "Adres.straat", [C, B, B]);
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("24"), Some("80"))
    );
    let places: Vec<(&str, &str)> = change
        .occurrences
        .iter()
        .map(|o| (o.contract.as_str(), o.path.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        places,
        [
            ("VUM-Bemiddelaar-Vacatures", "adres.straat"),
            ("VUM-Bemiddelaar-Vacatures", "matches[].adres.straat"),
            ("VUM-Bron-Vacatures", "adres.straat"),
            ("VUM-Bron-Vacatures", "matches[].adres.straat"),
        ]
    );
    let report = after(|d| schemas(d)["Adres"]["properties"]["straat"]["maxLength"] = json!(10));
    check(&report, Kind::MaxLengthChanged, "Adres.straat", [B, B, C]);
}

#[test]
fn a_changed_pattern_or_type_is_breaking_for_both_sides() {
    let report = after(|d| schemas(d)["Postcode"]["pattern"] = json!("^[0-9]{4}$"));
    check(&report, Kind::PatternChanged, "Adres.postcode", [B, B, B]);
    let report = after(|d| {
        schemas(d)["Match"]["properties"]["sector"] =
            json!({"type": "string", "enum": ["1", "2", "3"]});
    });
    let types: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == Kind::TypeChanged)
        .collect();
    assert_eq!(types.len(), 1, "{:#?}", report.changes);
    assert_eq!(verdicts(types[0]), [B, B, B]);
}

#[test]
fn a_format_added_to_a_response_field_binds_the_server() {
    let report = after(|d| schemas(d)["Match"]["properties"]["id"]["format"] = json!("uuid"));
    check(&report, Kind::FormatChanged, "Match.id", [B, B, C]);
}

#[test]
fn a_minimum_raised_or_a_maximum_lowered_narrows() {
    let report = after(|d| schemas(d)["Match"]["properties"]["id"]["minLength"] = json!(1));
    check(&report, Kind::MinLengthChanged, "Match.id", [B, B, C]);
}

#[test]
fn nullable_and_additional_properties_widen_a_response() {
    let report = after(|d| schemas(d)["Match"]["properties"]["sector"]["nullable"] = json!(true));
    check(&report, Kind::NullableChanged, "Match.sector", [C, B, B]);
    let report = after(|d| schemas(d)["Match"]["additionalProperties"] = json!(true));
    check(
        &report,
        Kind::AdditionalPropertiesChanged,
        "Match",
        [C, B, B],
    );
}

#[test]
fn a_field_renamed_in_its_object_is_one_move() {
    let report = after(|d| {
        let props = schemas(d)["Match"]["properties"].as_object_mut().unwrap();
        let naam = props.remove("naam").unwrap();
        props.insert("titel".into(), naam);
    });
    let change = check(&report, Kind::FieldMoved, "Match", [B, B, B]);
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("naam"), Some("titel"))
    );
}

#[test]
fn a_field_moved_to_another_parent_is_found_by_its_name_and_type() {
    let report = after(|d| {
        let adres = schemas(d)["Adres"]["properties"].as_object_mut().unwrap();
        let straat = adres.remove("straat").unwrap();
        schemas(d)["Match"]["properties"]["straat"] = straat;
    });
    let moved: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == Kind::FieldMoved)
        .collect();
    assert_eq!(moved.len(), 1, "{:#?}", report.changes);
    assert_eq!(moved[0].place.subject(), "Match");
    assert_eq!(verdicts(moved[0]), [B, B, B]);
    assert_eq!(
        (moved[0].old.as_deref(), moved[0].new.as_deref()),
        (Some("adres.straat"), Some("straat"))
    );
    // In the detail nothing was added: there the field is gone.
    let removed: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == Kind::FieldRemoved)
        .collect();
    assert_eq!(removed.len(), 1, "{:#?}", report.changes);
    assert_eq!(removed[0].place.subject(), "Adres.straat");
}

#[test]
fn a_field_with_the_same_type_and_description_under_another_name_and_parent_moved() {
    let before = |d: &mut Value| {
        schemas(d)["Adres"]["properties"]["straat"]["description"] =
            json!("Straatnaam van de vestiging");
    };
    let mut old = both();
    for (_, doc) in &mut old {
        before(doc);
    }
    let new: Vec<(&str, Value)> = both()
        .into_iter()
        .map(|(name, mut doc)| {
            before(&mut doc);
            let adres = schemas(&mut doc)["Adres"]["properties"]
                .as_object_mut()
                .unwrap();
            let straat = adres.remove("straat").unwrap();
            schemas(&mut doc)["Match"]["properties"]["straatnaam"] = straat;
            (name, doc)
        })
        .collect();
    let report = report_of(&set(old), &set(new));
    let moved: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == Kind::FieldMoved)
        .collect();
    assert_eq!(moved.len(), 1, "{:#?}", report.changes);
    assert_eq!(
        (moved[0].old.as_deref(), moved[0].new.as_deref()),
        (Some("adres.straat"), Some("straatnaam"))
    );
}

#[test]
fn an_object_that_becomes_a_choice_changes_structure() {
    let report = after(|d| {
        let adres = schemas(d)["Adres"].clone();
        schemas(d)["Adres"] = json!({"oneOf": [adres, {"type": "object", "additionalProperties": false,
            "properties": {"postbus": {"type": "integer"}}}]});
    });
    let structure: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == Kind::StructureChanged)
        .collect();
    assert_eq!(structure.len(), 1, "{:#?}", report.changes);
    assert_eq!(verdicts(structure[0]), [B, B, B]);
    assert!(
        report
            .changes
            .iter()
            .any(|c| c.kind == Kind::FieldAdded && c.place.subject() == "Adres.postbus")
    );
}

#[test]
fn a_new_required_request_field_is_breaking_for_clients_and_servers() {
    let report = after(|d| {
        schemas(d)["Request"]["properties"]["versie"] = json!({"type": "string"});
        schemas(d)["Request"]["required"] = json!(["vraagObject", "versie"]);
    });
    check(
        &report,
        Kind::RequiredFieldAdded,
        "Request.versie",
        [B, B, B],
    );
}

#[test]
fn request_headers_added_removed_and_constrained() {
    let add = |required: bool| {
        move |d: &mut Value| {
            d["paths"]["/vacatures/matches"]["post"]["parameters"]
                .as_array_mut()
                .unwrap()
                .push(json!({"name": "X-Extra", "in": "header", "required": required, "schema": {"type": "string"}}));
        }
    };
    check(
        &after(add(true)),
        Kind::RequiredHeaderAdded,
        "verzoekheader X-Extra",
        [B, B, B],
    );
    let report = after(add(false));
    check(
        &report,
        Kind::HeaderAdded,
        "verzoekheader X-Extra",
        [C, C, C],
    );
    assert_eq!(report.exit_code(), 1, "compatible only");
    let report = after(|d| {
        d["paths"]["/vacatures/matches"]["post"]["parameters"]
            .as_array_mut()
            .unwrap()
            .remove(1);
    });
    check(
        &report,
        Kind::HeaderRemoved,
        "verzoekheader X-VUM-fromParty",
        [B, B, C],
    );
    let report = after(|d| {
        d["paths"]["/vacatures/matches"]["post"]["parameters"][1]["schema"]["pattern"] =
            json!("^[0-9]{20}$");
    });
    let change = check(
        &report,
        Kind::PatternChanged,
        "verzoekheader X-VUM-fromParty",
        [C, B, B],
    );
    assert!(
        change.requirements.iter().any(|r| r.id == "AV-KOP-021"),
        "{:?}",
        change.requirements
    );
    let report = after(|d| {
        d["paths"]["/vacatures/matches"]["post"]["parameters"][1]["required"] = json!(false);
    });
    let change = check(
        &report,
        Kind::MadeOptional,
        "verzoekheader X-VUM-fromParty",
        [B, B, C],
    );
    assert!(
        change.requirements.iter().any(|r| r.id == "AV-KOP-008"),
        "{:?}",
        change.requirements
    );
}

#[test]
fn a_header_name_in_another_case_is_the_same_header() {
    let report = after(|d| {
        d["paths"]["/vacatures/matches"]["post"]["parameters"][1]["name"] =
            json!("x-vum-fromparty");
    });
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
}

#[test]
fn a_new_version_value_of_a_header_is_added_and_the_old_one_removed() {
    let report = after(|d| {
        for path in ["/vacatures/matches", "/vacatures/{id}"] {
            let method = if path.ends_with("matches") {
                "post"
            } else {
                "get"
            };
            let params = d["paths"][path][method]["parameters"]
                .as_array_mut()
                .unwrap();
            for p in params
                .iter_mut()
                .filter(|p| p["name"] == "X-VUM-berichtVersie")
            {
                p["schema"]["enum"] = json!(["3.1.0"]);
            }
        }
    });
    let kinds: Vec<(Kind, [Class; 3])> = report
        .changes
        .iter()
        .map(|c| (c.kind, verdicts(c)))
        .collect();
    assert_eq!(
        kinds,
        [
            (Kind::EnumValuesAdded, [B, B, C]),
            (Kind::EnumValuesRemoved, [C, B, B])
        ]
    );
    let added = &report.changes[0];
    assert_eq!(added.place.subject(), "verzoekheader X-VUM-berichtVersie");
    assert!(
        added.requirements.iter().any(|r| r.id == "AV-KOP-009"),
        "{:?}",
        added.requirements
    );
}

#[test]
fn response_headers_and_status_codes() {
    let report = after(|d| {
        d["paths"]["/vacatures/matches"]["post"]["responses"]["200"]["headers"] = json!({});
    });
    check(
        &report,
        Kind::HeaderRemoved,
        "antwoordheader API-Version",
        [C, B, B],
    );
    let report = after(|d| {
        d["paths"]["/vacatures/{id}"]["get"]["responses"]["404"] = json!({"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    });
    let change = check(&report, Kind::StatusAdded, "status 404", [C, B, B]);
    let ids: Vec<&str> = change.requirements.iter().map(|r| r.id.as_str()).collect();
    assert!(
        ids.contains(&"AV-KOP-013") && ids.contains(&"AV-KOP-014"),
        "{ids:?}"
    );
    let report = after(|d| {
        d["paths"]["/vacatures/{id}"]["get"]["responses"]
            .as_object_mut()
            .unwrap()
            .remove("400");
    });
    check(&report, Kind::StatusRemoved, "status 400", [B, B, C]);
}

#[test]
fn operations_added_and_removed() {
    let report = after(|d| {
        d["paths"]["/vacatures/{id}/historie"] =
            json!({"get": {"responses": {"200": {"description": "OK"}}}});
    });
    check(
        &report,
        Kind::OperationAdded,
        "GET /vacatures/{id}/historie",
        [B, B, C],
    );
    let report = after(|d| {
        d["paths"]
            .as_object_mut()
            .unwrap()
            .remove("/vacatures/{id}");
    });
    check(
        &report,
        Kind::OperationRemoved,
        "GET /vacatures/{id}",
        [C, B, B],
    );
}

#[test]
fn a_renamed_path_parameter_is_only_a_name() {
    let report = after(|d| {
        let paths = d["paths"].as_object_mut().unwrap();
        let mut item = paths.remove("/vacatures/{id}").unwrap();
        item["get"]["parameters"][0]["name"] = json!("idVacature");
        paths.insert("/vacatures/{idVacature}".into(), item);
    });
    assert_eq!(report.changes.len(), 1, "{:#?}", report.changes);
    assert_eq!(report.changes[0].kind, Kind::ParameterRenamed);
    assert_eq!(report.changes[0].class(), N);
    assert_eq!(report.exit_code(), 0);
}

#[test]
fn the_base_path_and_whole_contracts() {
    let report = after(|d| d["servers"] = json!([{"url": "https://example.invalid/api/v4"}]));
    check(
        &report,
        Kind::BasePathChanged,
        "basispad van de servers",
        [B, B, B],
    );
    let report = report_of(&set(both()), &set(vec![both().remove(0)]));
    check(
        &report,
        Kind::ContractRemoved,
        "contract VUM-Bemiddelaar-Vacatures",
        [N, C, B],
    );
}

#[test]
fn a_new_selection_criterion_binds_sources_and_frees_mediators() {
    let report = after(|d| {
        schemas(d)["MPVacature"]["properties"]["beroep.codeBeroepsnaam"] =
            json!({"type": "object", "properties": {"$eq": {"type": "string", "maxLength": 200}}});
    });
    let change = check(
        &report,
        Kind::CriterionAdded,
        "MPVacature › beroep.codeBeroepsnaam",
        [B, C, C],
    );
    let ids: Vec<&str> = change.requirements.iter().map(|r| r.id.as_str()).collect();
    assert!(
        ids.contains(&"AV-SEL-014") && ids.contains(&"AV-SEL-023"),
        "{ids:?}"
    );
    assert_eq!(
        change.scenarios[0].name,
        "Een onbekend criterium wordt genegeerd"
    );
}

#[test]
fn a_removed_criterion_is_no_longer_applied_for_mediators() {
    let report = after(|d| {
        schemas(d)["MPVacature"]["properties"]
            .as_object_mut()
            .unwrap()
            .remove("rijbewijs");
    });
    check(
        &report,
        Kind::CriterionRemoved,
        "MPVacature › rijbewijs",
        [C, C, B],
    );
}

#[test]
fn a_renamed_criterion_binds_sources_and_mediators() {
    let report = after(|d| {
        let props = schemas(d)["MPVacature"]["properties"]
            .as_object_mut()
            .unwrap();
        let rijbewijs = props.remove("rijbewijs").unwrap();
        props.insert("arbeidsmarktkwalificatie.rijbewijs".into(), rijbewijs);
    });
    check(&report, Kind::CriterionRenamed, "MPVacature", [B, C, B]);
}

#[test]
fn operators_added_and_removed_in_a_criterion() {
    let path = "/components/schemas/rijbewijs_selectie/properties/$all/items/properties/$elemMatch/properties/codeSoortRijbewijs/properties";
    let report = after(|d| {
        d.pointer_mut(path).unwrap()["$ne"] = json!({"type": "string"});
    });
    check(
        &report,
        Kind::OperatorAdded,
        "MPVacature › rijbewijs › $all[] › $elemMatch › codeSoortRijbewijs › $ne",
        [B, C, C],
    );
    let report = after(|d| {
        d.pointer_mut(path)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove("$eq");
    });
    check(
        &report,
        Kind::OperatorRemoved,
        "MPVacature › rijbewijs › $all[] › $elemMatch › codeSoortRijbewijs › $eq",
        [C, C, B],
    );
}

#[test]
fn operands_widened_or_narrowed() {
    let report = after(|d| {
        let path = "/components/schemas/rijbewijs_selectie/properties/$all/items/properties/$elemMatch/properties/codeSoortRijbewijs/properties/$eq";
        d.pointer_mut(path).unwrap()["enum"] = json!(["A", "B", "C"]);
    });
    check(
        &report,
        Kind::EnumValuesAdded,
        "MPVacature › rijbewijs › $all[] › $elemMatch › codeSoortRijbewijs › $eq",
        [B, C, C],
    );
    let report = after(|d| {
        schemas(d)["MPVacature"]["properties"]["selectiegebied"]["properties"]["afstand"]["maximum"] =
            json!(500);
    });
    let change = check(
        &report,
        Kind::MaximumChanged,
        "MPVacature › selectiegebied › afstand",
        [C, C, B],
    );
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("999"), Some("500"))
    );
    let report =
        after(|d| schemas(d)["rijbewijs_selectie"]["properties"]["$all"]["minItems"] = json!(2));
    check(
        &report,
        Kind::MinItemsChanged,
        "MPVacature › rijbewijs › $all",
        [C, C, B],
    );
}

#[test]
fn a_change_in_the_bron_contract_only_leaves_mediators_out() {
    let report =
        after_bron(|d| schemas(d)["Match"]["properties"]["extra"] = json!({"type": "string"}));
    let change = check(&report, Kind::FieldAdded, "Match.extra", [C, B, N]);
    assert!(
        change.roles[&Role::Bemiddelaar]
            .reason
            .contains("alleen in de Bron-contracten")
    );
}

#[test]
fn a_component_renamed_everywhere_is_a_neutral_rename() {
    let report = after(|d| {
        let text = serde_json::to_string(d)
            .unwrap()
            .replace("String120", "Tekst120");
        *d = serde_json::from_str(&text).unwrap();
    });
    assert_eq!(report.changes.len(), 1, "{:#?}", report.changes);
    let change = &report.changes[0];
    assert_eq!((change.kind, change.class()), (Kind::SchemaRenamed, N));
    assert_eq!(change.new.as_deref(), Some("Tekst120"));
    assert_eq!(change.occurrences.len(), 2, "both contracts");
    assert_eq!(report.exit_code(), 0);
}

#[test]
fn enums_introduced_and_dropped() {
    let report = after(|d| schemas(d)["Adres"]["properties"]["straat"]["enum"] = json!(["Dam"]));
    check(&report, Kind::EnumIntroduced, "Adres.straat", [B, B, C]);
}

#[test]
fn an_unmapped_change_says_geen_eis() {
    let report = after(|d| d["servers"] = json!([{"url": "/api/v4"}]));
    assert!(report.changes[0].requirements.is_empty());
    assert!(
        report.markdown().contains("  - eisen: geen eis\n"),
        "{}",
        report.markdown()
    );
}

#[test]
fn json_is_sorted_and_has_the_summary() {
    let report =
        after(|d| schemas(d)["Match"]["properties"]["sector"]["enum"] = json!([1, 2, 3, 4]));
    let text = report.json();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["summary"]["kinds"]["enum-values-added"], 1);
    assert_eq!(value["summary"]["roles"]["bron"]["compatible"], 1);
    assert_eq!(value["summary"]["roles"]["bemiddelaar"]["breaking"], 1);
    assert_eq!(value["summary"]["exit_code"], 2);
    assert_eq!(value["changes"][0]["class"], "breaking");
    assert!(text.find("\"changes\"").unwrap() < text.find("\"format\"").unwrap());
}

/// A later concept version adds a job-seeker criterion `competenties` (`$elemMatch` on
/// `codeCompetentie`): compatible for mediators (they may use it), breaking for sources (they must
/// apply it), compatible for the exchange (it passes the question on).
#[test]
fn a_criterion_of_a_later_version_added_to_our_contracts_binds_sources_only() {
    let documents = Committed.documents(VERSION).unwrap().unwrap();
    let old = ContractSet::load(VERSION, documents.clone()).unwrap();
    let mut new_docs = documents;
    for doc in new_docs
        .iter_mut()
        .filter(|d| d.name.contains("Werkzoekende"))
    {
        doc.value["components"]["schemas"]["MPWerkzoekende"]["properties"]["competenties"] = json!({
            "type": "object",
            "properties": {"$elemMatch": {"type": "object", "properties": {
                "codeCompetentie": {"type": "object", "properties": {"$eq": {"$ref": "#/components/schemas/URI"}}}}}},
        });
    }
    let new = ContractSet::load("3.1.0", new_docs).unwrap();
    let report = report_of(&old, &new);
    let change = check(
        &report,
        Kind::CriterionAdded,
        "MPWerkzoekende › competenties",
        [B, C, C],
    );
    let contracts: Vec<&str> = change
        .occurrences
        .iter()
        .map(|o| o.contract.as_str())
        .collect();
    assert_eq!(
        contracts,
        [
            "VUM-Bemiddelaar-WerkzoekendeProfielen",
            "VUM-Bron-WerkzoekendeProfielen"
        ]
    );
    assert!(
        change.roles[&Role::Bron]
            .reason
            .contains("moet het nieuwe criterium toepassen")
    );
    assert!(
        change.roles[&Role::Bemiddelaar]
            .reason
            .contains("mag het nieuwe criterium gebruiken")
    );
    assert_eq!(report.exit_code(), 2);
}

/// Puts `version` in `info.version` and in every version header of a contract.
fn renumber(doc: &mut Value, version: &str) {
    let text = doc
        .to_string()
        .replace("\"3.0.0\"", &format!("\"{version}\""));
    *doc = serde_json::from_str(&text).unwrap();
}

/// Within one major the version headers carry the versions' own numbers: version selection, named
/// once, no change. Across majors the old number is gone: a change like any other.
#[test]
fn the_version_number_itself_is_a_change_across_majors_only() {
    let minor = after(|d| renumber(d, "3.1.0"));
    assert!(minor.changes.is_empty(), "{:#?}", minor.changes);
    assert_eq!(
        minor.version_headers,
        Some(VersionHeaders {
            old: "3.0.0".to_owned(),
            new: "3.1.0".to_owned()
        })
    );
    assert_eq!(minor.exit_code(), 0);
    assert!(minor.markdown().contains(
        "- Versieheaders: X-VUM-berichtVersie en API-Version noemen 3.1.0 waar ze 3.0.0 noemden."
    ));
    assert!(minor.json().contains("\"version_headers\""));
    let major = after(|d| renumber(d, "4.0.0"));
    assert!(major.version_headers.is_none());
    assert!(major.changes.iter().any(|c| c.kind == Kind::EnumValuesAdded
        && c.place.subject() == "verzoekheader X-VUM-berichtVersie"));
    assert!(!major.json().contains("\"version_headers\""));
    // A header that accepts both numbers is a real widening, even within one major.
    let both_numbers = after(|d| {
        d["paths"]["/vacatures/matches"]["post"]["parameters"][0]["schema"]["enum"] =
            json!(["3.0.0", "3.1.0"]);
    });
    assert_eq!(both_numbers.changes.len(), 1);
    assert_eq!(both_numbers.changes[0].kind, Kind::EnumValuesAdded);
}
