//! The outcome of a comparison: both sets as read, the changes, the counts and the exit code.

use std::collections::BTreeMap;

use serde::Serialize;

use super::change::{Change, Kind};
use super::load::{Contract, ContractSet};
use super::verdict::{Class, Role};
use super::{json, markdown};

/// A contract set as the report describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SetInfo {
    /// How the user named it.
    pub label: String,
    /// Its contracts.
    pub contracts: Vec<Contract>,
    /// How it was read.
    pub notes: Vec<String>,
}

impl SetInfo {
    fn of(set: &ContractSet) -> Self {
        Self {
            label: set.label.clone(),
            contracts: set.contracts.clone(),
            notes: set.notes.clone(),
        }
    }
}

/// The version headers of two sets within one major version: the old number gave way to the new
/// one, which is version selection rather than a change (see the module documentation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VersionHeaders {
    /// The old version (`3.0.0`).
    pub old: String,
    /// The new version (`3.1.0`).
    pub new: String,
}

/// Every change between two contract sets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The old set.
    pub old: SetInfo,
    /// The new set.
    pub new: SetInfo,
    /// The changes, in a stable order (by kind, then place).
    pub changes: Vec<Change>,
    /// The version headers, when they only carry the two versions' numbers within one major.
    pub version_headers: Option<VersionHeaders>,
}

/// Counts of a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// How many changes.
    pub changes: usize,
    /// Changes per kind (kind id → count), kinds that occur only.
    pub kinds: BTreeMap<String, usize>,
    /// Per role, changes per class (every class, zero included).
    pub roles: BTreeMap<Role, BTreeMap<Class, usize>>,
    /// The exit code of `vum-spec diff`.
    pub exit_code: u8,
}

impl Report {
    pub(crate) fn new(
        old: &ContractSet,
        new: &ContractSet,
        changes: Vec<Change>,
        version_headers: Option<VersionHeaders>,
    ) -> Self {
        Self {
            old: SetInfo::of(old),
            new: SetInfo::of(new),
            changes,
            version_headers,
        }
    }

    /// 0 when no change is compatible or breaking for any role, 1 when changes are compatible
    /// only, 2 when a change is breaking for some role.
    pub fn exit_code(&self) -> u8 {
        match self.changes.iter().map(Change::class).max() {
            Some(Class::Breaking) => 2,
            Some(Class::Compatible) => 1,
            _ => 0,
        }
    }

    /// The counts.
    pub fn summary(&self) -> Summary {
        let mut kinds = BTreeMap::new();
        for change in &self.changes {
            *kinds.entry(change.kind.id().to_owned()).or_insert(0) += 1;
        }
        let roles = Role::ALL
            .iter()
            .map(|&role| {
                let counts = Class::ALL
                    .iter()
                    .map(|&class| {
                        let n = self
                            .changes
                            .iter()
                            .filter(|c| c.verdict(role) == class)
                            .count();
                        (class, n)
                    })
                    .collect();
                (role, counts)
            })
            .collect();
        Summary {
            changes: self.changes.len(),
            kinds,
            roles,
            exit_code: self.exit_code(),
        }
    }

    /// How many changes of a kind.
    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    /// The Dutch changelog in Markdown.
    pub fn markdown(&self) -> String {
        markdown::render(self)
    }

    /// The report as JSON: keys sorted, stable order, with the summary.
    pub fn json(&self) -> String {
        json::render(self)
    }
}
