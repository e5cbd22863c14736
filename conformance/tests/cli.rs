//! The `vum-conformance` binary as a vendor runs it.

// A test crate: a panic is a failed test with its location, so helpers may unwrap too.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vum-conformance"))
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn against_a_closed_port_it_exits_2_with_a_plain_message() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let dir = temp("closed");
    let output = binary()
        .args([
            "run",
            "--target",
            &format!("http://127.0.0.1:{port}/api/v3"),
            "--report-dir",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("niet bereikbaar") && stdout.contains("Start de bron"),
        "{stdout}"
    );
    assert!(
        stdout.starts_with("vum-conformance "),
        "the scope comes first: {stdout}"
    );
    assert!(stdout.contains("UITSLAG: ONBESLIST"), "{stdout}");
    assert!(
        dir.join("report.json").exists()
            && dir.join("junit.xml").exists()
            && dir.join("report.html").exists()
    );
}

#[test]
fn list_shows_full_coverage() {
    let output = binary().arg("list").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("| AV-SEL-001 | MUST | scenario |"),
        "{stdout}"
    );
    assert!(!stdout.contains("NIET GEDEKT"));
}

#[test]
fn usage_errors_exit_64_and_name_what_is_wrong() {
    for (args, expected) in [
        (
            vec![
                "run",
                "--target",
                "http://127.0.0.1:9/api/v3",
                "--tags",
                "@a and (",
            ],
            "--tags",
        ),
        (
            vec![
                "run",
                "--target",
                "http://127.0.0.1:9/api/v3",
                "--tags",
                "@nonexistent",
            ],
            "past op geen enkel scenario",
        ),
        (
            vec![
                "run",
                "--target",
                "http://127.0.0.1:9/api/v3",
                "--ca",
                "/nonexistent/ca.pem",
            ],
            "/nonexistent/ca.pem",
        ),
        (
            vec![
                "run",
                "--target",
                "http://127.0.0.1:9/api/v3",
                "--features",
                "/nonexistent",
            ],
            "/nonexistent",
        ),
        (vec!["run"], "--target"),
        (vec!["bestaat-niet"], "bestaat-niet"),
    ] {
        let output = binary().args(&args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(64),
            "{args:?}: {}",
            text(&output)
        );
        assert!(
            text(&output).contains(expected),
            "{args:?}: {}",
            text(&output)
        );
    }
    let empty = temp("empty-features");
    let output = binary()
        .args(["run", "--target", "http://127.0.0.1:9/api/v3", "--features"])
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(64), "{}", text(&output));
    assert!(
        text(&output).contains("geen scenario's"),
        "{}",
        text(&output)
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let output = binary().args(["run", "--help"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = text(&output);
    for code in ["0 ", "1 ", "2 ", "3 ", "64 "] {
        assert!(help.contains(&format!("  {code}")), "{code} in {help}");
    }
}

#[test]
fn testset_writes_the_certification_test_set() {
    let dir = temp("testset");
    let output = binary()
        .args(["testset", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    for file in ["werkzoekenden.json", "vacatures.json", "README.md"] {
        let written = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(!written.is_empty(), "{file}");
    }
    let werkzoekenden: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("werkzoekenden.json")).unwrap())
            .unwrap();
    assert!(werkzoekenden.as_array().unwrap().len() > 1000);
}

/// A copy of the built harness, run from an empty directory with the source tree out of its
/// reach (it reads no path of the build), certifies the embedded reference node.
#[test]
fn a_copy_of_the_binary_certifies_the_embedded_node_from_an_empty_directory() {
    let dir = temp("relocated");
    let copy = dir.join("vum-conformance");
    std::fs::copy(env!("CARGO_BIN_EXE_vum-conformance"), &copy).unwrap();
    let work = dir.join("werkmap");
    std::fs::create_dir_all(&work).unwrap();
    let output = Command::new(&copy).current_dir(&work).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("tweezijdig TLS")
            && stdout.contains("Tweezijdig TLS — Zonder clientcertificaat"),
        "{stdout}"
    );
    assert!(stdout.contains("UITSLAG: GESLAAGD"), "{stdout}");
    assert!(
        stdout
            .trim_end()
            .lines()
            .rev()
            .nth(1)
            .is_some_and(|l| l.ends_with("0 niet voldaan, 0 onbeslist, 0 harnasfouten")),
        "{stdout}"
    );
    for report in ["report.json", "junit.xml", "report.html"] {
        assert!(
            work.join("vum-conformance-report").join(report).exists(),
            "{report}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
