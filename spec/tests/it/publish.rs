//! `vum-spec publish` and `vum-spec verify-bundle`: a bundle is the same bytes on every run, its
//! manifest names every file (golden for 3.0.0), a signed one verifies with the programme key only,
//! and every missing, changed or extra file is named.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use vum_spec::jws::SigningKey;

fn vum_spec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vum-spec"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-spec-publish-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every file under a directory, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_str().unwrap().to_owned();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn publish(version: &str, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["publish", version, "--out", dir.to_str().unwrap()];
    args.extend(extra);
    vum_spec(&args)
}

#[test]
fn publishing_3_0_0_twice_gives_the_same_bytes_and_a_golden_manifest() {
    let (a, b) = (temp("a"), temp("b"));
    for dir in [&a, &b] {
        let output = publish("3.0.0", dir, &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            stdout(&output).starts_with("VUM 3.0.0 (actief): "),
            "{}",
            stdout(&output)
        );
    }
    let (first, second) = (tree(&a), tree(&b));
    assert!(first.len() > 50, "{} files", first.len());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two runs");
    }
    let manifest = String::from_utf8(first["MANIFEST.sha256"].clone()).unwrap();
    assert_eq!(manifest.lines().count(), first.len() - 1);
    insta::assert_snapshot!("bundle_3_0_0_manifest", manifest);
    let output = vum_spec(&["verify-bundle", a.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains(&format!("geldig: {} bestanden kloppen", first.len() - 1)));
    // What the bundle promises.
    let text = |path: &str| String::from_utf8(first[path].clone()).unwrap();
    assert!(text("CHANGELOG.md").contains("geen vorige actieve versie"));
    assert!(text("versie.json").contains("\"status\": \"actief\""));
    assert!(text("README.md").contains("| actief | 2026-05-04 | 2026-05-04 | - | `/api/v3` |"));
    assert_eq!(
        first["schema/werkzoekende-vraag.schema.json"],
        std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("schema/3.0.0/werkzoekende-vraag.schema.json")
        )
        .unwrap()
    );
    let selectie = text("features/bron/selectie.html");
    assert!(selectie.contains("<strong>AV-SEL-005</strong> [MUST]"));
    assert!(selectie.contains("<th>taal</th><th>mondeling</th><th>schriftelijk</th>"));
    assert!(text("features/index.html").contains("href=\"bron/koppelvlak.html\""));
}

#[test]
fn the_concept_3_1_0_bundle_has_its_changelog_and_the_scenarios_of_its_new_requirement() {
    let dir = temp("concept");
    let output = publish("3.1.0", &dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = tree(&dir);
    let text = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let changelog = text("CHANGELOG.md");
    assert!(
        changelog.starts_with("# Changelog VUM 3.1.0"),
        "{changelog}"
    );
    assert!(changelog.contains("1 wijzigingen; exitcode 2."));
    assert!(changelog.contains("zoekcriterium toegevoegd — MPWerkzoekende › competenties"));
    let index = text("features/index.html");
    assert!(!index.contains("nog geen scenario"), "{index}");
    let selectie = text("features/bron/selectie.html");
    assert!(
        selectie.contains("AV-SEL-030") && selectie.contains("Een competentie die niemand heeft"),
        "{selectie}"
    );
    assert!(files.contains_key("features/bron/selectie/competenties.feature"));
    assert!(text("testset/README.md").contains("C1 → wz-t01, wz-t03, wz-t07"));
    assert!(text("openapi/VUM-Bron.openapi.json").contains("\"competenties\""));
}

#[test]
fn a_signed_bundle_verifies_with_its_key_only() {
    let keys = temp("keys");
    std::fs::create_dir_all(&keys).unwrap();
    let (private, public) = SigningKey::generate().unwrap();
    let (_, other) = SigningKey::generate().unwrap();
    for (name, text) in [
        ("private.pem", &private),
        ("public.pem", &public),
        ("other.pem", &other),
    ] {
        std::fs::write(keys.join(name), text).unwrap();
    }
    let key = |name: &str| keys.join(name).to_str().unwrap().to_owned();
    let dir = temp("signed");
    let output = publish("3.0.0", &dir, &["--signing-key", &key("private.pem")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("ondertekend"));
    let d = dir.to_str().unwrap();
    let output = vum_spec(&["verify-bundle", d, "--public-key", &key("public.pem")]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("handtekening: geldig"));
    let output = vum_spec(&["verify-bundle", d]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("niet gecontroleerd"));
    let output = vum_spec(&["verify-bundle", d, "--public-key", &key("other.pem")]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("handtekening: MANIFEST.sha256.jws: de handtekening klopt niet")
    );
    // A manifest changed to match a changed file no longer matches its signature.
    let readme = dir.join("README.md");
    std::fs::write(&readme, "vervalst\n").unwrap();
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.sha256")).unwrap();
    let forged: String = manifest
        .lines()
        .map(|l| {
            if l.ends_with("  README.md") {
                format!(
                    "{}  README.md\n",
                    vum_spec::publicatie::manifest::sha256_hex(b"vervalst\n")
                )
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(dir.join("MANIFEST.sha256"), forged).unwrap();
    let output = vum_spec(&["verify-bundle", d]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "the manifest alone cannot tell"
    );
    let output = vum_spec(&["verify-bundle", d, "--public-key", &key("public.pem")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("ondertekent een ander manifest"),
        "{}",
        stdout(&output)
    );
    std::fs::remove_file(dir.join("MANIFEST.sha256.jws")).unwrap();
    let output = vum_spec(&["verify-bundle", d, "--public-key", &key("public.pem")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("ontbreekt: MANIFEST.sha256.jws"));
}

#[test]
fn verify_bundle_names_every_missing_changed_and_extra_file() {
    let dir = temp("tampered");
    assert_eq!(publish("3.0.0", &dir, &[]).status.code(), Some(0));
    std::fs::remove_file(dir.join("testset/vacatures.json")).unwrap();
    std::fs::write(dir.join("eisen/profielen.md"), "anders").unwrap();
    std::fs::write(dir.join("features/extra.html"), "<p>").unwrap();
    let output = vum_spec(&["verify-bundle", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "ontbreekt: testset/vacatures.json\ngewijzigd: eisen/profielen.md\nextra: features/extra.html\nongeldig\n"
    );
    std::fs::remove_file(dir.join("MANIFEST.sha256")).unwrap();
    let output = vum_spec(&["verify-bundle", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("ontbreekt: MANIFEST.sha256"));
}

#[test]
fn usage_errors_exit_64() {
    let output = vum_spec(&["verify-bundle", "/nonexistent/bundle"]);
    assert_eq!(output.status.code(), Some(64));
    assert!(stderr(&output).contains("is not a directory"));
    let output = vum_spec(&["verify-bundle"]);
    assert_eq!(output.status.code(), Some(64));
    let dir = temp("usage");
    let output = publish("9.9.9", &dir, &[]);
    assert_eq!(output.status.code(), Some(64));
    assert!(stderr(&output).contains("versie 9.9.9 staat niet in het versieregister"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("iets"), "x").unwrap();
    let output = publish("3.0.0", &dir, &[]);
    assert_eq!(output.status.code(), Some(64));
    assert!(
        stderr(&output).contains("is not empty"),
        "{}",
        stderr(&output)
    );
    let fresh = temp("usage-key");
    let output = publish("3.0.0", &fresh, &["--signing-key", "/nonexistent/key.pem"]);
    assert_eq!(output.status.code(), Some(64));
    let public = temp("usage-public");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::write(public.join("geen.pem"), "geen sleutel").unwrap();
    let output = vum_spec(&[
        "verify-bundle",
        public.to_str().unwrap(),
        "--public-key",
        public.join("geen.pem").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(64), "{}", stderr(&output));
}
