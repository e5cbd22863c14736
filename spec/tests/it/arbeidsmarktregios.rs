//! The committed region file is what the CBS files in `shared/geo` give, and the library holds
//! exactly the source's regions and municipalities. Without `shared/geo` beside the workspace (or
//! `$VUM_GEO`) there is nothing to compare with, and the tests say so and pass.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use vum_spec::arbeidsmarktregio::{afleiden, regio, regio_van_gemeente, regios};

const FIX: &str = "run `cargo run -p vum-spec -- arbeidsmarktregios` and commit spec/data";

fn geo_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("VUM_GEO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/geo"));
    if dir.join("arbeidsmarktregio_gemeente.json").is_file() {
        Some(dir)
    } else {
        eprintln!("{} has no region source: not compared", dir.display());
        None
    }
}

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn committed() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join("arbeidsmarktregios.tsv"),
    )
    .unwrap()
}

#[test]
fn the_committed_region_file_is_derived_from_shared_geo() {
    let Some(dir) = geo_dir() else { return };
    let derived = afleiden(
        &read(&dir, "arbeidsmarktregio_gemeente.json"),
        &read(&dir, "gemeenten-2025.tsv"),
    )
    .unwrap();
    assert!(
        derived == committed(),
        "spec/data/arbeidsmarktregios.tsv is stale: {FIX}"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_vum-spec"))
        .args([
            "arbeidsmarktregios",
            "--check",
            "--geo",
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{FIX}");
}

#[test]
fn the_library_has_the_sources_regions_and_municipalities() {
    let Some(dir) = geo_dir() else { return };
    let source: Value =
        serde_json::from_str(&read(&dir, "arbeidsmarktregio_gemeente.json")).unwrap();
    let source = source["gemeenten"].as_object().unwrap();
    let mut per_region: BTreeMap<&str, usize> = BTreeMap::new();
    for (code, region) in source {
        let region = region.as_str().unwrap();
        *per_region.entry(region).or_default() += 1;
        let found = regio_van_gemeente(&format!("GM{code}")).unwrap();
        assert_eq!(found.naam(), region, "GM{code}");
    }
    let names = read(&dir, "gemeenten-2025.tsv");
    for line in names.lines() {
        let (code, name) = line.split_once('\t').unwrap();
        let region = regio_van_gemeente(code).unwrap();
        assert!(
            region
                .gemeenten()
                .iter()
                .any(|g| g.code == code && g.naam == name),
            "{line}"
        );
    }
    assert_eq!(source.len(), 342);
    assert_eq!(names.lines().count(), 342);
    assert_eq!(per_region.len(), 35);
    assert_eq!(regios().len(), per_region.len());
    for (name, count) in per_region {
        assert_eq!(regio(name).unwrap().gemeenten().len(), count, "{name}");
    }
}
