//! Scenarios and their tags, from the text of a Gherkin feature file (a light scan: tag lines,
//! the feature line, and the scenario lines in Dutch or English).

use serde::Serialize;

/// One scenario of a feature file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Scenario {
    /// The file, relative to the features directory (`bron/koppelvlak/headers.feature`).
    pub file: String,
    /// Line of the scenario.
    pub line: usize,
    /// Its name.
    pub name: String,
    /// Its tags and those of its feature, without `@`.
    pub tags: Vec<String>,
}

const FEATURE: [&str; 2] = ["Functionaliteit:", "Feature:"];
const SCENARIO: [&str; 8] = [
    "Abstract Scenario:",
    "Scenario Outline:",
    "Scenario Template:",
    "Scenario:",
    "Voorbeeld:",
    "Example:",
    "Scenariosjabloon:",
    "Scenario-sjabloon:",
];

/// The scenarios of one feature file.
pub fn scenarios(file: &str, text: &str) -> Vec<Scenario> {
    let (mut feature_tags, mut pending): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('@') {
            let tags = line.split('#').next().unwrap_or("");
            pending.extend(
                tags.split_whitespace()
                    .filter_map(|t| t.strip_prefix('@'))
                    .map(str::to_owned),
            );
            continue;
        }
        if FEATURE.iter().any(|k| line.starts_with(k)) {
            feature_tags = std::mem::take(&mut pending);
            continue;
        }
        if let Some(name) = SCENARIO.iter().find_map(|k| line.strip_prefix(k)) {
            let mut tags = feature_tags.clone();
            tags.append(&mut pending);
            out.push(Scenario {
                file: file.to_owned(),
                line: index + 1,
                name: name.trim().to_owned(),
                tags,
            });
            continue;
        }
        pending.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_of_feature_and_scenario() {
        let text = "# language: nl\n@bron\nFunctionaliteit: F\n\n  @AV-KOP-005 @must\n  Scenario: Een\n    Gegeven x\n\n  @AV-SEL-007 @must # comment\n  Abstract Scenario: Twee\n    Voorbeelden:\n      | a |\n";
        let found = scenarios("bron/f.feature", text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Een");
        assert_eq!(found[0].line, 6);
        assert_eq!(found[0].tags, ["bron", "AV-KOP-005", "must"]);
        assert_eq!(found[1].tags, ["bron", "AV-SEL-007", "must"]);
    }
}
