//! Imports: all or nothing, every problem named; re-importing replaces.

use std::process::Command;

use serde_json::json;
use vum_reference::BronConfig;
use vum_reference::bron::import::{ImportError, prepare};
use vum_reference::bron::store::Store;
use vum_spec::Kind;

fn upload_path() -> std::path::PathBuf {
    std::env::var_os("VUM_UPSTREAM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/vum-upstream")
        })
        .join("vum-docs/accreditatie/werkzoekenden/AccreditatieWerkzoekenden_upload.json")
}

fn dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn one_broken_record_among_good_ones_rejects_all_and_names_it() {
    let records = json!([
        {"idWerkzoekende": "goed-1", "mobiliteit": {"bemiddelingspostcode": "1011AB"}},
        {"idWerkzoekende": "fout-2", "mobiliteit": {"bemiddelingspostcode": "1011 AB"}, "indicatieLdrRegistratie": 3},
        {"idWerkzoekende": "goed-3", "mobiliteit": {"bemiddelingspostcode": "9711AA"}},
    ]);
    let Err(ImportError::Invalid { total, rejected }) =
        prepare(Kind::Werkzoekende, &records.to_string())
    else {
        panic!("the import must be refused");
    };
    assert_eq!(total, 3);
    assert_eq!(rejected.len(), 1);
    assert_eq!(
        (rejected[0].index, rejected[0].id.as_deref()),
        (1, Some("fout-2"))
    );
    let paths: Vec<&str> = rejected[0]
        .problems
        .iter()
        .map(|p| p.instance_path.as_str())
        .collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths.contains(&"/mobiliteit/bemiddelingspostcode")
            && paths.contains(&"/indicatieLdrRegistratie")
    );
}

#[test]
fn duplicate_ids_and_missing_ids_are_refused() {
    let records = json!([{"idWerkzoekende": "a", "mobiliteit": {"bemiddelingspostcode": "1011AB"}}, {"idWerkzoekende": "a"}, {"mobiliteit": {"bemiddelingspostcode": "1011AB"}}]);
    let Err(ImportError::Invalid { rejected, .. }) =
        prepare(Kind::Werkzoekende, &records.to_string())
    else {
        panic!()
    };
    assert_eq!(rejected.iter().map(|r| r.index).collect::<Vec<_>>(), [1, 2]);
    assert!(
        rejected[0].problems[0]
            .message
            .contains("staat ook in record 0")
    );
}

#[test]
fn ndjson_imports_and_reimporting_replaces() {
    let node =
        vum_reference::Bron::new(BronConfig::default(), Store::in_memory().unwrap()).unwrap();
    let ndjson = "{\"idVacature\": \"v1\", \"adres\": {\"postcode\": \"1011AB\"}}\n{\"idVacature\": \"v2\"}\n";
    let report = node
        .import(Kind::Vacature, &prepare(Kind::Vacature, ndjson).unwrap())
        .unwrap();
    assert_eq!((report.records, report.new, report.not_findable), (2, 2, 1));
    let again = "{\"idVacature\": \"v1\", \"naamVacature\": \"Nieuw\", \"adres\": {\"postcode\": \"9711AA\"}}";
    let report = node
        .import(Kind::Vacature, &prepare(Kind::Vacature, again).unwrap())
        .unwrap();
    assert_eq!((report.records, report.new), (1, 0));
    assert!(
        node.store()
            .document(Kind::Vacature, "v1")
            .unwrap()
            .unwrap()
            .contains("Nieuw")
    );
    assert_eq!(node.store().count(Kind::Vacature).unwrap(), 2);
}

#[test]
fn the_cli_imports_the_1000_upstream_profiles_and_stores_nothing_of_a_broken_file() {
    let dir = dir("cli");
    let db = dir.join("node.db");
    let node = env!("CARGO_BIN_EXE_vum-node");
    let output = Command::new(node)
        .args([
            "import",
            "--db",
            db.to_str().unwrap(),
            "--kind",
            "werkzoekende",
            upload_path().to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("imported 1000 werkzoekende (1000 new, 0 replaced"),
        "{stdout}"
    );
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        json!([{"idVacature": "ok"}, {"idVacature": "bad id"}]).to_string(),
    )
    .unwrap();
    let output = Command::new(node)
        .args([
            "import",
            "--db",
            db.to_str().unwrap(),
            "--kind",
            "vacature",
            broken.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("record 1 (bad id):") && stderr.contains("at /idVacature"),
        "{stderr}"
    );
    assert_eq!(
        Store::open(&db).unwrap().count(Kind::Vacature).unwrap(),
        0,
        "nothing of the broken file is stored"
    );
    assert_eq!(
        Store::open(&db).unwrap().count(Kind::Werkzoekende).unwrap(),
        1000
    );
}
