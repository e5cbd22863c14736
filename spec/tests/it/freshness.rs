//! The committed schema files of every version in the registry are exactly what the types
//! generate for that version.

use std::collections::BTreeSet;
use std::path::PathBuf;

use vum_spec::artifacts;
use vum_spec::versie::{self, Versie};

const FIX: &str = "run `cargo run -p vum-spec -- generate` and commit spec/schema";

fn versies() -> &'static [Versie] {
    versie::registry().unwrap().versies()
}

fn schema_dir(versie: &Versie) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(versie.naam())
}

#[test]
fn committed_schemas_of_every_version_are_fresh() {
    let mut stale = Vec::new();
    for versie in versies() {
        for artifact in artifacts::generate_for(versie) {
            let path = schema_dir(versie).join(&artifact.file_name);
            match std::fs::read_to_string(&path) {
                Ok(text) if text == artifact.text => {}
                Ok(_) => stale.push(format!("{}/{} differs", versie.naam(), artifact.file_name)),
                Err(_) => stale.push(format!(
                    "{}/{} is missing",
                    versie.naam(),
                    artifact.file_name
                )),
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files ({FIX}):\n{}",
        stale.join("\n")
    );
}

#[test]
fn no_obsolete_generated_files_are_committed() {
    for versie in versies() {
        let expected: BTreeSet<String> = artifacts::generate_for(versie)
            .into_iter()
            .map(|a| a.file_name)
            .collect();
        let present: BTreeSet<String> = std::fs::read_dir(schema_dir(versie))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| artifacts::is_generated_name(name))
            .collect();
        let obsolete: Vec<&String> = present.difference(&expected).collect();
        assert!(
            obsolete.is_empty(),
            "obsolete files in spec/schema/{} ({FIX}): {obsolete:?}",
            versie.naam()
        );
    }
    let directories: BTreeSet<String> =
        std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    let known: BTreeSet<String> = versies().iter().map(Versie::naam).collect();
    assert_eq!(
        directories, known,
        "a schema directory per registry version"
    );
}

#[test]
fn the_library_embeds_the_committed_files_of_every_version() {
    for versie in versies() {
        for artifact in artifacts::generate_for(versie) {
            assert_eq!(
                artifacts::committed_file_for(versie, &artifact.file_name),
                Some(artifact.text.as_str()),
                "{}/{} as embedded differs from the generated text ({FIX})",
                versie.naam(),
                artifact.file_name
            );
        }
    }
    assert_eq!(
        artifacts::committed(),
        artifacts::committed_for(versie::nieuwste_actieve().unwrap()),
        "without a version: the newest actief one"
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(artifacts::generate(), artifacts::generate());
    let concept = versie::versie("3.1.0").unwrap();
    assert_eq!(
        artifacts::generate_for(concept),
        artifacts::generate_for(concept)
    );
}

/// A field marked as introduced in 3.1.0 exists in 3.1.0 only; every other byte of the two
/// versions differs by the version number alone.
#[test]
fn the_two_versions_differ_by_the_number_and_the_one_new_criterion() {
    let (oud, nieuw) = (
        versie::versie("3.0.0").unwrap(),
        versie::versie("3.1.0").unwrap(),
    );
    let with_criterion: Vec<String> = artifacts::generate_for(nieuw)
        .into_iter()
        .zip(artifacts::generate_for(oud))
        .filter(|(n, o)| {
            let renumbered = n
                .text
                .replace("3.1.0", "3.0.0")
                .replace("\"openapi\": \"3.0.0\"", "\"openapi\": \"3.1.0\"");
            renumbered != o.text
        })
        .map(|(n, _)| n.file_name)
        .collect();
    assert_eq!(
        with_criterion,
        [
            "VUM-Bemiddelaar-WerkzoekendeProfielen.openapi.json",
            "VUM-Bemiddelaar.openapi.json",
            "VUM-Bron-WerkzoekendeProfielen.openapi.json",
            "VUM-Bron.openapi.json",
            "werkzoekende-matches-request.schema.json",
            "werkzoekende-vraag.schema.json",
        ]
    );
    for (file, text) in artifacts::committed_for(oud) {
        assert!(!text.contains("\"competenties\""), "{file}");
        assert!(!text.contains("x-vum-sinds"), "{file}");
    }
}
