//! The score card as data (JSON with sorted keys, versioned by [`SCHEMA`]) and as a short Dutch
//! text for the console.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use super::{Instellingen, Kalenderdatum, Kind};
use crate::headers::VERSION;
use crate::schema::canonical_json;

/// The version of the card's JSON layout.
pub const SCHEMA: &str = "vum-kwaliteit/1";

/// The JSON document: the cards of one measurement.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rapport {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// The version of the standard the rules read (`3.0.0`).
    pub spec_versie: &'static str,
    /// The reference date the scores are relative to.
    pub peildatum: Kalenderdatum,
    /// The date the card was made.
    pub gegenereerd: Kalenderdatum,
    /// One card per kind measured, job seekers first.
    pub kaarten: Vec<Scorekaart>,
}

/// The score card of one kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scorekaart {
    /// The kind of the profiles.
    pub soort: Kind,
    /// How many profiles were measured.
    pub aantal_profielen: u64,
    /// Completeness of the searchable fields.
    pub volledig: Volledig,
    /// Reliability rules.
    pub betrouwbaar: Betrouwbaar,
    /// Currency rules.
    pub actueel: Actueel,
}

/// *Volledig*: the score and how full each searchable field is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Volledig {
    /// 0–100, one decimal; `None` without profiles.
    pub score: Option<f64>,
    /// Per data path.
    pub velden: BTreeMap<&'static str, Vulgraad>,
}

/// How full one searchable field is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vulgraad {
    /// The criterion of the question that selects on it.
    pub criterium: &'static str,
    /// Its weight.
    pub gewicht: u32,
    /// Profiles that fill it.
    pub gevuld: u64,
    /// Profiles measured.
    pub aantal: u64,
}

/// *Betrouwbaar*: the score and each rule's counts.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Betrouwbaar {
    /// 0–100, one decimal; `None` without profiles.
    pub score: Option<f64>,
    /// Profiles that pass every rule.
    pub zonder_bevinding: u64,
    /// Per rule.
    pub regels: BTreeMap<&'static str, Regeluitslag>,
}

/// *Actueel*: the score, each rule's counts and the median age of the newest date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Actueel {
    /// 0–100, one decimal; `None` without profiles.
    pub score: Option<f64>,
    /// Profiles that pass every rule.
    pub zonder_bevinding: u64,
    /// The lower median of the age in days of the newest plausible date (future dates count as
    /// 0), over the profiles that have one.
    pub mediaan_leeftijd_dagen: Option<u64>,
    /// Per rule.
    pub regels: BTreeMap<&'static str, Regeluitslag>,
}

/// The counts of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Regeluitslag {
    /// Its weight.
    pub gewicht: u32,
    /// Profiles that fail it.
    pub afwijkend: u64,
    /// Profiles measured.
    pub aantal: u64,
    /// Profiles per kind of finding (a profile can show several).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub onderdelen: BTreeMap<&'static str, u64>,
    /// The thresholds the rule applied.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub drempels: BTreeMap<&'static str, i64>,
}

/// `Σ gewicht × goed / n` over (weight, profiles that are good), rounded to one decimal.
pub(super) fn score(n: u64, termen: impl Iterator<Item = (u32, u64)>) -> Option<f64> {
    if n == 0 {
        return None;
    }
    let sum: f64 = termen
        .map(|(gewicht, goed)| f64::from(gewicht) * goed as f64)
        .sum();
    Some((sum / n as f64 * 10.0).round() / 10.0)
}

impl Rapport {
    /// The document of the cards of one measurement.
    pub fn new(
        instellingen: &Instellingen,
        gegenereerd: Kalenderdatum,
        kaarten: Vec<Scorekaart>,
    ) -> Self {
        Self {
            schema: SCHEMA,
            spec_versie: VERSION,
            peildatum: instellingen.peildatum,
            gegenereerd,
            kaarten,
        }
    }

    /// The JSON text: keys sorted, two-space indent, newline at the end.
    pub fn json(&self) -> String {
        // Invariant: the card has only string keys and finite numbers, so it always serialises.
        canonical_json(&serde_json::to_value(self).unwrap_or(Value::Null))
    }

    /// A short Dutch summary: the scores per kind and where the points are lost.
    pub fn tekst(&self) -> String {
        let mut out = format!(
            "Kwaliteitstafel VUM {}, peildatum {}\n",
            self.spec_versie, self.peildatum
        );
        for kaart in &self.kaarten {
            out.push('\n');
            kaart.schrijf(&mut out);
        }
        out
    }
}

impl Scorekaart {
    fn schrijf(&self, out: &mut String) {
        let n = self.aantal_profielen;
        if n == 0 {
            let _ = writeln!(out, "{}: geen profielen", meervoud(self.soort));
            return;
        }
        let _ = writeln!(out, "{}: {n} profielen", meervoud(self.soort));
        let mediaan = self
            .actueel
            .mediaan_leeftijd_dagen
            .map(|d| format!(", mediane leeftijd nieuwste datum {d} dagen"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  volledig     {:>5}\n  betrouwbaar  {:>5}  ({} profielen zonder bevinding)\n  actueel      {:>5}  ({} profielen zonder bevinding{mediaan})",
            getal(self.volledig.score),
            getal(self.betrouwbaar.score),
            self.betrouwbaar.zonder_bevinding,
            getal(self.actueel.score),
            self.actueel.zonder_bevinding,
        );
        let verlies_volledig = self
            .volledig
            .velden
            .iter()
            .map(|(veld, v)| {
                (
                    verlies(v.gewicht, v.aantal - v.gevuld.min(v.aantal), n),
                    format!("{veld}: {} van {n} gevuld", v.gevuld),
                )
            })
            .collect();
        schrijf_verlies(out, "volledig", verlies_volledig);
        for (naam, regels) in [
            ("betrouwbaar", &self.betrouwbaar.regels),
            ("actueel", &self.actueel.regels),
        ] {
            let lines = regels
                .iter()
                .map(|(regel, r)| {
                    let parts: Vec<String> = r
                        .onderdelen
                        .iter()
                        .filter(|(_, count)| **count > 0)
                        .map(|(part, count)| format!("{part} {count}"))
                        .collect();
                    let parts = if parts.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", parts.join(", "))
                    };
                    (
                        verlies(r.gewicht, r.afwijkend, n),
                        format!("{regel}: {} van {n} afwijkend{parts}", r.afwijkend),
                    )
                })
                .collect();
            schrijf_verlies(out, naam, lines);
        }
    }
}

/// The points a field or rule costs: `gewicht × slecht / n`.
fn verlies(gewicht: u32, slecht: u64, n: u64) -> f64 {
    f64::from(gewicht) * slecht as f64 / n as f64
}

fn schrijf_verlies(out: &mut String, naam: &str, mut lines: Vec<(f64, String)>) {
    lines.retain(|(loss, _)| *loss > 0.0);
    if lines.is_empty() {
        return;
    }
    lines.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let _ = writeln!(out, "  puntverlies {naam}:");
    for (loss, line) in lines {
        let _ = writeln!(out, "    {:>5}  {line}", format!("-{}", komma(loss)));
    }
}

fn getal(score: Option<f64>) -> String {
    score.map(komma).unwrap_or_else(|| "-".to_owned())
}

/// One decimal with a decimal comma.
fn komma(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// The kind as a heading of the text card (`Werkzoekenden`, `Vacatures`).
fn meervoud(kind: Kind) -> String {
    let plural = kind.plural();
    let mut chars = plural.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
