//! The scripted task file of a mediator certification (`--taken FILE`): numbered tasks in Dutch
//! business language, each with the *intent* of a search, that a test driver or the reference
//! mediator client executes against the exchange the harness plays.
//!
//! A task says what a case manager wants ("job seekers within 15 km of 1791AA with driving
//! licence C"), never how the standard writes it: turning the intent into a `vraagObject` (the
//! paths, `$all`/`$elemMatch`/`$or`, `$gte` or `$lte`, `1`/`2` for yes/no, a level as text or as a
//! number) is the mediator application's work, and exactly what its certification checks.
//!
//! # Format (version 1)
//!
//! ```json
//! {
//!   "versie": 1,
//!   "uitwisseling": "https://localhost:8443/api/v3",
//!   "taken": [
//!     {
//!       "nummer": 1,
//!       "omschrijving": "Zoek werkzoekenden binnen 15 km van 1791AA die rijbewijs C hebben; vraag het detail op van de eerste twee",
//!       "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 15, "rijbewijzen": ["C"]}},
//!       "details": 2
//!     },
//!     {
//!       "nummer": 2,
//!       "omschrijving": "Zoek vacatures binnen 15 km van 8881AA vanaf mbo-niveau, zonder onregelmatig werk",
//!       "zoek": {"vacatures": {"postcode": "8881AA", "afstand": 15,
//!                              "werkEnDenkniveau": {"minstens": 4}, "onregelmatigWerk": false}}
//!     }
//!   ]
//! }
//! ```
//!
//! The list ([`Takenlijst`]): `versie` (this format, `1`; required), `uitwisseling` (the base URL
//! of the exchange, optional: the command line may give it), `berichtVersie` (the interface
//! version to ask in, e.g. `"3.1.0"`; default the newest active one), `taken` (at least one).
//!
//! A task ([`Taak`]): `nummer` (unique, at least 1), `omschrijving` (what a person would be told),
//! `zoek` (the search, below), `details` (how many of the first matches, in the order of the
//! answer, to fetch in detail; default 0). A client never fetches more than 10 details of one
//! question, whatever a task asks: a task asking for more tests exactly that.
//!
//! The search ([`Zoekopdracht`]) is `{"werkzoekenden": {…}}` or `{"vacatures": {…}}` with
//! `postcode` (`9999AA`) and `afstand` (km, 0–999), both required, and any of these criteria,
//! which all hold together (an empty list is no criterion):
//!
//! | field | kinds | meaning |
//! |---|---|---|
//! | `beroepen` | werkzoekenden | a `bemiddelingsberoep` is one of these CompetentNL URIs |
//! | `beroep` | vacatures | the occupation is this CompetentNL URI |
//! | `contractvormen` | werkzoekenden | a contract form is one of `"onbepaaldeTijd"`, `"bepaaldeTijd"` |
//! | `onregelmatigWerk` | both | willing to / involves irregular work or shifts: `true` or `false` |
//! | `kantoortijden` | werkzoekenden | works within office hours: `true` or `false` |
//! | `rijbewijzen` | both | has / requires every one of these categories (`"B"`, `"C"`, `"CE"`, …) |
//! | `talen` | both | masters / requires every one of these languages: `{"taal": "nld", "mondeling": "goed", "schriftelijk": "redelijk"}`, levels at least `"redelijk"`, `"goed"` or `"uitstekend"`, each optional |
//! | `beschikbaarUiterlijk` | werkzoekenden | available for work on this date (`YYYY-MM-DD`) at the latest |
//! | `aanvangVanaf` | vacatures | the work starts on or after this date |
//! | `werkEnDenkniveau` | vacatures | `"bekend"` (any known level), `"nietBekend"` ((nog) niet bekend) or `{"minstens": 1–6}` (a known level of at least this) |
//! | `urenPerWeek` | both | the profile's range of hours per week overlaps `{"van": 24, "tot": 32}` (1–99; either end may be left out) |
//! | `competentie` | werkzoekenden, from 3.1.0 | has a competence with this CompetentNL URI |
//!
//! Unknown fields are errors, and so is every value outside its range. [`Takenlijst::lees`] names
//! the task (by its number) and the field of the first problem, in Dutch.

mod fout;
mod omschrijving;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes::SoortRijbewijs;
use crate::kwaliteit::Kalenderdatum;
use crate::primitives::{Date, Postcode, TaalCode, Uri};
use crate::versie::Versie;
use crate::vraag::{WerkzoekendeVraag, later_criteria};

pub use fout::{TakenFout, Veldfout};

/// The version of this format that [`Takenlijst::lees`] reads and [`Takenlijst::new`] writes.
pub const FORMAAT_VERSIE: u32 = 1;

/// The most details a mediator may fetch for one question (the standard's limit).
pub const MAX_DETAILS_PER_VRAAG: usize = 10;

/// A list of numbered tasks for a mediator application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Takenlijst {
    /// The version of this format ([`FORMAAT_VERSIE`]).
    pub versie: u32,
    /// The base URL of the exchange (`https://host:port/api/v3`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uitwisseling: Option<String>,
    /// The interface version to ask in (default: the newest active one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bericht_versie: Option<String>,
    /// The tasks, in the order to execute them.
    pub taken: Vec<Taak>,
}

/// One task: a search, then the details of the first matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Taak {
    /// The task's number (unique in the list, at least 1).
    pub nummer: u32,
    /// What a person would be told, in Dutch business language.
    pub omschrijving: String,
    /// The search.
    pub zoek: Zoekopdracht,
    /// How many of the first matches to fetch in detail.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub details: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The intent of a search, by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zoekopdracht {
    /// Job seekers.
    Werkzoekenden(WerkzoekendenOpdracht),
    /// Vacancies.
    Vacatures(VacaturesOpdracht),
}

/// A search for job seekers (see the module docs for each field's meaning).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WerkzoekendenOpdracht {
    /// The centre of the area.
    pub postcode: Postcode,
    /// The radius in km.
    pub afstand: u16,
    /// A `bemiddelingsberoep` is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beroepen: Vec<Uri>,
    /// A contract form is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contractvormen: Vec<Contractvorm>,
    /// Willing to work irregular hours or shifts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onregelmatig_werk: Option<bool>,
    /// Works within office hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kantoortijden: Option<bool>,
    /// Has every one of these driving licences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rijbewijzen: Vec<SoortRijbewijs>,
    /// Masters every one of these languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub talen: Vec<Taaleis>,
    /// Available for work on this date at the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beschikbaar_uiterlijk: Option<Date>,
    /// Hours per week that overlap this range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uren_per_week: Option<Urenbereik>,
    /// Has a competence with this code (from 3.1.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competentie: Option<Uri>,
}

/// A search for vacancies (see the module docs for each field's meaning).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct VacaturesOpdracht {
    /// The centre of the area.
    pub postcode: Postcode,
    /// The radius in km.
    pub afstand: u16,
    /// The occupation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beroep: Option<Uri>,
    /// The minimum working and thinking level asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub werk_en_denkniveau: Option<Niveaueis>,
    /// The work starts on or after this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aanvang_vanaf: Option<Date>,
    /// Involves irregular work or shifts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onregelmatig_werk: Option<bool>,
    /// Requires every one of these driving licences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rijbewijzen: Vec<SoortRijbewijs>,
    /// Requires every one of these languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub talen: Vec<Taaleis>,
    /// Hours per week that overlap this range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uren_per_week: Option<Urenbereik>,
}

/// A type of employment contract, as a task names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Contractvorm {
    /// Onbepaalde tijd.
    OnbepaaldeTijd,
    /// Bepaalde tijd.
    BepaaldeTijd,
}

/// A language with minimum levels of mastery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Taaleis {
    /// The language (ISO 639-3, e.g. `nld`).
    pub taal: TaalCode,
    /// Spoken at least at this level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mondeling: Option<Taalniveau>,
    /// Written at least at this level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schriftelijk: Option<Taalniveau>,
}

/// A minimum level of language mastery, as a task names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Taalniveau {
    /// Redelijk.
    Redelijk,
    /// Goed.
    Goed,
    /// Uitstekend.
    Uitstekend,
}

/// The working and thinking level a vacancy search asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Niveaueis {
    /// Any known level.
    Bekend,
    /// The level is (nog) niet bekend.
    NietBekend,
    /// A known level of at least this (1–6).
    Minstens(u8),
}

/// A range of hours per week that a profile's own range must overlap; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Urenbereik {
    /// At least this many hours (1–99).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub van: Option<u8>,
    /// At most this many hours (1–99).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tot: Option<u8>,
}

/// The top level as read, before the tasks are read one by one (so that an error names its task).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Ruw {
    versie: u32,
    #[serde(default)]
    uitwisseling: Option<String>,
    #[serde(default)]
    bericht_versie: Option<String>,
    taken: Vec<Value>,
}

impl Takenlijst {
    /// A list of this format's version.
    pub fn new(taken: Vec<Taak>) -> Self {
        Self {
            versie: FORMAAT_VERSIE,
            uitwisseling: None,
            bericht_versie: None,
            taken,
        }
    }

    /// Reads and checks a task file's text. The error names the task and the field of the first
    /// problem.
    pub fn lees(tekst: &str) -> Result<Self, TakenFout> {
        let value: Value = serde_json::from_str(tekst).map_err(|e| TakenFout::GeenJson {
            regel: e.line(),
            kolom: e.column(),
            reden: fout::in_gewone_taal(&e),
        })?;
        let ruw: Ruw = serde_path_to_error::deserialize(value).map_err(|e| {
            let (veld, reden) = fout::veld_en_reden(&e);
            TakenFout::Lijst { veld, reden }
        })?;
        if ruw.versie != FORMAAT_VERSIE {
            return Err(TakenFout::Lijst {
                veld: "versie".to_owned(),
                reden: format!(
                    "formaatversie {} wordt niet gelezen; deze versie leest {FORMAAT_VERSIE}",
                    ruw.versie
                ),
            });
        }
        let versie = match &ruw.bericht_versie {
            Some(naam) => Some(crate::versie::versie(naam).map_err(|e| TakenFout::Lijst {
                veld: "berichtVersie".to_owned(),
                reden: e.to_string(),
            })?),
            None => None,
        };
        if ruw.taken.is_empty() {
            return Err(TakenFout::Lijst {
                veld: "taken".to_owned(),
                reden: "de lijst heeft geen taken".to_owned(),
            });
        }
        let mut nummers = BTreeSet::new();
        let mut taken = Vec::with_capacity(ruw.taken.len());
        for (plaats, value) in ruw.taken.into_iter().enumerate() {
            let nummer = value
                .get("nummer")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok());
            let taakfout = |veld: String, reden: String| TakenFout::Taak {
                nummer,
                plaats: plaats + 1,
                veld,
                reden,
            };
            let taak: Taak = serde_path_to_error::deserialize(value).map_err(|e| {
                let (veld, reden) = fout::veld_en_reden(&e);
                taakfout(veld, reden)
            })?;
            taak.controleer(versie)
                .map_err(|Veldfout { veld, reden }| taakfout(veld, reden))?;
            if !nummers.insert(taak.nummer) {
                return Err(taakfout(
                    "nummer".to_owned(),
                    format!("nummer {} komt al eerder in de lijst voor", taak.nummer),
                ));
            }
            taken.push(taak);
        }
        Ok(Self {
            versie: ruw.versie,
            uitwisseling: ruw.uitwisseling,
            bericht_versie: ruw.bericht_versie,
            taken,
        })
    }

    /// The file's text: pretty JSON, fields in a fixed order.
    pub fn naar_json(&self) -> String {
        // Plain structs, strings and numbers: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Taak {
    /// Checks the task's own rules (see [`Zoekopdracht::controleer`]); the field is named from
    /// the task (`zoek.werkzoekenden.afstand`).
    pub fn controleer(&self, versie: Option<&Versie>) -> Result<(), Veldfout> {
        if self.nummer == 0 {
            return Err(Veldfout::new("nummer", "een taaknummer is minstens 1"));
        }
        if self.omschrijving.trim().is_empty() {
            return Err(Veldfout::new("omschrijving", "de omschrijving is leeg"));
        }
        self.zoek
            .controleer(versie)
            .map_err(|f| f.onder(&format!("zoek.{}", self.zoek.soort())))
    }
}

impl Zoekopdracht {
    /// The kind's name in a task file (`werkzoekenden`, `vacatures`).
    pub fn soort(&self) -> &'static str {
        match self {
            Self::Werkzoekenden(_) => "werkzoekenden",
            Self::Vacatures(_) => "vacatures",
        }
    }

    /// The kind of profile searched for.
    pub fn kind(&self) -> crate::Kind {
        match self {
            Self::Werkzoekenden(_) => crate::Kind::Werkzoekende,
            Self::Vacatures(_) => crate::Kind::Vacature,
        }
    }

    /// Checks every value against its range and form, and that the interface version `versie`
    /// (default: the newest active one) has each criterion asked for. The field is named relative
    /// to the search (`afstand`, `talen[0].taal`).
    pub fn controleer(&self, versie: Option<&Versie>) -> Result<(), Veldfout> {
        match self {
            Self::Werkzoekenden(o) => {
                gebied(&o.postcode, o.afstand)?;
                uris("beroepen", &o.beroepen)?;
                talen(&o.talen)?;
                datum("beschikbaarUiterlijk", o.beschikbaar_uiterlijk.as_ref())?;
                uren(o.uren_per_week)?;
                if let Some(code) = &o.competentie {
                    uri("competentie", code)?;
                    let nummer = versie.map_or(crate::versie::NIEUWSTE_ACTIEVE, |v| v.nummer);
                    if later_criteria::<WerkzoekendeVraag>(nummer)
                        .iter()
                        .any(|c| c == "competenties")
                    {
                        return Err(Veldfout::new(
                            "competentie",
                            format!(
                                "interfaceversie {nummer} kent het criterium competenties niet; \
                                 geef een latere berichtVersie"
                            ),
                        ));
                    }
                }
                Ok(())
            }
            Self::Vacatures(o) => {
                gebied(&o.postcode, o.afstand)?;
                if let Some(code) = &o.beroep {
                    uri("beroep", code)?;
                }
                if let Some(Niveaueis::Minstens(n)) = o.werk_en_denkniveau
                    && !(1..=6).contains(&n)
                {
                    return Err(Veldfout::new(
                        "werkEnDenkniveau.minstens",
                        format!("{n} is geen bekend niveau; kies 1 tot en met 6"),
                    ));
                }
                datum("aanvangVanaf", o.aanvang_vanaf.as_ref())?;
                talen(&o.talen)?;
                uren(o.uren_per_week)
            }
        }
    }
}

fn gebied(postcode: &Postcode, afstand: u16) -> Result<(), Veldfout> {
    if postcode.pc4().is_none() {
        return Err(Veldfout::new(
            "postcode",
            format!("{:?} is geen postcode 9999AA", postcode.as_str()),
        ));
    }
    if afstand > 999 {
        return Err(Veldfout::new(
            "afstand",
            format!("{afstand} km is meer dan de 999 km die de standaard toestaat"),
        ));
    }
    Ok(())
}

fn uri(veld: &str, code: &Uri) -> Result<(), Veldfout> {
    let text = code.as_str();
    if text.trim().is_empty() || text.chars().count() > 200 {
        return Err(Veldfout::new(
            veld,
            "een CompetentNL-code is een URI van 1 tot 200 tekens",
        ));
    }
    Ok(())
}

fn uris(veld: &str, codes: &[Uri]) -> Result<(), Veldfout> {
    for (i, code) in codes.iter().enumerate() {
        uri(&format!("{veld}[{i}]"), code)?;
    }
    Ok(())
}

fn talen(eisen: &[Taaleis]) -> Result<(), Veldfout> {
    for (i, eis) in eisen.iter().enumerate() {
        let taal = eis.taal.as_str();
        if taal.len() != 3 || !taal.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(Veldfout::new(
                format!("talen[{i}].taal"),
                format!("{taal:?} is geen taalcode van drie kleine letters (ISO 639-3, zoals nld)"),
            ));
        }
    }
    Ok(())
}

fn datum(veld: &str, datum: Option<&Date>) -> Result<(), Veldfout> {
    match datum {
        Some(d) => d
            .as_str()
            .parse::<Kalenderdatum>()
            .map(|_| ())
            .map_err(|e| Veldfout::new(veld, e.to_string())),
        None => Ok(()),
    }
}

fn uren(bereik: Option<Urenbereik>) -> Result<(), Veldfout> {
    let Some(bereik) = bereik else {
        return Ok(());
    };
    for (veld, waarde) in [("van", bereik.van), ("tot", bereik.tot)] {
        if let Some(n) = waarde
            && !(1..=99).contains(&n)
        {
            return Err(Veldfout::new(
                format!("urenPerWeek.{veld}"),
                format!("{n} uur per week valt buiten 1 tot en met 99"),
            ));
        }
    }
    match (bereik.van, bereik.tot) {
        (None, None) => Err(Veldfout::new(
            "urenPerWeek",
            "geef van, tot of allebei (of laat urenPerWeek weg)",
        )),
        (Some(van), Some(tot)) if van > tot => Err(Veldfout::new(
            "urenPerWeek",
            format!("van ({van}) is meer dan tot ({tot})"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VOORBEELD: &str = r#"{
      "versie": 1,
      "uitwisseling": "https://localhost:8443/api/v3",
      "taken": [
        {
          "nummer": 1,
          "omschrijving": "Zoek werkzoekenden binnen 15 km van 1791AA die rijbewijs C hebben; vraag het detail op van de eerste twee",
          "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 15, "rijbewijzen": ["C"]}},
          "details": 2
        },
        {
          "nummer": 2,
          "omschrijving": "Zoek vacatures binnen 15 km van 8881AA vanaf mbo-niveau, zonder onregelmatig werk",
          "zoek": {"vacatures": {"postcode": "8881AA", "afstand": 15,
                                 "werkEnDenkniveau": {"minstens": 4}, "onregelmatigWerk": false}}
        }
      ]
    }"#;

    #[test]
    fn the_example_of_the_module_docs_reads_and_writes_back() {
        let lijst = Takenlijst::lees(VOORBEELD).unwrap();
        assert_eq!(lijst.taken.len(), 2);
        assert_eq!(lijst.taken[0].details, 2);
        let Zoekopdracht::Werkzoekenden(wz) = &lijst.taken[0].zoek else {
            panic!("werkzoekenden")
        };
        assert_eq!(wz.rijbewijzen, [SoortRijbewijs::C]);
        let Zoekopdracht::Vacatures(vac) = &lijst.taken[1].zoek else {
            panic!("vacatures")
        };
        assert_eq!(vac.werk_en_denkniveau, Some(Niveaueis::Minstens(4)));
        assert_eq!(vac.onregelmatig_werk, Some(false));
        assert_eq!(Takenlijst::lees(&lijst.naar_json()).unwrap(), lijst);
    }

    fn fout(tekst: &str) -> String {
        Takenlijst::lees(tekst).unwrap_err().to_string()
    }

    fn met_zoek(zoek: &str) -> String {
        format!(
            r#"{{"versie": 1, "taken": [
                {{"nummer": 1, "omschrijving": "een", "zoek": {{"werkzoekenden": {{"postcode": "1791AA", "afstand": 2}}}}}},
                {{"nummer": 7, "omschrijving": "zeven", "zoek": {zoek}}}
            ]}}"#
        )
    }

    #[test]
    fn an_error_names_the_task_and_the_field_in_dutch() {
        let cases = [
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "rijbewijs": ["C"]}}"#,
                "taak 7, veld zoek.werkzoekenden.rijbewijs: onbekend veld",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA"}}"#,
                "taak 7, veld zoek.werkzoekenden.afstand: ontbreekt",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": "ver"}}"#,
                "taak 7, veld zoek.werkzoekenden.afstand: verwacht een geheel getal",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 1000}}"#,
                "taak 7, veld zoek.werkzoekenden.afstand: 1000 km is meer dan",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791 AA", "afstand": 2}}"#,
                "taak 7, veld zoek.werkzoekenden.postcode: \"1791 AA\" is geen postcode",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "rijbewijzen": ["Z"]}}"#,
                "taak 7, veld zoek.werkzoekenden.rijbewijzen[0]: \"Z\" is geen code van codeSoortRijbewijs",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "talen": [{"taal": "NL"}]}}"#,
                "taak 7, veld zoek.werkzoekenden.talen[0].taal: \"NL\" is geen taalcode",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "talen": [{"taal": "nld", "mondeling": "vloeiend"}]}}"#,
                "taak 7, veld zoek.werkzoekenden.talen[0].mondeling: onbekende waarde \"vloeiend\"; kies uit redelijk, goed, uitstekend",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "beschikbaarUiterlijk": "2026-02-30"}}"#,
                "taak 7, veld zoek.werkzoekenden.beschikbaarUiterlijk: \"2026-02-30\" is geen datum",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "urenPerWeek": {"van": 40, "tot": 32}}}"#,
                "taak 7, veld zoek.werkzoekenden.urenPerWeek: van (40) is meer dan tot (32)",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "kantoortijden": "ja"}}"#,
                "taak 7, veld zoek.werkzoekenden.kantoortijden: verwacht true of false",
            ),
            (
                r#"{"vacatures": {"postcode": "8881AA", "afstand": 2, "kantoortijden": true}}"#,
                "taak 7, veld zoek.vacatures.kantoortijden: onbekend veld",
            ),
            (
                r#"{"vacatures": {"postcode": "8881AA", "afstand": 2, "werkEnDenkniveau": {"minstens": 7}}}"#,
                "taak 7, veld zoek.vacatures.werkEnDenkniveau.minstens: 7 is geen bekend niveau",
            ),
            (
                r#"{"profielen": {"postcode": "8881AA", "afstand": 2}}"#,
                "taak 7, veld zoek: onbekende waarde \"profielen\"; kies uit werkzoekenden of vacatures",
            ),
            (
                r#"{"werkzoekenden": {"postcode": "1791AA", "afstand": 2, "competentie": "https://linkeddata.competentnl.nl/uwv/id/skill/1"}}"#,
                "taak 7, veld zoek.werkzoekenden.competentie: interfaceversie 3.0.0 kent het criterium competenties niet",
            ),
        ];
        for (zoek, verwacht) in cases {
            let melding = fout(&met_zoek(zoek));
            assert!(melding.starts_with(verwacht), "{zoek}\n{melding}");
            for engels in ["invalid", "expected", "missing", "unknown field", "Error("] {
                assert!(!melding.contains(engels), "{melding}");
            }
        }
    }

    #[test]
    fn errors_of_the_list_itself() {
        assert!(fout("{").starts_with("geen JSON: regel 1, kolom 1"));
        assert!(
            fout(r#"{"versie": 2, "taken": []}"#).starts_with("veld versie: formaatversie 2"),
            "{}",
            fout(r#"{"versie": 2, "taken": []}"#)
        );
        assert!(fout(r#"{"versie": 1, "taken": []}"#).contains("geen taken"));
        assert!(
            fout(r#"{"versie": 1, "taken": [], "extra": 1}"#)
                .starts_with("veld extra: onbekend veld")
        );
        assert!(fout(r#"{"taken": []}"#).starts_with("veld versie: ontbreekt"));
        let dubbel = r#"{"versie": 1, "taken": [
            {"nummer": 3, "omschrijving": "a", "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}},
            {"nummer": 3, "omschrijving": "b", "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}}
        ]}"#;
        assert_eq!(
            fout(dubbel),
            "taak 3, veld nummer: nummer 3 komt al eerder in de lijst voor"
        );
        let zonder_nummer = r#"{"versie": 1, "taken": [{"omschrijving": "a", "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 2}}}]}"#;
        assert_eq!(
            fout(zonder_nummer),
            "de 1e taak in de lijst, veld nummer: ontbreekt"
        );
        let onbekende_versie = r#"{"versie": 1, "berichtVersie": "9.9.9", "taken": []}"#;
        assert!(fout(onbekende_versie).starts_with("veld berichtVersie: "));
    }

    #[test]
    fn competences_need_a_version_that_has_them() {
        let lijst = r#"{"versie": 1, "berichtVersie": "3.1.0", "taken": [
            {"nummer": 1, "omschrijving": "a", "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 15,
             "competentie": "https://linkeddata.competentnl.nl/uwv/id/skill/176C167229"}}}]}"#;
        let lijst = Takenlijst::lees(lijst).unwrap();
        assert_eq!(lijst.bericht_versie.as_deref(), Some("3.1.0"));
    }

    #[test]
    fn a_search_reads_as_a_dutch_sentence() {
        let lijst = Takenlijst::lees(VOORBEELD).unwrap();
        assert_eq!(
            lijst.taken[0].zoek.to_string(),
            "werkzoekenden binnen 15 km van 1791AA, met rijbewijs C"
        );
        assert_eq!(
            lijst.taken[1].zoek.to_string(),
            "vacatures binnen 15 km van 8881AA, met een bekend werk- en denkniveau van minstens 4 \
             (mbo/havo/vwo-niveau), zonder onregelmatig werk of ploegendienst"
        );
    }
}
