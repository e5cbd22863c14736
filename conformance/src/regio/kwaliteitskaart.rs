//! A participant's data-quality score card (*kwaliteitstafel*) as the board reads it: the JSON
//! `vum-kwaliteit/1` that `vum-node kwaliteit` or `vum-spec kwaliteit` writes and the
//! municipality hands to its region. It holds aggregates only; the board never fetches profiles.
//!
//! The board keeps the three scores per kind and the figures behind them that fit on one line
//! (profiles measured, profiles without a finding, median age of the newest date).

use serde::{Deserialize, Serialize};
use vum_spec::kwaliteit::SCHEMA;

/// The card of one participant.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kwaliteit {
    /// The reference date the scores are relative to (`JJJJ-MM-DD`).
    pub peildatum: String,
    /// The version of the standard the rules read.
    pub spec_versie: String,
    /// One card per kind.
    pub kaarten: Vec<Kaart>,
}

/// The scores of one kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kaart {
    /// `werkzoekende` or `vacature`.
    pub soort: String,
    /// Profiles measured.
    pub aantal_profielen: u64,
    /// *Volledig*, 0–100 (`None` without profiles).
    pub volledig: Option<f64>,
    /// *Betrouwbaar*, 0–100.
    pub betrouwbaar: Option<f64>,
    /// Profiles that pass every reliability rule.
    pub betrouwbaar_zonder_bevinding: u64,
    /// *Actueel*, 0–100.
    pub actueel: Option<f64>,
    /// Profiles that pass every currency rule.
    pub actueel_zonder_bevinding: u64,
    /// The median age in days of the newest plausible date.
    pub mediaan_leeftijd_dagen: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bestand {
    schema: String,
    spec_versie: String,
    peildatum: String,
    kaarten: Vec<BestandKaart>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BestandKaart {
    soort: String,
    aantal_profielen: u64,
    volledig: Score,
    betrouwbaar: ScoreMetBevinding,
    actueel: ScoreMetBevinding,
}

#[derive(Deserialize)]
struct Score {
    score: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ScoreMetBevinding {
    score: Option<f64>,
    zonder_bevinding: u64,
    #[serde(default)]
    mediaan_leeftijd_dagen: Option<u64>,
}

impl Kwaliteit {
    /// Reads a score card; the error says in Dutch what is wrong with it.
    pub fn lees(text: &str) -> Result<Self, String> {
        let bestand: Bestand = serde_json::from_str(text).map_err(|e| {
            format!(
                "geen scorekaart {SCHEMA} (regel {}, kolom {}: {})",
                e.line(),
                e.column(),
                serde_fout(&e)
            )
        })?;
        if bestand.schema != SCHEMA {
            return Err(format!(
                "schema is {:?}, verwacht {SCHEMA:?}",
                bestand.schema
            ));
        }
        let mut kaarten = Vec::new();
        for (i, k) in bestand.kaarten.into_iter().enumerate() {
            if !matches!(k.soort.as_str(), "werkzoekende" | "vacature") {
                return Err(format!(
                    "kaart {}: soort {:?} is geen werkzoekende of vacature",
                    i + 1,
                    k.soort
                ));
            }
            for (naam, score) in [
                ("volledig", k.volledig.score),
                ("betrouwbaar", k.betrouwbaar.score),
                ("actueel", k.actueel.score),
            ] {
                if score.is_some_and(|s| !(0.0..=100.0).contains(&s)) {
                    return Err(format!(
                        "kaart {} ({}): score {naam} ligt niet tussen 0 en 100",
                        i + 1,
                        k.soort
                    ));
                }
            }
            kaarten.push(Kaart {
                soort: k.soort,
                aantal_profielen: k.aantal_profielen,
                volledig: k.volledig.score,
                betrouwbaar: k.betrouwbaar.score,
                betrouwbaar_zonder_bevinding: k.betrouwbaar.zonder_bevinding,
                actueel: k.actueel.score,
                actueel_zonder_bevinding: k.actueel.zonder_bevinding,
                mediaan_leeftijd_dagen: k.actueel.mediaan_leeftijd_dagen,
            });
        }
        Ok(Self {
            peildatum: bestand.peildatum,
            spec_versie: bestand.spec_versie,
            kaarten,
        })
    }
}

/// serde_json's message in Dutch for the cases a hand-edited card runs into.
fn serde_fout(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text);
    if let Some(veld) = text.strip_prefix("missing field ") {
        format!("veld {} ontbreekt", veld.trim_matches('`'))
    } else if text.starts_with("invalid type") {
        format!("verkeerd type ({text})")
    } else if e.is_syntax() || e.is_eof() {
        "geen geldige JSON".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_of_vum_spec_reads_and_anything_else_is_named() {
        let peildatum = "2026-12-01".parse().unwrap();
        let instellingen = vum_spec::kwaliteit::Instellingen::standaard(peildatum);
        let doc = serde_json::json!({"idWerkzoekende": "a", "mobiliteit": {"bemiddelingspostcode": "1011AB"}});
        let kaart =
            vum_spec::kwaliteit::meet(vum_spec::Kind::Werkzoekende, [doc], &instellingen).unwrap();
        let rapport = vum_spec::kwaliteit::Rapport::new(&instellingen, peildatum, vec![kaart]);
        let gelezen = Kwaliteit::lees(&rapport.json()).unwrap();
        assert_eq!(gelezen.peildatum, "2026-12-01");
        assert_eq!(gelezen.kaarten.len(), 1);
        assert_eq!(gelezen.kaarten[0].soort, "werkzoekende");
        assert_eq!(gelezen.kaarten[0].aantal_profielen, 1);
        assert_eq!(gelezen.kaarten[0].volledig, Some(30.0));

        let other = rapport.json().replace("vum-kwaliteit/1", "vum-kwaliteit/9");
        assert!(
            Kwaliteit::lees(&other)
                .unwrap_err()
                .contains("vum-kwaliteit/9")
        );
        let missing = Kwaliteit::lees(r#"{"schema": "vum-kwaliteit/1"}"#).unwrap_err();
        assert!(missing.contains("ontbreekt"), "{missing}");
        assert!(
            Kwaliteit::lees("{")
                .unwrap_err()
                .contains("geen geldige JSON")
        );
    }
}
