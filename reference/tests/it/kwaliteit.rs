//! `vum-node kwaliteit --db FILE`: the score card of a source's stored profiles is the card
//! `vum_spec::kwaliteit` makes of the same profiles as an export, moves when the stored profiles
//! are degraded, and holds no id of them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use vum_spec::Kind;
use vum_spec::kwaliteit::{Instellingen, Rapport, meet};

const PEILDATUM: &str = "2026-12-01";

fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-kwaliteit-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn vum_node(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vum-node"))
        .args(args)
        .output()
        .unwrap()
}

fn set(kind: Kind) -> Vec<Value> {
    let text = match kind {
        Kind::Werkzoekende => vum_spec::testdata::committed_werkzoekenden(),
        Kind::Vacature => vum_spec::testdata::committed_vacatures(),
    };
    serde_json::from_str(text.unwrap()).unwrap()
}

/// Imports `docs` of `kind` into `db` with the command line.
fn import(db: &Path, kind: Kind, docs: &[Value]) {
    let file = db.with_extension(format!("{}.json", kind.name()));
    std::fs::write(&file, serde_json::to_string(docs).unwrap()).unwrap();
    let output = vum_node(&[
        "import",
        "--db",
        db.to_str().unwrap(),
        "--kind",
        kind.name(),
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The card `vum-node kwaliteit` prints for `db`, parsed.
fn card(db: &Path) -> Value {
    let output = vum_node(&[
        "kwaliteit",
        "--db",
        db.to_str().unwrap(),
        "--datum",
        PEILDATUM,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The library's card of the same documents, as an export would give it.
fn library(sets: &[(Kind, Vec<Value>)]) -> Value {
    let instellingen = Instellingen::standaard(PEILDATUM.parse().unwrap());
    let kaarten = sets
        .iter()
        .map(|(kind, docs)| meet(*kind, docs, &instellingen).unwrap())
        .collect();
    serde_json::from_str(&Rapport::new(&instellingen, instellingen.peildatum, kaarten).json())
        .unwrap()
}

fn score(card: &Value, kind: usize, name: &str) -> f64 {
    card["kaarten"][kind][name]["score"].as_f64().unwrap()
}

#[test]
fn the_card_of_the_stored_test_set_is_the_card_of_its_export() {
    let dir = dir("testset");
    let db = dir.join("bron.db");
    let sets = Kind::ALL.map(|kind| (kind, set(kind)));
    for (kind, docs) in &sets {
        import(&db, *kind, docs);
    }
    let card = card(&db);
    assert_eq!(card["schema"], "vum-kwaliteit/1");
    assert_eq!(card["peildatum"], PEILDATUM);
    assert_eq!(card["kaarten"], library(&sets)["kaarten"]);
    assert_eq!(card["kaarten"][0]["aantalProfielen"], 1113);
    assert_eq!(card["kaarten"][1]["aantalProfielen"], 611);
    let text = card.to_string();
    for (kind, docs) in &sets {
        for doc in docs {
            let id = doc[kind.id_field()].as_str().unwrap();
            assert!(!text.contains(&format!("\"{id}\"")), "{id} in the card");
        }
    }
}

#[test]
fn blanking_the_level_of_a_tenth_of_the_stored_vacancies_costs_its_weight() {
    let dir = dir("blanked");
    let clean_db = dir.join("schoon.db");
    let degraded_db = dir.join("gedegradeerd.db");
    let clean = set(Kind::Vacature);
    let mut degraded = clean.clone();
    let mut blanked = 0;
    for doc in degraded.iter_mut().step_by(10) {
        // Left out, as the import refuses an empty code.
        if let Some(level) = doc
            .as_object_mut()
            .unwrap()
            .remove("codeWerkEnDenkniveauMinimaal")
        {
            assert!(level.is_string() || level.is_number(), "{level}");
            blanked += 1;
        }
    }
    assert!(blanked > 20, "only {blanked} levels blanked");
    import(&clean_db, Kind::Vacature, &clean);
    import(&degraded_db, Kind::Vacature, &degraded);
    let (before, after) = (card(&clean_db), card(&degraded_db));
    assert_eq!(
        after["kaarten"],
        library(&[(Kind::Vacature, degraded)])["kaarten"]
    );
    let n = clean.len() as f64;
    // The level weighs 10 in volledig: each blanked one costs 10 / n points.
    let drop = score(&before, 0, "volledig") - score(&after, 0, "volledig");
    let expected = 10.0 * f64::from(blanked) / n;
    assert!(
        (drop - expected).abs() <= 0.1,
        "volledig dropped {drop}, expected {expected}"
    );
    // An absent level is missing, not wrong: betrouwbaar and actueel do not move.
    for name in ["betrouwbaar", "actueel"] {
        assert_eq!(score(&before, 0, name), score(&after, 0, name), "{name}");
    }
}

#[test]
fn a_missing_or_empty_database_is_named() {
    let dir = dir("fouten");
    let missing = dir.join("bestaat-niet.db");
    let output = vum_node(&["kwaliteit", "--db", missing.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bestaat-niet.db bestaat niet"), "{stderr}");
    assert!(!missing.exists(), "the database was created");

    let empty = dir.join("leeg.db");
    import(&empty, Kind::Vacature, &[]);
    let output = vum_node(&["kwaliteit", "--db", empty.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("leeg.db bevat geen profielen"), "{stderr}");
}
