//! The committed schema files are exactly what the types generate.

use std::collections::BTreeSet;
use std::path::PathBuf;

use vum_spec::artifacts;

const FIX: &str = "run `cargo run -p vum-spec -- generate` and commit spec/schema";

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(vum_spec::VERSION)
}

#[test]
fn committed_schemas_are_fresh() {
    let mut stale = Vec::new();
    for artifact in artifacts::generate() {
        let path = schema_dir().join(&artifact.file_name);
        match std::fs::read_to_string(&path) {
            Ok(text) if text == artifact.text => {}
            Ok(_) => stale.push(format!("{} differs", artifact.file_name)),
            Err(_) => stale.push(format!("{} is missing", artifact.file_name)),
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
    let expected: BTreeSet<String> = artifacts::generate()
        .into_iter()
        .map(|a| a.file_name)
        .collect();
    let present: BTreeSet<String> = std::fs::read_dir(schema_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| artifacts::is_generated_name(name))
        .collect();
    let obsolete: Vec<&String> = present.difference(&expected).collect();
    assert!(
        obsolete.is_empty(),
        "obsolete files in spec/schema ({FIX}): {obsolete:?}"
    );
}

#[test]
fn the_library_embeds_the_committed_files() {
    for artifact in artifacts::generate() {
        assert_eq!(
            artifacts::committed_file(&artifact.file_name),
            Some(artifact.text.as_str()),
            "{} as embedded differs from the generated text ({FIX})",
            artifact.file_name
        );
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(artifacts::generate(), artifacts::generate());
}
