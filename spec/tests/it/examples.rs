//! Example documents: valid ones pass our schema and upstream's; invalid ones fail both, and ours
//! reports the listed keyword at the listed place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use vum_spec::Message;
use vum_spec::validate::violations;

use crate::upstream;

#[derive(Deserialize)]
struct Manifest {
    valid: Vec<Example>,
    invalid: Vec<Example>,
}

#[derive(Deserialize)]
struct Example {
    file: String,
    message: String,
    at: Option<String>,
    kind: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(vum_spec::VERSION)
}

fn manifest() -> Manifest {
    toml::from_str(&std::fs::read_to_string(root().join("examples.toml")).unwrap()).unwrap()
}

fn load(example: &Example) -> (Message, Value) {
    let message: Message = example.message.parse().unwrap();
    let text = std::fs::read_to_string(root().join(&example.file)).unwrap();
    (
        message,
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", example.file)),
    )
}

fn upstream_accepts(message: Message, document: &Value) -> bool {
    let location = message.upstream();
    let contract = upstream::contract(location.contract);
    upstream::validator(&contract, location.pointer).is_valid(document)
}

#[test]
fn every_example_file_is_in_the_manifest_and_every_entry_exists() {
    let manifest = manifest();
    let listed: BTreeSet<String> = manifest
        .valid
        .iter()
        .chain(&manifest.invalid)
        .map(|e| e.file.clone())
        .collect();
    let mut present = BTreeSet::new();
    for dir in ["valid", "invalid"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            present.insert(format!(
                "{dir}/{}",
                entry.unwrap().file_name().to_string_lossy()
            ));
        }
    }
    assert_eq!(listed, present);
    assert!(
        manifest.invalid.len() >= 30,
        "only {} invalid examples",
        manifest.invalid.len()
    );
    let kinds: BTreeSet<&str> = manifest
        .invalid
        .iter()
        .filter_map(|e| e.kind.as_deref())
        .collect();
    for kind in [
        "enum",
        "maxLength",
        "pattern",
        "format",
        "additionalProperties",
        "required",
        "type",
        "minimum",
        "maximum",
        "minItems",
        "oneOf",
    ] {
        assert!(kinds.contains(kind), "no invalid example of kind {kind}");
    }
}

#[test]
fn valid_examples_pass_our_schema_and_upstream() {
    for example in manifest().valid {
        let (message, document) = load(&example);
        let errors = violations(message, &document).unwrap();
        assert!(
            errors.is_empty(),
            "{}: our schema rejects it: {errors:#?}",
            example.file
        );
        assert!(
            upstream_accepts(message, &document),
            "{}: the upstream contract rejects it",
            example.file
        );
    }
}

#[test]
fn invalid_examples_fail_our_schema_for_the_listed_reason_and_fail_upstream() {
    for example in manifest().invalid {
        let (message, document) = load(&example);
        let (at, kind) = (
            example.at.as_deref().unwrap_or(""),
            example.kind.as_deref().unwrap_or(""),
        );
        let errors = violations(message, &document).unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e.instance_path == at && Path::new(&e.schema_path).ends_with(kind)),
            "{}: expected `{kind}` at `{at}`, our schema said: {errors:#?}",
            example.file
        );
        assert!(
            !upstream_accepts(message, &document),
            "{}: the upstream contract accepts it",
            example.file
        );
    }
}

#[test]
fn valid_examples_round_trip_through_the_types() {
    use vum_spec::berichten::*;
    use vum_spec::error::ErrorBody;
    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(document: &Value) -> Value {
        serde_json::to_value(serde_json::from_value::<T>(document.clone()).unwrap()).unwrap()
    }
    for example in manifest().valid {
        let (message, document) = load(&example);
        let written = match message {
            Message::Werkzoekende => round_trip::<vum_spec::werkzoekende::Werkzoekende>(&document),
            Message::Vacature => round_trip::<vum_spec::vacature::Vacature>(&document),
            Message::BronWerkzoekendeMatch => {
                round_trip::<vum_spec::werkzoekende::BronWerkzoekendeMatch>(&document)
            }
            Message::WerkzoekendeMatch => {
                round_trip::<vum_spec::werkzoekende::WerkzoekendeMatch>(&document)
            }
            Message::BronVacatureMatch => {
                round_trip::<vum_spec::vacature::BronVacatureMatch>(&document)
            }
            Message::VacatureMatch => round_trip::<vum_spec::vacature::VacatureMatch>(&document),
            Message::WerkzoekendeVraag => {
                round_trip::<vum_spec::vraag::WerkzoekendeVraag>(&document)
            }
            Message::VacatureVraag => round_trip::<vum_spec::vraag::VacatureVraag>(&document),
            Message::WerkzoekendeMatchesRequest => {
                round_trip::<WerkzoekendeMatchesRequest>(&document)
            }
            Message::VacatureMatchesRequest => round_trip::<VacatureMatchesRequest>(&document),
            Message::BronWerkzoekendeMatchesResponse => {
                round_trip::<BronWerkzoekendeMatchesResponse>(&document)
            }
            Message::WerkzoekendeMatchesResponse => {
                round_trip::<WerkzoekendeMatchesResponse>(&document)
            }
            Message::BronVacatureMatchesResponse => {
                round_trip::<BronVacatureMatchesResponse>(&document)
            }
            Message::VacatureMatchesResponse => round_trip::<VacatureMatchesResponse>(&document),
            Message::WerkzoekendeDetailResponse => {
                round_trip::<WerkzoekendeDetailResponse>(&document)
            }
            Message::VacatureDetailResponse => round_trip::<VacatureDetailResponse>(&document),
            Message::Error => round_trip::<ErrorBody>(&document),
        };
        assert_eq!(written, document, "{} does not round-trip", example.file);
    }
}
