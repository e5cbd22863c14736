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
            .lines()
            .any(|l| l.ends_with("0 niet voldaan, 0 onbeslist, 0 harnasfouten")),
        "{stdout}"
    );
    let reports = work.join("vum-conformance-report");
    for report in [
        "report.json",
        "junit.xml",
        "report.html",
        "certificaat.jws",
        "certificaat.html",
        "bewijs.zip",
        "test-public.pem",
    ] {
        assert!(reports.join(report).exists(), "{report}");
    }
    assert!(stdout.contains("certificaat (TEST)"), "{stdout}");
    let page = std::fs::read_to_string(reports.join("certificaat.html")).unwrap();
    assert!(
        page.contains("TEST") && page.contains("vum-conformance verify"),
        "{page}"
    );

    // The programme office checks it offline with the public key.
    let verify = |file: &str, extra: &[&str]| {
        let mut command = Command::new(&copy);
        command.current_dir(&work).args([
            "verify",
            &format!("vum-conformance-report/{file}"),
            "--public-key",
            "vum-conformance-report/test-public.pem",
        ]);
        command.args(extra).output().unwrap()
    };
    for file in ["certificaat.jws", "bewijs.zip"] {
        let output = verify(file, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
        assert!(
            text(&output).starts_with("geldig (TEST): "),
            "{}",
            text(&output)
        );
    }
    let expired = verify("certificaat.jws", &["--at", "2099-01-01"]);
    assert_eq!(expired.status.code(), Some(1), "{}", text(&expired));
    assert!(
        text(&expired).starts_with("ongeldig: verlopen"),
        "{}",
        text(&expired)
    );
    let bad_date = verify("certificaat.jws", &["--at", "morgen"]);
    assert_eq!(bad_date.status.code(), Some(64), "{}", text(&bad_date));

    // Another key pair: the certificate is not theirs.
    let keys = dir.join("sleutels");
    let output = Command::new(&copy)
        .args(["keygen", keys.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let output = verify(
        "certificaat.jws",
        &["--public-key", keys.join("public.pem").to_str().unwrap()],
    );
    assert_eq!(
        output.status.code(),
        Some(64),
        "--public-key given twice: {}",
        text(&output)
    );
    let output = Command::new(&copy)
        .current_dir(&work)
        .args([
            "verify",
            "vum-conformance-report/certificaat.jws",
            "--public-key",
            keys.join("public.pem").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("andere sleutel"),
        "{}",
        text(&output)
    );

    // The exchange was certified after the source, with the same test key.
    assert!(
        stdout.contains("profiel uitwisseling: GESLAAGD"),
        "{stdout}"
    );
    assert!(reports.join("uitwisseling/certificaat.jws").exists());

    // The programme office plans the re-certification for the concept 3.1.0 from both.
    let plan = |van: &str| {
        Command::new(&copy)
            .current_dir(&work)
            .args([
                "hercertificering",
                "--van",
                van,
                "--naar",
                "3.1.0",
                "--public-key",
                "vum-conformance-report/test-public.pem",
                "vum-conformance-report/certificaat.jws",
                "vum-conformance-report/uitwisseling/certificaat.jws",
            ])
            .output()
            .unwrap()
    };
    let output = plan("3.0.0");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let shown = text(&output);
    assert!(
        shown.starts_with("# Hercertificering van 3.0.0 naar 3.1.0"),
        "{shown}"
    );
    assert_eq!(
        shown.matches("- **https://localhost:").count(),
        2,
        "{shown}"
    );
    assert!(
        shown.contains("profiel bron,") && shown.contains("profiel uitwisseling,"),
        "{shown}"
    );
    let output = plan("3.1.0");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("het certificaat is voor versie 3.0.0, niet voor --van 3.1.0"),
        "{}",
        text(&output)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn keygen_writes_a_private_key_only_its_owner_reads_and_never_overwrites() {
    let dir = temp("keygen");
    let keys = dir.join("sleutels");
    let output = binary()
        .args(["keygen", keys.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let private = std::fs::read_to_string(keys.join("private.pem")).unwrap();
    let public = std::fs::read_to_string(keys.join("public.pem")).unwrap();
    assert!(private.starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(public.starts_with("-----BEGIN PUBLIC KEY-----"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(keys.join("private.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = binary()
        .args(["keygen", keys.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(64), "{}", text(&again));
    assert!(text(&again).contains("bestaat al"), "{}", text(&again));
    assert_eq!(
        std::fs::read_to_string(keys.join("private.pem")).unwrap(),
        private
    );

    // A run that cannot certify writes no certificate, and removes one left from before.
    let reports = dir.join("rapport");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("certificaat.jws"), "oud").unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let output = binary()
        .args([
            "run",
            "--target",
            &format!("http://127.0.0.1:{port}/api/v3"),
            "--report-dir",
            reports.to_str().unwrap(),
            "--signing-key",
            keys.join("private.pem").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        text(&output).contains("geen certificaat"),
        "{}",
        text(&output)
    );
    assert!(!reports.join("certificaat.jws").exists());
    assert!(!reports.join("bewijs.zip").exists());

    // A key file that is no key is a usage error before anything runs.
    let output = binary()
        .args([
            "run",
            "--target",
            &format!("http://127.0.0.1:{port}/api/v3"),
            "--report-dir",
            reports.to_str().unwrap(),
            "--signing-key",
            keys.join("public.pem").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(64), "{}", text(&output));
    assert!(text(&output).contains("--signing-key"), "{}", text(&output));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_declarations_file_with_a_mistake_is_named_by_line_or_position() {
    let dir = temp("verklaringen");
    let file = dir.join("verklaringen.toml");
    std::fs::write(
        &file,
        "organisatie = \"Gemeente Testdorp\"\n[[verklaring]]\neis = \"AV-KOP-001\"\nuitspraak = \"voldaan\"\nverklaring = \"ja\"\nondertekend_door = \"A. de Vries, CISO\"\ndatum = \"2026-11-01\"\n",
    )
    .unwrap();
    let output = binary()
        .args([
            "run",
            "--target",
            "http://127.0.0.1:9/api/v3",
            "--verklaringen",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(64), "{}", text(&output));
    assert!(
        text(&output)
            .contains("verklaring 1 (eis AV-KOP-001): deze eis wordt door het harnas getoetst"),
        "{}",
        text(&output)
    );
    std::fs::write(&file, "organisatie = \"X\"\n[[verklaring]]\neis = 3\n").unwrap();
    let output = binary()
        .args([
            "run",
            "--target",
            "http://127.0.0.1:9/api/v3",
            "--verklaringen",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(64), "{}", text(&output));
    assert!(text(&output).contains("line 3"), "{}", text(&output));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn regio_writes_the_board_and_names_a_mistake_in_the_region_file() {
    let dir = temp("regio");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let file = dir.join("regio.toml");
    std::fs::write(
        &file,
        format!(
            "regio = \"Groot Amsterdam\"\n\n[[deelnemer]]\nnaam = \"Gemeente Aalsmeer\"\ngemeente = \"GM0358\"\nrol = \"bron\"\nurl = \"http://127.0.0.1:{port}/api/v3\"\nomgeving = \"productie\"\n\n[[deelnemer]]\nnaam = \"Gemeente Uithoorn\"\ngemeente = \"GM0451\"\nrol = \"bron\"\n"
        ),
    )
    .unwrap();
    let out = dir.join("bord");
    let run = || {
        binary()
            .args([
                "regio",
                file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    let output = run();
    let stdout = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    for line in [
        "Regio Groot Amsterdam: 2 deelnemers, 8 gemeenten",
        "Gemeente Aalsmeer: onbereikbaar in ",
        "Gemeente Uithoorn: niet aangesloten in ",
        "Gereed: 0 van 8 gemeenten (0,0 %)",
        "Niet aangesloten gemeenten: 7",
    ] {
        assert!(stdout.contains(line), "{line} missing in:\n{stdout}");
    }
    for name in ["regio.html", "regio.json", "regio.prom", "historie.sqlite"] {
        assert!(out.join(name).is_file(), "{name}");
    }
    assert_eq!(run().status.code(), Some(0));
    let board: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("regio.json")).unwrap()).unwrap();
    assert_eq!(board["trend"].as_array().unwrap().len(), 2);
    assert_eq!(board["uitslag"]["deelnemers"][0]["modus"], "productie");

    std::fs::write(
        &file,
        "regio = \"Groot Amsterdam\"\n\n[[deelnemer]]\nnaam = \"Gemeente Zandvoort\"\ngemeente = \"GM0473\"\nrol = \"bron\"\n",
    )
    .unwrap();
    let output = run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(64), "{stderr}");
    assert!(
        stderr.contains(
            "regio.toml regel 5, veld gemeente: Zandvoort (GM0473) ligt niet in Groot Amsterdam maar in Zuid-Kennemerland en IJmond"
        ),
        "{stderr}"
    );
}
