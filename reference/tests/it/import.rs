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

/// A directory of the test's own, removed when the test ends (passed or not): the memory test
/// writes hundreds of megabytes.
struct Scratch(std::path::PathBuf);

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn dir(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("vum-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

#[test]
fn one_broken_record_among_good_ones_rejects_all_and_names_it() {
    let records = json!([
        {"idWerkzoekende": "goed-1", "mobiliteit": {"bemiddelingspostcode": "1011AB"}},
        {"idWerkzoekende": "fout-2", "mobiliteit": {"bemiddelingspostcode": "1011 AB"}, "indicatieLdrRegistratie": 3},
        {"idWerkzoekende": "goed-3", "mobiliteit": {"bemiddelingspostcode": "9711AA"}},
    ]);
    let Err(ImportError::Invalid {
        total,
        invalid,
        rejected,
    }) = prepare(Kind::Werkzoekende, &records.to_string())
    else {
        panic!("the import must be refused");
    };
    assert_eq!((total, invalid), (3, 1));
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
        // "bad id" is not a well-formed id, so it is not printed (it could be a value).
        stderr.contains("record 1 (ongeldig id):") && stderr.contains("at /idVacature"),
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

/// Writes `count` valid job seekers with ids `{prefix}-0000000`…, spread over the PC4 areas: the
/// test set's profiles with new ids and postcodes (as `examples/werkzoekenden` does).
fn write_profiles(path: &std::path::Path, prefix: &str, count: usize, ndjson: bool) {
    use std::io::Write;
    use vum_spec::primitives::{IdWerkzoekende, Postcode};
    let templates: Vec<vum_spec::werkzoekende::Werkzoekende> =
        serde_json::from_str(vum_spec::testdata::committed_werkzoekenden().unwrap()).unwrap();
    let areas = vum_spec::geo::pc4_table().areas();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    if !ndjson {
        out.write_all(b"[").unwrap();
    }
    for n in 0..count {
        let mut w = templates[n % templates.len()].clone();
        w.id_werkzoekende = Some(IdWerkzoekende::new(format!("{prefix}-{n:07}")));
        if let Some(m) = w.mobiliteit.as_mut() {
            m.bemiddelingspostcode =
                Postcode::new(format!("{:04}AB", areas[(n * 7919) % areas.len()].pc4));
        }
        if !ndjson && n > 0 {
            out.write_all(b",\n").unwrap();
        }
        serde_json::to_writer(&mut out, &w).unwrap();
        if ndjson {
            out.write_all(b"\n").unwrap();
        }
    }
    if !ndjson {
        out.write_all(b"]\n").unwrap();
    }
    out.flush().unwrap();
}

/// Runs `vum-node import` and samples its resident memory; exit code, stderr and peak RSS (KiB).
fn import_sampled(db: &std::path::Path, file: &std::path::Path) -> (Option<i32>, String, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vum-node"))
        .args([
            "import",
            "--db",
            db.to_str().unwrap(),
            "--kind",
            "werkzoekende",
        ])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        // VmHWM only grows, so the last sample before exit is the peak.
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(kib) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    (status.code(), stderr, peak)
}

#[test]
fn memory_does_not_grow_with_the_file_accepted_or_rejected() {
    let dir = dir("memory");
    let db = dir.join("node.db");
    let small = dir.join("small.ndjson");
    let large = dir.join("large.json");
    write_profiles(&small, "klein", 10_000, true);
    write_profiles(&large, "groot", 30_000, false);
    let (code, stderr, small_peak) = import_sampled(&db, &small);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stderr, large_peak) = import_sampled(&db, &large);
    assert_eq!(code, Some(0), "{stderr}");
    // Three times the records (57 MB of JSON against 19 MB): the peak may not grow with them.
    assert!(
        large_peak < small_peak + 32 * 1024,
        "peak {small_peak} KiB for 10,000 records, {large_peak} KiB for 30,000"
    );
    assert_eq!(
        Store::open(&db).unwrap().count(Kind::Werkzoekende).unwrap(),
        40_000
    );
    // A rejected file (its last record broken) leaves the database as it was, also in memory.
    let text = std::fs::read_to_string(&large).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        text.trim_end().trim_end_matches(']').to_owned()
            + ",{\"idWerkzoekende\": \"kapot\", \"indicatieLdrRegistratie\": 7}]",
    )
    .unwrap();
    let (code, stderr, broken_peak) = import_sampled(&db, &broken);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("record 30000 (kapot)"), "{stderr}");
    assert!(
        broken_peak < small_peak + 32 * 1024,
        "peak {broken_peak} KiB for a rejected file of 30,001 records"
    );
    assert_eq!(
        Store::open(&db).unwrap().count(Kind::Werkzoekende).unwrap(),
        40_000
    );
}

#[test]
fn import_errors_never_print_the_offending_values() {
    let dir = dir("masked");
    let file = dir.join("lek.json");
    let canaries = [
        "lek.persoon@voorbeeld.invalid",
        "06-12345678",
        "999944010",
        "NL91ABNA0417164300",
    ];
    std::fs::write(
        &file,
        json!([
            {"idWerkzoekende": "a1", "emailadres": [format!("{}{}", "x".repeat(400), canaries[0])]},
            {"idWerkzoekende": "a2", "telefoonnummer": [{"nummer": canaries[1]}]},
            {"idWerkzoekende": "a3", "mobiliteit": {"bemiddelingspostcode": canaries[2]}},
            {"idWerkzoekende": "a4", "indicatieLdrRegistratie": canaries[3]},
            {"idWerkzoekende": canaries[2], "mobiliteit": {"bemiddelingspostcode": "1011AB"}},
            {"idWerkzoekende": format!("bsn {}", canaries[2])},
        ])
        .to_string(),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vum-node"))
        .args(["import", "--db", dir.join("node.db").to_str().unwrap()])
        .args(["--kind", "werkzoekende"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for record in [
        "record 0 (a1)",
        "record 1 (a2)",
        "record 2 (a3)",
        "record 3 (a4)",
    ] {
        assert!(stderr.contains(record), "{record} in {stderr}");
    }
    for canary in canaries {
        // An id is the source's key, printed when it is a well-formed id; a value never is.
        let shown_as_id = stderr.contains(&format!("record 4 ({canary})"));
        assert!(
            !stderr
                .replace(&format!("record 4 ({canary})"), "")
                .contains(canary),
            "{canary} printed in {stderr} (as an id: {shown_as_id})"
        );
    }
}

#[test]
fn a_killed_import_leaves_nothing_or_everything() {
    let dir = dir("kill");
    let db = dir.join("node.db");
    let first = dir.join("first.ndjson");
    let second = dir.join("second.json");
    write_profiles(&first, "eerst", 500, true);
    write_profiles(&second, "tweede", 4_000, false);
    let import = |file: &std::path::Path| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_vum-node"));
        command
            .args([
                "import",
                "--db",
                db.to_str().unwrap(),
                "--kind",
                "werkzoekende",
            ])
            .arg(file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        command
    };
    assert!(import(&first).status().unwrap().success());
    // How long the whole second import takes, to kill it somewhere inside that.
    let started = std::time::Instant::now();
    let copy = dir.join("copy.db");
    std::fs::copy(&db, &copy).unwrap();
    assert!(
        Command::new(env!("CARGO_BIN_EXE_vum-node"))
            .args([
                "import",
                "--db",
                copy.to_str().unwrap(),
                "--kind",
                "werkzoekende"
            ])
            .arg(&second)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap()
            .success()
    );
    let full = started.elapsed();
    let mut seen = std::collections::BTreeSet::new();
    for round in 0..5u32 {
        let mut random = [0u8; 4];
        getrandom::fill(&mut random).unwrap();
        let fraction = f64::from(u32::from_le_bytes(random)) / f64::from(u32::MAX);
        let at = full.mul_f64(0.05 + 1.0 * fraction);
        let mut child = import(&second).spawn().unwrap();
        std::thread::sleep(at);
        // SIGKILL: no chance to clean up.
        let _ = child.kill();
        let status = child.wait().unwrap();
        let count = Store::open(&db).unwrap().count(Kind::Werkzoekende).unwrap();
        assert!(
            count == 500 || count == 4_500,
            "round {round}, killed after {at:?} ({status}): {count} profiles"
        );
        seen.insert(count);
        if count == 4_500 {
            // Start over from the first file only, for the next round.
            std::fs::remove_file(&db).unwrap();
            let _ = std::fs::remove_file(dir.join("node.db-wal"));
            let _ = std::fs::remove_file(dir.join("node.db-shm"));
            assert!(import(&first).status().unwrap().success());
        }
    }
    eprintln!("counts seen after kill -9: {seen:?}");
}
