//! The board of a region: this run's result with the history around it, as the outputs show it.
//! `regio.json` is this structure (schema [`SCHEMA`], keys sorted).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::historie::{Historie, HistorieFout, Punt, Runpunt, wisselingen};
use super::uitslag::Regiouitslag;

/// The version of `regio.json`'s layout.
pub const SCHEMA: &str = "vum-regiobord/1";

/// Runs of history the board shows per participant and for the region.
pub const HISTORIE_RUNS: usize = 10;

/// A participant whose status changed this often within [`HISTORIE_RUNS`] runs is flapping.
pub const WISSELEND_VANAF: usize = 3;

/// The board of one region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bord {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The version of the harness that made it.
    pub harnas_versie: &'static str,
    /// This run.
    pub uitslag: Regiouitslag,
    /// Per participant its last runs (this one first).
    pub historie: BTreeMap<String, Vec<Punt>>,
    /// Per participant how often its status changed in those runs.
    pub wisselingen: BTreeMap<String, usize>,
    /// The region's last runs (this one first).
    pub trend: Vec<Runpunt>,
}

impl Bord {
    /// The board of `uitslag`, which `historie` already holds, with the runs before it.
    pub fn new(uitslag: Regiouitslag, historie: &Historie) -> Result<Self, HistorieFout> {
        let mut punten = BTreeMap::new();
        let mut changes = BTreeMap::new();
        for d in &uitslag.deelnemers {
            let mine = historie.punten(&uitslag.regio, &d.naam, HISTORIE_RUNS)?;
            changes.insert(d.naam.clone(), wisselingen(&mine));
            punten.insert(d.naam.clone(), mine);
        }
        let trend = historie.runs(&uitslag.regio, HISTORIE_RUNS)?;
        Ok(Self {
            schema: SCHEMA,
            harnas_versie: env!("CARGO_PKG_VERSION"),
            uitslag,
            historie: punten,
            wisselingen: changes,
            trend,
        })
    }

    /// Whether a participant is flapping.
    pub fn wisselend(&self, naam: &str) -> bool {
        self.wisselingen
            .get(naam)
            .is_some_and(|n| *n >= WISSELEND_VANAF)
    }

    /// `regio.json`: keys sorted, two-space indent, newline at the end.
    pub fn json(&self) -> String {
        // Invariant: the board has only string keys and finite numbers, so it always serialises.
        vum_spec::schema::canonical_json(&serde_json::to_value(self).unwrap_or(Value::Null))
    }
}
