//! The features cover the catalogue: every MUST requirement verified by scenario has one, every
//! tag names a known requirement, every scenario carries requirement, level and role tags.

use vum_conformance::features::{coverage, load};

use crate::node::features;

#[test]
fn the_features_cover_every_must_requirement_and_name_only_known_ones() {
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let scenarios = load(&features()).unwrap();
    let result = coverage(&scenarios, &catalogue);
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
        "scenarios without requirement, level or role tag: {:?}",
        result.untagged
    );
    assert!(
        result.declaration_scenarios.is_empty(),
        "{:?}",
        result.declaration_scenarios
    );
    assert!(catalogue.len() >= 60);
    let runs: usize = scenarios.iter().map(|s| s.runs).sum();
    assert!(runs >= 80, "{runs} scenario runs");
}

#[test]
fn the_coverage_check_notices_gaps_and_unknown_tags() {
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let mut scenarios = load(&features()).unwrap();
    scenarios.retain(|s| !s.tags.iter().any(|t| t == "AV-SEL-003"));
    scenarios[0].tags.push("AV-SEL-999".to_owned());
    scenarios[1].tags.retain(|t| t != "must" && t != "should");
    let result = coverage(&scenarios, &catalogue);
    assert_eq!(result.uncovered, ["AV-SEL-003"]);
    assert_eq!(result.unknown_tags.len(), 1);
    assert_eq!(result.untagged.len(), 1);
}
