//! The feature files: embedded in the harness at build time, or read from a directory; their
//! scenarios, requirement tags and coverage of the catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cucumber::feature::Ext as _;
use cucumber::gherkin::{Feature, GherkinEnv};
use serde::Serialize;
use sha2::{Digest, Sha256};
use vum_spec::profielen::{Profiel, kind_tag};
use vum_spec::requirements::{Eis, Niveau, Verificatie};

/// The feature files of the workspace as they were when the harness was built: (path below
/// `features/`, text).
pub const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/features.rs"));

/// The roles a scenario can be for; every scenario carries one as a tag.
pub const ROLES: [&str; 3] = ["bron", "uitwisseling", "bemiddelaar"];

/// Where the features of a run come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FeatureSource {
    /// The features built into the harness.
    #[default]
    Embedded,
    /// The `.feature` files under a directory.
    Directory(PathBuf),
}

impl FeatureSource {
    /// In Dutch, for the reports.
    pub fn omschrijving(&self) -> String {
        match self {
            Self::Embedded => "ingebouwd in het harnas".to_owned(),
            Self::Directory(dir) => dir.display().to_string(),
        }
    }

    /// The feature files, sorted by path.
    pub fn files(&self) -> Result<Vec<FeatureFile>, FeaturesError> {
        match self {
            Self::Embedded => Ok(EMBEDDED
                .iter()
                .map(|(relative, text)| FeatureFile {
                    relative: (*relative).to_owned(),
                    path: format!("features/{relative}"),
                    text: (*text).to_owned(),
                })
                .collect()),
            Self::Directory(dir) => {
                let mut paths = Vec::new();
                walk(dir, &mut paths)?;
                paths.sort();
                paths
                    .into_iter()
                    .map(|path| {
                        let text =
                            std::fs::read_to_string(&path).map_err(|e| FeaturesError::Read {
                                path: path.display().to_string(),
                                reason: e.to_string(),
                            })?;
                        let relative = path
                            .strip_prefix(dir)
                            .unwrap_or(&path)
                            .to_string_lossy()
                            .replace('\\', "/");
                        Ok(FeatureFile {
                            relative,
                            path: path.display().to_string(),
                            text,
                        })
                    })
                    .collect()
            }
        }
    }
}

/// One feature file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureFile {
    /// Its path below the features directory (`bron/koppelvlak/headers.feature`).
    pub relative: String,
    /// The path shown in reports (`features/bron/koppelvlak/headers.feature` when embedded).
    pub path: String,
    /// Its text.
    pub text: String,
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

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), FeaturesError> {
    let read_error = |e: std::io::Error| FeaturesError::Read {
        path: dir.display().to_string(),
        reason: e.to_string(),
    };
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "feature") {
            out.push(path);
        }
    }
    Ok(())
}

/// SHA-256 over the feature files (relative path and text, in order): equal for the embedded
/// features and a directory holding the same files.
pub fn hash(files: &[FeatureFile]) -> String {
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.relative.as_bytes());
        hasher.update([0]);
        hasher.update(file.text.as_bytes());
    }
    hex(&hasher.finalize())
}

/// SHA-256 of the published features, the ones built into the harness.
pub fn published_sha256() -> String {
    FeatureSource::Embedded
        .files()
        .map_or_else(|_| String::new(), |files| hash(&files))
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A feature file that does not parse: the file and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseFailure {
    /// The file.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// Parses the files, with their scenario outlines expanded (one scenario per example row).
pub fn parse(files: &[FeatureFile]) -> (Vec<Feature>, Vec<ParseFailure>) {
    let mut features = Vec::new();
    let mut failures = Vec::new();
    for file in files {
        let parsed = Feature::parse(&file.text, GherkinEnv::default())
            .map_err(|e| e.to_string())
            .and_then(|mut feature| {
                feature.path = Some(PathBuf::from(&file.path));
                feature.expand_examples().map_err(|e| e.to_string())
            });
        match parsed {
            Ok(feature) => features.push(feature),
            Err(reason) => failures.push(ParseFailure {
                path: file.path.clone(),
                reason,
            }),
        }
    }
    (features, failures)
}

/// One scenario (an expanded example row counts as one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioInfo {
    /// The feature file as shown in reports.
    pub file: String,
    /// The feature's name.
    pub feature: String,
    /// Its name (example values filled in).
    pub name: String,
    /// Line of the scenario or example row.
    pub line: usize,
    /// Tags of feature, rule and scenario (without `@`).
    pub tags: Vec<String>,
}

impl ScenarioInfo {
    /// The requirement ids it is tagged with.
    pub fn requirements(&self) -> impl Iterator<Item = &str> {
        requirement_tags(&self.tags)
    }

    /// `file:line name`.
    pub fn label(&self) -> String {
        format!("{}:{} {}", self.file, self.line, self.name)
    }
}

/// The requirement ids among tags.
pub fn requirement_tags(tags: &[String]) -> impl Iterator<Item = &str> {
    tags.iter()
        .map(String::as_str)
        .filter(|t| t.starts_with("AV-"))
}

/// Tags of a scenario with those of its feature and rule.
pub fn tags_of(
    feature: &Feature,
    rule: Option<&cucumber::gherkin::Rule>,
    scenario: &cucumber::gherkin::Scenario,
) -> Vec<String> {
    let mut tags = feature.tags.clone();
    if let Some(rule) = rule {
        tags.extend(rule.tags.iter().cloned());
    }
    tags.extend(scenario.tags.iter().cloned());
    tags
}

/// Every scenario of the parsed features, in file order.
pub fn scenarios(features: &[Feature]) -> Vec<ScenarioInfo> {
    let mut out = Vec::new();
    for feature in features {
        let file = feature
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let all = feature.scenarios.iter().map(|s| (None, s)).chain(
            feature
                .rules
                .iter()
                .flat_map(|r| r.scenarios.iter().map(move |s| (Some(r), s))),
        );
        for (rule, scenario) in all {
            out.push(ScenarioInfo {
                file: file.clone(),
                feature: feature.name.clone(),
                name: scenario.name.clone(),
                line: scenario.position.line,
                tags: tags_of(feature, rule, scenario),
            });
        }
    }
    out
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
    /// Scenarios without exactly one requirement tag, a level tag and a role tag.
    pub untagged: Vec<String>,
    /// Scenarios tagged with a requirement verified by declaration.
    pub declaration_scenarios: Vec<(String, String)>,
    /// Scenarios of a requirement about one kind of profile without that kind's tag.
    pub kind_untagged: Vec<String>,
    /// Per profile, its MUST requirements verified by scenario that none of its scenarios checks.
    pub uncovered_in_profile: BTreeMap<String, Vec<String>>,
}

impl Coverage {
    /// Whether every rule holds.
    pub fn is_complete(&self) -> bool {
        self.uncovered.is_empty()
            && self.unknown_tags.is_empty()
            && self.untagged.is_empty()
            && self.declaration_scenarios.is_empty()
            && self.kind_untagged.is_empty()
            && self.uncovered_in_profile.values().all(Vec::is_empty)
    }
}

/// Checks the features against the catalogue and the profiles. Every scenario carries exactly
/// one requirement, so that a failed scenario fails exactly the requirement it checks; one about
/// one kind of profile carries that kind's tag; every profile can judge each of its MUSTs.
///
/// The catalogue is one version's; a scenario of a requirement that only another version of the
/// registry knows (AV-SEL-030 from 3.1.0 in a 3.0.0 run) is not this version's, and is left out
/// rather than named unknown.
pub fn coverage(scenarios: &[ScenarioInfo], catalogue: &[Eis], profielen: &[Profiel]) -> Coverage {
    let known: BTreeMap<&str, &Eis> = catalogue.iter().map(|e| (e.id.as_str(), e)).collect();
    let elsewhere = other_versions_requirements();
    let mut result = Coverage::default();
    for s in scenarios {
        let label = s.label();
        let levels: BTreeSet<&str> = ["must", "should", "may"]
            .into_iter()
            .filter(|l| s.tags.iter().any(|t| t == l))
            .collect();
        if s.requirements().count() != 1
            || levels.len() != 1
            || !s.tags.iter().any(|t| ROLES.contains(&t.as_str()))
        {
            result.untagged.push(label.clone());
        }
        for id in s.requirements() {
            match known.get(id) {
                None if elsewhere.contains(id) => {}
                None => result.unknown_tags.push((label.clone(), id.to_owned())),
                Some(eis) if eis.verificatie == Verificatie::Verklaring => result
                    .declaration_scenarios
                    .push((label.clone(), id.to_owned())),
                Some(eis) => {
                    if !eis.soorten.is_empty()
                        && !s
                            .tags
                            .iter()
                            .filter_map(|t| kind_tag(t))
                            .any(|k| eis.soorten.contains(&k))
                    {
                        result.kind_untagged.push(label.clone());
                    }
                    result
                        .by_requirement
                        .entry(id.to_owned())
                        .or_default()
                        .push(label.clone());
                }
            }
        }
    }
    for profiel in profielen {
        let uncovered: Vec<String> = profiel
            .eisen(catalogue)
            .into_iter()
            .filter(|e| e.niveau == Niveau::Must && e.verificatie == Verificatie::Scenario)
            .filter(|e| {
                !scenarios
                    .iter()
                    .any(|s| profiel.selecteert(&s.tags) && s.requirements().any(|r| r == e.id))
            })
            .map(|e| e.id.clone())
            .collect();
        result
            .uncovered_in_profile
            .insert(profiel.naam.clone(), uncovered);
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

/// The requirement ids of every version of the registry (empty when it cannot be read).
fn other_versions_requirements() -> BTreeSet<String> {
    vum_spec::versie::registry()
        .map(|register| {
            register
                .versies()
                .iter()
                .filter_map(|v| vum_spec::requirements::catalogue_for(v).ok())
                .flatten()
                .map(|e| e.id)
                .collect()
        })
        .unwrap_or_default()
}
