//! The types read, validate and write back the upstream test profiles exactly.

use serde_json::Value;
use vum_spec::Message;
use vum_spec::validate::{documents, violations};
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

use crate::upstream;

fn upload() -> Vec<Value> {
    let path = upstream::file("accreditatie/werkzoekenden/AccreditatieWerkzoekenden_upload.json");
    documents(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn all_1000_upstream_profiles_deserialise_validate_and_round_trip_exactly() {
    let profiles = upload();
    assert_eq!(profiles.len(), 1000);
    let mut empty_arrays = 0;
    for (index, profile) in profiles.iter().enumerate() {
        let errors = violations(Message::Werkzoekende, profile).unwrap();
        assert!(
            errors.is_empty(),
            "profile {index} breaks our schema: {errors:?}"
        );
        let typed: Werkzoekende = serde_json::from_value(profile.clone())
            .unwrap_or_else(|e| panic!("profile {index} does not deserialise: {e}"));
        let written = serde_json::to_value(&typed).unwrap();
        assert_eq!(
            &written, profile,
            "profile {index} does not round-trip exactly"
        );
        empty_arrays += profile.to_string().matches("[]").count();
    }
    assert!(
        empty_arrays > 0,
        "the upload holds empty arrays; the round trip must keep them"
    );
}

#[test]
fn the_matching_profile_of_every_upstream_profile_is_a_valid_source_match() {
    for (index, profile) in upload().iter().enumerate() {
        let typed: Werkzoekende = serde_json::from_value(profile.clone()).unwrap();
        let id = typed.id_werkzoekende.clone().unwrap();
        let matching = BronWerkzoekendeMatch::from_detail(&typed, id).unwrap();
        let value = serde_json::to_value(&matching).unwrap();
        let errors = violations(Message::BronWerkzoekendeMatch, &value).unwrap();
        assert!(errors.is_empty(), "matching profile {index}: {errors:?}");
        for detail_only in [
            "persoonlijkePresentatie",
            "emailadres",
            "telefoonnummer",
            "indicatieLdrRegistratie",
        ] {
            assert!(
                value.get(detail_only).is_none(),
                "{detail_only} leaked into match {index}"
            );
        }
    }
}

#[test]
fn our_schema_agrees_with_the_upstream_schema_on_every_upstream_profile() {
    let contract = upstream::contract(vum_spec::Contract::BronWerkzoekendeProfielen);
    let theirs = upstream::validator(&contract, "/components/schemas/Werkzoekende");
    for (index, profile) in upload().iter().enumerate() {
        assert!(
            theirs.is_valid(profile),
            "upstream rejects its own profile {index}"
        );
    }
}
