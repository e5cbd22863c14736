//! The feature files: scenarios, their requirement tags, coverage of the catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cucumber::gherkin::{Feature, GherkinEnv};
use serde::Serialize;
use sha2::{Digest, Sha256};
use vum_spec::requirements::{Eis, Niveau, Verificatie};

/// One scenario (an abstract scenario counts once per example row).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioInfo {
    /// The feature file, relative to the features directory.
    pub file: String,
    /// The feature's name.
    pub feature: String,
    /// The rule it stands in, if any.
    pub rule: Option<String>,
    /// Its name.
    pub name: String,
    /// Line of the scenario.
    pub line: usize,
    /// Tags of feature, rule and scenario (without `@`).
    pub tags: Vec<String>,
    /// How many runs it makes (example rows of an abstract scenario, else 1).
    pub runs: usize,
}

impl ScenarioInfo {
    /// The requirement ids it is tagged with.
    pub fn requirements(&self) -> impl Iterator<Item = &str> {
        self.tags
            .iter()
            .map(String::as_str)
            .filter(|t| t.starts_with("AV-"))
    }
}

/// Feature files that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum FeaturesError {
    /// A file or directory that cannot be read.
    #[error("{path}: {reason}")]
    Read {
        /// Which.
        path: String,
        /// Why.
        reason: String,
    },
}

fn feature_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), FeaturesError> {
    let entries = std::fs::read_dir(dir).map_err(|e| FeaturesError::Read {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    for entry in entries {
        let path = entry
            .map_err(|e| FeaturesError::Read {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?
            .path();
        if path.is_dir() {
            feature_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "feature") {
            out.push(path);
        }
    }
    Ok(())
}

/// Every `.feature` file under `dir`, sorted.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>, FeaturesError> {
    let mut out = Vec::new();
    feature_files(dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Every scenario under `dir`.
pub fn load(dir: &Path) -> Result<Vec<ScenarioInfo>, FeaturesError> {
    let mut scenarios = Vec::new();
    for path in files(dir)? {
        let feature =
            Feature::parse_path(&path, GherkinEnv::default()).map_err(|e| FeaturesError::Read {
                path: path.display().to_string(),
                reason: e.to_string(),
            })?;
        let file = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        let mut add = |rule: Option<&cucumber::gherkin::Rule>,
                       scenario: &cucumber::gherkin::Scenario| {
            let mut tags = feature.tags.clone();
            if let Some(rule) = rule {
                tags.extend(rule.tags.iter().cloned());
            }
            tags.extend(scenario.tags.iter().cloned());
            let runs = scenario
                .examples
                .iter()
                .map(|e| {
                    e.table
                        .as_ref()
                        .map_or(0, |t| t.rows.len().saturating_sub(1))
                })
                .sum::<usize>()
                .max(1);
            scenarios.push(ScenarioInfo {
                file: file.clone(),
                feature: feature.name.clone(),
                rule: rule.map(|r| r.name.clone()),
                name: scenario.name.clone(),
                line: scenario.position.line,
                tags,
                runs,
            });
        };
        for scenario in &feature.scenarios {
            add(None, scenario);
        }
        for rule in &feature.rules {
            for scenario in &rule.scenarios {
                add(Some(rule), scenario);
            }
        }
    }
    Ok(scenarios)
}

/// SHA-256 over the feature files (relative path and text, in order), for the report.
pub fn hash(dir: &Path) -> Result<String, FeaturesError> {
    let mut hasher = Sha256::new();
    for path in files(dir)? {
        let text = std::fs::read(&path).map_err(|e| FeaturesError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        hasher.update(
            path.strip_prefix(dir)
                .unwrap_or(&path)
                .display()
                .to_string()
                .as_bytes(),
        );
        hasher.update([0]);
        hasher.update(&text);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// How the features cover the catalogue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Scenarios per requirement id.
    pub by_requirement: BTreeMap<String, Vec<String>>,
    /// MUST requirements verified by scenario that have none.
    pub uncovered: Vec<String>,
    /// Tags that name no requirement: (scenario, tag).
    pub unknown_tags: Vec<(String, String)>,
    /// Scenarios without a requirement tag, a level tag or a role tag.
    pub untagged: Vec<String>,
    /// Scenarios tagged with a requirement verified by declaration.
    pub declaration_scenarios: Vec<(String, String)>,
}

impl Coverage {
    /// Whether every rule holds.
    pub fn is_complete(&self) -> bool {
        self.uncovered.is_empty()
            && self.unknown_tags.is_empty()
            && self.untagged.is_empty()
            && self.declaration_scenarios.is_empty()
    }
}

/// Checks the features against the catalogue.
pub fn coverage(scenarios: &[ScenarioInfo], catalogue: &[Eis]) -> Coverage {
    let known: BTreeMap<&str, &Eis> = catalogue.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut result = Coverage::default();
    for s in scenarios {
        let label = format!("{}:{} {}", s.file, s.line, s.name);
        let levels: BTreeSet<&str> = ["must", "should", "may"]
            .into_iter()
            .filter(|l| s.tags.iter().any(|t| t == l))
            .collect();
        if s.requirements().next().is_none()
            || levels.is_empty()
            || !s.tags.iter().any(|t| t == "bron")
        {
            result.untagged.push(label.clone());
        }
        for id in s.requirements() {
            match known.get(id) {
                None => result.unknown_tags.push((label.clone(), id.to_owned())),
                Some(eis) if eis.verificatie == Verificatie::Verklaring => result
                    .declaration_scenarios
                    .push((label.clone(), id.to_owned())),
                Some(_) => result
                    .by_requirement
                    .entry(id.to_owned())
                    .or_default()
                    .push(label.clone()),
            }
        }
    }
    result.uncovered = catalogue
        .iter()
        .filter(|e| {
            e.niveau == Niveau::Must
                && e.verificatie == Verificatie::Scenario
                && !result.by_requirement.contains_key(&e.id)
        })
        .map(|e| e.id.clone())
        .collect();
    result
}
