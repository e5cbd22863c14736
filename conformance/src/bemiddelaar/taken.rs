//! The tasks of a mediator certification: numbered, in Dutch business language, each with the
//! published answer the harness gives and how it behaves towards the task's requests (an answer
//! at once, `429` first, `503` first).
//!
//! The answers are fixed and published with the test set: a task on the area of a known question
//! (`crate::testset::KNOWN_QUESTIONS`) is answered with that question's ids, whatever criteria
//! the task adds; the harness judges how a mediator asks, not what a source would find.

use vum_spec::Kind;
use vum_spec::taken::{Taak, TakenFout, Takenlijst};

/// How the harness answers the requests of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gedrag {
    /// Every question and detail answered at once.
    Gewoon,
    /// The first question answered `429` with `Retry-After` of this many seconds; later ones at
    /// once.
    TeVeelVerzoeken {
        /// The `Retry-After` in seconds.
        seconden: u64,
    },
    /// The first questions answered `503` (without `Retry-After`), this many times; later ones
    /// at once.
    NietBeschikbaar {
        /// How many `503`s.
        keren: u32,
    },
}

/// One task of the certification, with what the harness does for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificatietaak {
    /// The task as the driver or the person reads it.
    pub taak: Taak,
    /// How the harness answers.
    pub gedrag: Gedrag,
    /// The ids of the test set the answer holds, in order.
    pub antwoord: &'static [&'static str],
}

impl Certificatietaak {
    /// The kind the task asks for.
    pub fn kind(&self) -> Kind {
        self.taak.zoek.kind()
    }

    /// The task's area: postcode and distance in km.
    pub fn gebied(&self) -> (String, u16) {
        match &self.taak.zoek {
            vum_spec::taken::Zoekopdracht::Werkzoekenden(o) => {
                (o.postcode.as_str().to_owned(), o.afstand)
            }
            vum_spec::taken::Zoekopdracht::Vacatures(o) => {
                (o.postcode.as_str().to_owned(), o.afstand)
            }
        }
    }
}

const WERKZOEKENDEN_1791AA: &[&str] = &["wz-t01", "wz-t02", "wz-t10"];
const VACATURES_8881AA: &[&str] = &[
    "vac-t01", "vac-t02", "vac-t03", "vac-t04", "vac-t05", "vac-t06", "vac-t07", "vac-t08",
    "vac-t09",
];
/// The job seekers of the test set's Texel cluster (its README: "Texel: 12").
const WERKZOEKENDEN_TEXEL: &[&str] = &[
    "wz-t01", "wz-t02", "wz-t03", "wz-t04", "wz-t05", "wz-t06", "wz-t07", "wz-t08", "wz-t09",
    "wz-t10", "wz-t11", "wz-t12",
];

/// The tasks as the published task file holds them (without the exchange's address).
const TAKEN: &str = r#"{
  "versie": 1,
  "taken": [
    {"nummer": 1,
     "omschrijving": "Zoek werkzoekenden binnen 2 km van 1791AA; vraag het detail op van de eerste twee",
     "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 2}},
     "details": 2},
    {"nummer": 2,
     "omschrijving": "Zoek werkzoekenden binnen 2 km van 1791AA die rijbewijs C hebben; vraag het detail op van de eerste",
     "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "rijbewijzen": ["C"]}},
     "details": 1},
    {"nummer": 3,
     "omschrijving": "Zoek werkzoekenden binnen 2 km van 1791AA die uiterlijk 1 maart 2027 beschikbaar zijn en hoogstens 32 uur per week willen werken",
     "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "beschikbaarUiterlijk": "2027-03-01", "urenPerWeek": {"tot": 32}}}},
    {"nummer": 4,
     "omschrijving": "Zoek vacatures binnen 15 km van 8881AA met onregelmatig werk of ploegendienst; vraag het detail op van de eerste drie",
     "zoek": {"vacatures": {"postcode": "8881AA", "afstand": 15, "onregelmatigWerk": true}},
     "details": 3},
    {"nummer": 5,
     "omschrijving": "Zoek vacatures binnen 15 km van 8881AA die rijbewijs B vragen (de uitwisselingsvoorziening is druk: zij antwoordt eerst 429 met Retry-After)",
     "zoek": {"vacatures": {"postcode": "8881AA", "afstand": 15, "rijbewijzen": ["B"]}}},
    {"nummer": 6,
     "omschrijving": "Zoek werkzoekenden binnen 2 km van 1791AA; vraag het detail op van de eerste (de uitwisselingsvoorziening is eerst even niet beschikbaar: 503)",
     "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 2}},
     "details": 1},
    {"nummer": 7,
     "omschrijving": "Zoek werkzoekenden binnen 20 km van 1791AA; vraag het detail op van de eerste twaalf (de standaard staat er per zoekvraag 10 toe)",
     "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 20}},
     "details": 12}
  ]
}"#;

/// Answers and behaviour of the tasks, by number.
const GEDRAG: [(u32, Gedrag, &[&str]); 7] = [
    (1, Gedrag::Gewoon, WERKZOEKENDEN_1791AA),
    (2, Gedrag::Gewoon, WERKZOEKENDEN_1791AA),
    (3, Gedrag::Gewoon, WERKZOEKENDEN_1791AA),
    (4, Gedrag::Gewoon, VACATURES_8881AA),
    (5, Gedrag::TeVeelVerzoeken { seconden: 2 }, VACATURES_8881AA),
    (
        6,
        Gedrag::NietBeschikbaar { keren: 2 },
        WERKZOEKENDEN_1791AA,
    ),
    (7, Gedrag::Gewoon, WERKZOEKENDEN_TEXEL),
];

/// The certification tasks, in order.
pub fn certificatietaken() -> Result<Vec<Certificatietaak>, TakenFout> {
    let lijst = Takenlijst::lees(TAKEN)?;
    Ok(lijst
        .taken
        .into_iter()
        .filter_map(|taak| {
            let (_, gedrag, antwoord) = GEDRAG.iter().find(|(n, _, _)| *n == taak.nummer)?;
            Some(Certificatietaak {
                taak,
                gedrag: *gedrag,
                antwoord,
            })
        })
        .collect())
}

/// The task file a driver executes (`--taken FILE`): the tasks with the exchange's base URL and
/// the version to ask in.
pub fn takenlijst(
    taken: &[Certificatietaak],
    uitwisseling: &str,
    versie: Option<&str>,
) -> Takenlijst {
    let mut lijst = Takenlijst::new(taken.iter().map(|t| t.taak.clone()).collect());
    lijst.uitwisseling = Some(uitwisseling.to_owned());
    lijst.bericht_versie = versie.map(str::to_owned);
    lijst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_task_has_an_answer_and_a_behaviour() {
        let taken = certificatietaken().unwrap();
        assert_eq!(taken.len(), GEDRAG.len());
        let nummers: Vec<u32> = taken.iter().map(|t| t.taak.nummer).collect();
        assert_eq!(nummers, (1..=7).collect::<Vec<_>>());
        let testset = crate::testset::TestSet::committed();
        for taak in &taken {
            for id in taak.antwoord {
                assert!(testset.get(taak.kind(), id).is_some(), "{id}");
            }
        }
    }

    #[test]
    fn the_task_file_reads_back() {
        let taken = certificatietaken().unwrap();
        let lijst = takenlijst(&taken, "https://127.0.0.1:8443/api/v3", None);
        assert_eq!(Takenlijst::lees(&lijst.naar_json()).unwrap(), lijst);
    }
}
