//! The four OpenAPI 3.1 contracts of a version, built from the same types as the message schemas.
//!
//! They follow the upstream 3.0.0 contracts (paths, operation ids, headers, status codes), with
//! two additions that describe what a conforming node does where the upstream text is silent:
//! `404` with an error body on the detail operations (unknown id), and the `mutualTLS` security
//! scheme that the standard requires out of band.

use schemars::generate::SchemaGenerator;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};

use crate::berichten::{
    BronVacatureMatchesResponse, BronWerkzoekendeMatchesResponse, VacatureDetailResponse,
    VacatureMatchesRequest, VacatureMatchesResponse, WerkzoekendeDetailResponse,
    WerkzoekendeMatchesRequest, WerkzoekendeMatchesResponse,
};
use crate::error::ErrorBody;
use crate::headers::{
    API_VERSION, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_SUWI_PARTY, X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
};
use crate::kind::Kind;
use crate::message::Contract;
use crate::primitives::{IdVacature, IdWerkzoekende, VumId};
use crate::schema::{GENERATED_COMMENT, referenced_definitions, settings_for};
use crate::vacature::Vacature;
use crate::versie::{NIEUWSTE_ACTIEVE, Versie, Versienummer};
use crate::werkzoekende::Werkzoekende;

/// The pattern of an OIN in a header (see [`crate::headers::Oin`]).
pub const OIN_PATTERN: &str = "^[0-9]{8}[0-9A-Za-z]{9}000$";

/// The OpenAPI document of a contract in the newest `actief` version.
pub fn document(contract: Contract) -> Value {
    document_at(contract, NIEUWSTE_ACTIEVE)
}

/// The OpenAPI document of a contract in a version of the registry.
pub fn document_for(contract: Contract, versie: &Versie) -> Value {
    document_at(contract, versie.nummer)
}

/// The OpenAPI document of a contract in the version with this number.
pub fn document_at(contract: Contract, versie: Versienummer) -> Value {
    build(
        contract.name(),
        &description(contract, versie),
        &[contract],
        versie,
    )
}

/// The name of the document that holds both source contracts, as one source serves them.
pub const BRON_DOCUMENT: &str = "VUM-Bron";

/// Both source contracts in one document, newest `actief` version: what a source serves at
/// `/api/v3/openapi.json`.
pub fn bron_document() -> Value {
    bron_document_at(NIEUWSTE_ACTIEVE)
}

/// Both source contracts in one document, in a version of the registry.
pub fn bron_document_for(versie: &Versie) -> Value {
    bron_document_at(versie.nummer)
}

/// Both source contracts in one document, in the version with this number.
pub fn bron_document_at(versie: Versienummer) -> Value {
    let description = format!(
        "Koppelvlak tussen de uitwisselingsvoorziening (client) en een bron (server) voor \
         matchingprofielen van werkzoekenden en van vacatures: de contracten \
         {} en {} {versie} in één document.",
        Contract::BronWerkzoekendeProfielen.name(),
        Contract::BronVacatures.name()
    );
    build(
        BRON_DOCUMENT,
        &description,
        &[Contract::BronWerkzoekendeProfielen, Contract::BronVacatures],
        versie,
    )
}

/// The name of the document that holds both mediator contracts.
pub const BEMIDDELAAR_DOCUMENT: &str = "VUM-Bemiddelaar";

/// Both mediator contracts in one document, newest `actief` version: what the exchange serves at
/// `/api/v3/openapi.json`.
pub fn bemiddelaar_document() -> Value {
    bemiddelaar_document_at(NIEUWSTE_ACTIEVE)
}

/// Both mediator contracts in one document, in a version of the registry.
pub fn bemiddelaar_document_for(versie: &Versie) -> Value {
    bemiddelaar_document_at(versie.nummer)
}

/// Both mediator contracts in one document, in the version with this number.
pub fn bemiddelaar_document_at(versie: Versienummer) -> Value {
    let description = format!(
        "Koppelvlak tussen een bemiddelaar (client) en de uitwisselingsvoorziening (server) voor \
         gepseudonimiseerde matchingprofielen van werkzoekenden en van vacatures: de contracten \
         {} en {} {versie} in één document.",
        Contract::BemiddelaarWerkzoekendeProfielen.name(),
        Contract::BemiddelaarVacatures.name()
    );
    build(
        BEMIDDELAAR_DOCUMENT,
        &description,
        &[
            Contract::BemiddelaarWerkzoekendeProfielen,
            Contract::BemiddelaarVacatures,
        ],
        versie,
    )
}

fn build(title: &str, description: &str, contracts: &[Contract], versie: Versienummer) -> Value {
    let mut generator = settings_for(versie)
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let mut paths = Map::new();
    for contract in contracts {
        paths.extend(contract_paths(*contract, &mut generator, versie));
    }
    let mut schemas = generator.take_definitions(true);
    let referenced = referenced_definitions(
        &Value::Object(paths.clone()),
        "#/components/schemas/",
        &schemas,
    );
    schemas.retain(|name, _| referenced.contains(name));
    json!({
        "openapi": "3.1.0",
        "$comment": GENERATED_COMMENT,
        "info": {
            "title": title,
            "version": versie.to_string(),
            "description": description,
        },
        "servers": [{"url": versie.basispad(), "description": "Basispad; de host verschilt per omgeving."}],
        "security": [{"mutualTLS": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "headers": response_headers(versie),
            "securitySchemes": {"mutualTLS": {
                "type": "mutualTLS",
                "description": "Tweezijdig TLS met een PKIoverheid-certificaat; het OIN staat in subject serialNumber.",
            }},
        },
    })
}

fn contract_paths(
    contract: Contract,
    generator: &mut SchemaGenerator,
    versie: Versienummer,
) -> Map<String, Value> {
    let kind = contract.kind();
    let (id_param, id_schema) = match (kind, contract.is_bron()) {
        (Kind::Werkzoekende, true) => {
            (kind.id_field(), generator.subschema_for::<IdWerkzoekende>())
        }
        (Kind::Vacature, true) => (kind.id_field(), generator.subschema_for::<IdVacature>()),
        (_, false) => ("vumID", generator.subschema_for::<VumId>()),
    };
    let (request, matches, detail) = bodies(contract, generator);
    let error = generator.subschema_for::<ErrorBody>();
    let (matches_id, detail_id) = operation_ids(contract);
    let matches_op = json!({
        "summary": format!("Zoekopdracht naar {}", subject(contract)),
        "operationId": matches_id,
        "parameters": header_parameters(contract, versie),
        "requestBody": {"required": true, "content": {"application/json": {"schema": request}}},
        "responses": responses(&matches, &error, false),
    });
    let mut detail_parameters = vec![json!({
        "name": id_param, "in": "path", "required": true, "schema": id_schema,
    })];
    detail_parameters.extend(header_parameters(contract, versie));
    let detail_op = json!({
        "summary": format!("Detail van één {}", contract.kind()),
        "operationId": detail_id,
        "parameters": detail_parameters,
        "responses": responses(&detail, &error, true),
    });
    let mut paths = Map::new();
    paths.insert(kind.matches_path(), json!({"post": matches_op}));
    paths.insert(
        kind.detail_path(&format!("{{{id_param}}}")),
        json!({"get": detail_op}),
    );
    paths
}

fn bodies(contract: Contract, generator: &mut SchemaGenerator) -> (Schema, Schema, Schema) {
    fn of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
    match contract {
        Contract::BronWerkzoekendeProfielen => (
            of::<WerkzoekendeMatchesRequest>(generator),
            of::<BronWerkzoekendeMatchesResponse>(generator),
            of::<Werkzoekende>(generator),
        ),
        Contract::BronVacatures => (
            of::<VacatureMatchesRequest>(generator),
            of::<BronVacatureMatchesResponse>(generator),
            of::<Vacature>(generator),
        ),
        Contract::BemiddelaarWerkzoekendeProfielen => (
            of::<WerkzoekendeMatchesRequest>(generator),
            of::<WerkzoekendeMatchesResponse>(generator),
            of::<WerkzoekendeDetailResponse>(generator),
        ),
        Contract::BemiddelaarVacatures => (
            of::<VacatureMatchesRequest>(generator),
            of::<VacatureMatchesResponse>(generator),
            of::<VacatureDetailResponse>(generator),
        ),
    }
}

fn operation_ids(contract: Contract) -> (&'static str, &'static str) {
    match contract {
        Contract::BronWerkzoekendeProfielen => {
            ("MatchesWerkzoekendeProfielen", "getWerkzoekendeProfiel")
        }
        Contract::BemiddelaarWerkzoekendeProfielen => {
            ("MatcheswerkzoekendeProfielen", "getWerkzoekendeProfiel")
        }
        Contract::BronVacatures | Contract::BemiddelaarVacatures => {
            ("MatchesVacatures", "getVacature")
        }
    }
}

fn subject(contract: Contract) -> String {
    format!("matchingprofielen van {}", contract.kind().plural())
}

fn description(contract: Contract, versie: Versienummer) -> String {
    let (server, client) = if contract.is_bron() {
        ("een bron", "de uitwisselingsvoorziening")
    } else {
        ("de uitwisselingsvoorziening", "een bemiddelaar")
    };
    format!(
        "Koppelvlak tussen {client} (client) en {server} (server) voor {}. Gegenereerd uit de \
         Rust-typen van vum-spec; volgt het gelijknamige VUM-contract {versie}.",
        subject(contract)
    )
}

fn header_parameters(contract: Contract, versie: Versienummer) -> Vec<Value> {
    let version = json!({"type": "string", "enum": [versie.to_string()]});
    let oin = json!({"type": "string", "pattern": OIN_PATTERN});
    let mut parameters = vec![
        json!({"name": X_VUM_BERICHT_VERSIE, "in": "header", "required": true, "schema": version}),
        json!({"name": X_VUM_FROM_PARTY, "in": "header", "required": true, "schema": oin,
               "description": "OIN van de vragende verwerkingsverantwoordelijke."}),
        json!({"name": X_VUM_TO_PARTY, "in": "header", "required": true, "schema": oin,
               "description": "OIN van de ontvangende partij."}),
        json!({"name": X_VUM_VIA_PARTY, "in": "header", "required": true, "schema": oin,
               "description": "OIN van de verwerker."}),
    ];
    if contract.is_bron() {
        parameters.push(json!({
            "name": X_VUM_SUWI_PARTY, "in": "header", "required": true, "schema": {"type": "boolean"},
            "description": "Of de vragende verwerkingsverantwoordelijke deelneemt aan SUWI.",
        }));
    }
    parameters
        .push(json!({"name": API_VERSION, "in": "header", "required": true, "schema": version}));
    parameters
}

fn response_headers(versie: Versienummer) -> Value {
    let version = json!({"schema": {"type": "string", "enum": [versie.to_string()]}});
    let oin = json!({"schema": {"type": "string", "pattern": OIN_PATTERN}});
    json!({
        X_VUM_BERICHT_VERSIE: version,
        X_VUM_FROM_PARTY: oin,
        X_VUM_TO_PARTY: oin,
        X_VUM_VIA_PARTY: oin,
        API_VERSION: version,
    })
}

fn responses(ok: &Schema, error: &Schema, detail: bool) -> Value {
    let headers: Map<String, Value> = [
        X_VUM_BERICHT_VERSIE,
        X_VUM_FROM_PARTY,
        X_VUM_TO_PARTY,
        X_VUM_VIA_PARTY,
        API_VERSION,
    ]
    .iter()
    .map(|h| {
        (
            (*h).to_owned(),
            json!({"$ref": format!("#/components/headers/{h}")}),
        )
    })
    .collect();
    let with_body = |description: &str, schema: &Schema| json!({"description": description, "headers": headers, "content": {"application/json": {"schema": schema}}});
    let mut responses = Map::new();
    responses.insert("200".to_owned(), with_body("OK", ok));
    responses.insert("400".to_owned(), with_body("Bad request", error));
    responses.insert(
        "401".to_owned(),
        json!({"description": "Niet geautoriseerd (geen body)", "headers": headers}),
    );
    if detail {
        responses.insert(
            "404".to_owned(),
            with_body(
                "Onbekend id (aanvulling: het upstream contract noemt geen 404)",
                error,
            ),
        );
    }
    responses.insert("429".to_owned(), with_body("Too Many Requests", error));
    responses.insert("500".to_owned(), with_body("Internal Server Error", error));
    responses.insert("503".to_owned(), with_body("Service Unavailable", error));
    Value::Object(responses)
}
