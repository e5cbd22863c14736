//! The `vum-spec` binary, as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::upstream;

fn vum_spec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vum-spec"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-spec-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn validate_reports_1000_valid_upstream_profiles() {
    let file = upstream::file("accreditatie/werkzoekenden/AccreditatieWerkzoekenden_upload.json");
    let output = vum_spec(&["validate", "--as", "werkzoekende", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains(": 1000 valid, 0 invalid (werkzoekende)"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn validate_names_each_invalid_document_with_every_error_and_exits_1() {
    let ndjson = concat!(
        "{\"idWerkzoekende\": \"ok\", \"mobiliteit\": {\"bemiddelingspostcode\": \"1011AB\"}}\n",
        "{\"idWerkzoekende\": \"bad/id\", \"mobiliteit\": {\"bemiddelingspostcode\": \"1011 AB\"}, \"indicatieLdrRegistratie\": 3}\n"
    );
    let file = temp_file("two.ndjson", ndjson);
    let output = vum_spec(&["validate", "--as", "werkzoekende", file.to_str().unwrap()]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("document 1 (idWerkzoekende \"bad/id\"): 3 errors"),
        "{out}"
    );
    for place in [
        "at /idWerkzoekende",
        "at /mobiliteit/bemiddelingspostcode",
        "at /indicatieLdrRegistratie",
    ] {
        assert!(out.contains(place), "{place} missing in:\n{out}");
    }
    assert!(out.contains("[schema /$defs/Postcode/pattern]"), "{out}");
    assert!(out.contains("1 valid, 1 invalid"), "{out}");
}

#[test]
fn validate_rejects_an_unknown_message_and_unreadable_input_with_exit_2() {
    let file = temp_file("broken.json", "{\"a\": ");
    let output = vum_spec(&["validate", "--as", "werkzoekende", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not JSON"));
    let output = vum_spec(&["validate", "--as", "profiel", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown message \"profiel\""));
}

#[test]
fn lint_exits_1_on_upstream_source_contracts_and_0_on_ours() {
    let wz = upstream::file("OAS_Contracten/VUM-Bron-WerkzoekendeProfielen.yaml");
    let vac = upstream::file("OAS_Contracten/VUM-Bron-Vacatures.yaml");
    let output = vum_spec(&["lint", wz.to_str().unwrap(), vac.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).ends_with("3 findings in 2 contracts\n"),
        "{}",
        stdout(&output)
    );
    let ours = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(vum_spec::VERSION);
    let output = vum_spec(&["lint", ours.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("0 findings in 6 contracts\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn generate_check_finds_the_committed_files_fresh() {
    let output = vum_spec(&["generate", "--check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn generate_writes_a_complete_set_per_version_into_an_empty_directory() {
    let dir = std::env::temp_dir().join(format!("vum-spec-generate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let output = vum_spec(&["generate", "--dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let register = vum_spec::versie::registry().unwrap();
    for versie in register.versies() {
        let count = std::fs::read_dir(dir.join(versie.naam())).unwrap().count();
        assert_eq!(count, vum_spec::artifacts::generate_for(versie).len());
    }
    let v300 = dir.join("3.0.0");
    std::fs::write(v300.join("old.schema.json"), "{}").unwrap();
    let output = vum_spec(&["generate", "--check", "--dir", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("obsolete:"), "{}", stdout(&output));
    // One version only: the other is not looked at.
    let output = vum_spec(&[
        "generate",
        "--check",
        "--versie",
        "3.1.0",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = vum_spec(&[
        "generate",
        "--versie",
        "2.0.0",
        "--dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("versie 2.0.0 staat niet in het versieregister; bekend: 3.0.0, 3.1.0"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
