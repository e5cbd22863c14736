//! The features cover the catalogue: every MUST requirement verified by scenario has one, every
//! tag names a known requirement, every scenario carries exactly one requirement, a level and a
//! role; and the features built into the harness are the ones in `features/`.

use vum_conformance::features::{self, FeatureSource, coverage};

fn workspace_features() -> FeatureSource {
    FeatureSource::Directory(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../features"),
    )
}

#[test]
fn the_features_cover_every_must_requirement_and_name_only_known_ones() {
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let (parsed, failures) = features::parse(&FeatureSource::Embedded.files().unwrap());
    assert!(failures.is_empty(), "{failures:?}");
    let scenarios = features::scenarios(&parsed);
    let profielen = vum_spec::profielen::profielen().unwrap();
    let result = coverage(&scenarios, &catalogue, &profielen);
    assert!(
        result.uncovered.is_empty(),
        "MUST requirements without a scenario: {:?}",
        result.uncovered
    );
    assert!(
        result.unknown_tags.is_empty(),
        "tags naming no requirement: {:?}",
        result.unknown_tags
    );
    assert!(
        result.untagged.is_empty(),
        "scenarios without exactly one requirement, a level and a role: {:?}",
        result.untagged
    );
    assert!(
        result.declaration_scenarios.is_empty(),
        "{:?}",
        result.declaration_scenarios
    );
    assert!(
        result.kind_untagged.is_empty(),
        "scenarios about one kind without its tag: {:?}",
        result.kind_untagged
    );
    for (profiel, uncovered) in &result.uncovered_in_profile {
        assert!(
            uncovered.is_empty(),
            "profile {profiel} cannot judge {uncovered:?}"
        );
    }
    assert!(catalogue.len() >= 60);
    assert!(scenarios.len() >= 100, "{} scenarios", scenarios.len());
}

#[test]
fn the_coverage_check_notices_gaps_unknown_tags_and_shared_scenarios() {
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let (parsed, _) = features::parse(&FeatureSource::Embedded.files().unwrap());
    let mut scenarios = features::scenarios(&parsed);
    scenarios.retain(|s| !s.tags.iter().any(|t| t == "AV-SEL-003"));
    scenarios[0].tags.push("AV-SEL-999".to_owned());
    scenarios[1].tags.retain(|t| t != "must" && t != "should");
    scenarios[2].tags.push("AV-KOP-006".to_owned());
    let kop_002 = scenarios
        .iter_mut()
        .find(|s| s.tags.iter().any(|t| t == "AV-KOP-002"))
        .unwrap();
    kop_002.tags.retain(|t| t != "vacatures");
    let profielen = vum_spec::profielen::profielen().unwrap();
    let result = coverage(&scenarios, &catalogue, &profielen);
    assert_eq!(result.uncovered, ["AV-SEL-003"]);
    assert_eq!(result.unknown_tags.len(), 1);
    assert_eq!(result.untagged.len(), 3, "{:?}", result.untagged);
    assert_eq!(result.kind_untagged.len(), 1, "{:?}", result.kind_untagged);
    assert_eq!(
        result.uncovered_in_profile["bron-werkzoekenden"],
        ["AV-SEL-003"]
    );
}

#[test]
fn the_embedded_features_are_the_workspace_features() {
    let embedded = FeatureSource::Embedded.files().unwrap();
    let on_disk = workspace_features().files().unwrap();
    let names = |files: &[features::FeatureFile]| -> Vec<String> {
        files.iter().map(|f| f.relative.clone()).collect()
    };
    assert_eq!(names(&embedded), names(&on_disk), "rebuild the harness");
    assert_eq!(
        features::hash(&embedded),
        features::hash(&on_disk),
        "the features built into the harness differ from features/: rebuild it"
    );
}
