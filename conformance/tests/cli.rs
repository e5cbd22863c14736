//! The `vum-conformance` binary as a vendor runs it.

// A test crate: a panic is a failed test with its location, so helpers may unwrap too.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vum-conformance"))
}

#[test]
fn against_a_closed_port_it_exits_2_with_a_plain_message() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let dir = std::env::temp_dir().join(format!("vum-cli-closed-{}", std::process::id()));
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
fn a_bad_tag_expression_is_an_error_not_a_run() {
    let output = binary()
        .args([
            "run",
            "--target",
            "http://127.0.0.1:9/api/v3",
            "--tags",
            "@a and (",
            "--report-dir",
            "/tmp/vum-bad-tags",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--tags"));
}

#[test]
fn without_arguments_it_certifies_an_embedded_node_over_mutual_tls() {
    let dir = std::env::temp_dir().join(format!("vum-cli-embedded-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let output = binary().current_dir(&dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("mutual TLS")
            && stdout.contains("Tweezijdig TLS — Zonder clientcertificaat"),
        "{stdout}"
    );
    assert!(
        stdout
            .trim_end()
            .lines()
            .rev()
            .nth(1)
            .is_some_and(|l| l.ends_with("passed, 0 failed")),
        "{stdout}"
    );
    for report in ["report.json", "junit.xml", "report.html"] {
        assert!(
            dir.join("vum-conformance-report").join(report).exists(),
            "{report}"
        );
    }
}
