//! The data-quality score card (*kwaliteitstafel*): how complete (*volledig*), reliable
//! (*betrouwbaar*) and current (*actueel*) a set of profiles is, per kind, as three scores 0–100
//! with the counts behind them.
//!
//! The card holds aggregates only: counts, weights, thresholds and dates of the measurement. It
//! never holds an id, a field value or anything else of one profile. The library does no IO: it
//! takes parsed documents (the detail form, `Werkzoekende` or `Vacature`, as [`Value`]s) and a
//! reference date (*peildatum*); the `vum-spec kwaliteit` command reads the files.
//!
//! ```
//! use serde_json::json;
//! use vum_spec::kwaliteit::{Instellingen, Kalenderdatum, Rapport, Kind, meet};
//!
//! let peildatum: Kalenderdatum = "2026-12-01".parse()?;
//! let instellingen = Instellingen::standaard(peildatum);
//! let profielen = [json!({"idWerkzoekende": "a", "mobiliteit": {"bemiddelingspostcode": "1011AB"}})];
//! let kaart = meet(Kind::Werkzoekende, &profielen, &instellingen)?;
//! assert_eq!(kaart.volledig.score, Some(30.0));
//! let rapport = Rapport::new(&instellingen, peildatum, vec![kaart]);
//! assert!(rapport.json().contains("\"schema\": \"vum-kwaliteit/1\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every score is a weighted share: `score = Σ gewicht × deel`, the weights of a score adding up
//! to 100, where `deel` is the share of the profiles that have the field filled (volledig) or
//! pass the rule (betrouwbaar, actueel). Every rule is counted over all profiles: a profile
//! without the field a rule reads passes it (absence costs points in volledig only). Scores are
//! rounded to one decimal; with no profiles they are `null`.
//!
//! # Volledig: the searchable fields
//!
//! The fields the selection question of the standard can select on ([`crate::vraag`]), each
//! filled when it holds a non-empty value (for arrays: one element with the field; an empty value
//! means absent). A question's criterion on an empty field never matches (§4.4: a comparison on a
//! missing field is false), so an empty field hides the profile from every question that uses
//! that criterion. The weight says how much the standard's questions lean on the field:
//!
//! | kind | field (criterion) | weight | why |
//! |---|---|---|---|
//! | both | `mobiliteit.bemiddelingspostcode` / `adres.postcode` (`selectiegebied`) | 30 | the one required criterion: in every question, so a profile without it is never found |
//! | werkzoekende | `bemiddelingsberoep[].codeBeroepsnaam` | 15 | the occupation is what a mediator asks for first |
//! | vacature | `beroep.codeBeroepsnaam` | 20 | idem, and a vacancy has exactly one occupation, so nothing else stands in for it |
//! | werkzoekende | `flexibiliteit.datumAanvangBeschikbaarVoorWerk` | 10 | available when? asked for every placement, new criterion of 3.0.0 |
//! | vacature | `codeWerkEnDenkniveauMinimaal` | 10 | the level, the vacancy's main requirement after the occupation |
//! | vacature | `arbeidsVoorwaarden.datumAanvangWerkzaamheden` | 8 | the start date, mirror of the job seeker's availability |
//! | both | `werktijden.aantalWerkurenPerWeekMaximaal`, `…Minimaal` | 8 + 8 | hours are asked as a pair (the overlap rule of the 2.0.0 release notes; the standard's example question uses both) |
//! | werkzoekende | `contractvorm[].codeTypeArbeidscontract` | 8 | in the standard's example question |
//! | werkzoekende | `arbeidsmarktkwalificatie.taalbeheersing[].codeTaal` | 7 | in the example question; languages are a frequent hard requirement |
//! | vacature | `taalbeheersing[].codeTaal` | 6 | idem, but a vacancy without a language requirement is common |
//! | both | `rijbewijs[].codeSoortRijbewijs` (job seeker: under `arbeidsmarktkwalificatie`) | 6 | relevant for part of the occupations; an empty list also stands for "none", which the standard cannot say otherwise |
//! | both | `flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst` | 4 | a narrow yes/no filter; `0` (onbekend) counts as empty, as a question can only ask for 1 or 2 |
//! | werkzoekende | `werktijden.indicatieKantoortijden` | 4 | idem |
//!
//! Werkzoekende: 30 + 15 + 10 + 8 + 8 + 8 + 7 + 6 + 4 + 4 = 100. Vacature: 30 + 20 + 10 + 8 + 8
//! + 8 + 6 + 6 + 4 = 100. A test checks that the fields are exactly the criteria of the question.
//!
//! # Betrouwbaar: rules
//!
//! | rule | weight | a profile fails it when | parts counted |
//! |---|---|---|---|
//! | `postcode` | 20 | its postcode is malformed or its PC4 is not in the centroid table ([`crate::geo`]): the profile is found in the wrong place or nowhere | `ongeldig`, `onbekendPc4` |
//! | `identificatoren` | 20 | a free-text field holds a BSN, Dutch IBAN, e-mail address or phone number ([`crate::identificatoren`]); personal data where the standard has none (contact fields are meant for it and are not read) | `bsn`, `iban`, `emailadres`, `telefoonnummer` |
//! | `codes` | 15 | a coded value is not in its code list ([`crate::codes`]), a bounded number is out of range, or a language or education code is malformed: a criterion on it never matches | per field path |
//! | `beroepscodes` | 15 | an occupation code is not a CompetentNL occupation URI in form (`https://linkeddata.competentnl.nl/<publisher>/id/occupation/<id>`): no 3.0.0 question can ask for it | per field path |
//! | `datums` | 15 | a date is not a date, lies before 1900, lies more than 10 years after the reference date, is birth-like (an availability, start, end or closing date 15 years or more before the reference date, where the standard has no birth date at all), or an end lies before its start | `ongeldig`, `voor1900`, `verreToekomst`, `geboortedatumachtig`, `eindeVoorAanvang` |
//! | `sleutel` | 10 | its id is missing, not URL-safe, or the same as an earlier profile's: its detail cannot be fetched, or not unambiguously | `ontbreekt`, `ongeldig`, `dubbel` |
//! | `dubbeleInhoud` | 5 | it has the same content (empty values ignored, array order ignored) as an earlier profile under another id: the same person or vacancy counts twice | — |
//!
//! 20 + 20 + 15 + 15 + 15 + 10 + 5 = 100. The card also gives the number of profiles that pass
//! every rule (`zonderBevinding`).
//!
//! # Actueel: rules
//!
//! The data model of 3.0.0 has no mutation or registration date: neither [`crate::werkzoekende`]
//! nor [`crate::vacature`] has a field that says when a profile was made or changed. As a proxy
//! for the age of the last change the card uses the **newest plausible date the profile holds**
//! (any date field, not before 1900 and not far future): a profile whose newest known event is
//! long past has most likely not been kept up to date. It errs on one side: a recently edited
//! profile that holds nothing but old history counts as old.
//!
//! | rule | weight | a profile fails it when | threshold (default) |
//! |---|---|---|---|
//! | `laatsteDatum` | 40 | its newest plausible date lies more than the threshold before the reference date, or it has no date at all (currency cannot be shown) | [`VEROUDERD_NA_DAGEN`] (365 days) |
//! | `aanvang` | 30 | the date availability or the work starts (`flexibiliteit.datumAanvangBeschikbaarVoorWerk`, `arbeidsVoorwaarden.datumAanvangWerkzaamheden`) lies more than the threshold before the reference date | [`VEROUDERD_NA_DAGEN`] (365 days) |
//! | `einde` | 30 | an end or closing date (`flexibiliteit.datumEindeBeschikbaarVoorWerk`; vacancy also `sluitingsdatumVacature`, `arbeidsVoorwaarden.datumEindeWerkzaamheden`) has passed by more than the margin | [`EINDDATUM_MARGE_DAGEN`] (0 days) |
//!
//! 40 + 30 + 30 = 100. The card adds the (lower) median age in days of the newest date.
//!
//! # Input that cannot be scored
//!
//! The card measures values, not shapes: a record that is not an object, a container of the
//! wrong JSON type (a string where `mobiliteit` must be an object) or a record of the other kind
//! is an error naming the record and the field ([`KwaliteitFout`]). Wrong leaf values (a number
//! where a code belongs) are findings. Fields the standard does not have are not read; whether a
//! document fits its schema is `vum-spec validate`'s question.

mod datum;
mod kaart;
mod meting;
mod pad;
mod regels;
mod velden;

use std::borrow::Borrow;

use serde_json::Value;

pub use crate::Kind;

pub use datum::{Kalenderdatum, OngeldigeDatum};
pub use kaart::{
    Actueel, Betrouwbaar, Rapport, Regeluitslag, SCHEMA, Scorekaart, Volledig, Vulgraad,
};
pub use meting::Meting;
pub use pad::{Vorm, Vormfout};

/// Default of [`Instellingen::verouderd_na_dagen`].
pub const VEROUDERD_NA_DAGEN: u32 = 365;
/// Default of [`Instellingen::einddatum_marge_dagen`].
pub const EINDDATUM_MARGE_DAGEN: u32 = 0;
/// Default of [`Instellingen::verre_toekomst_jaren`].
pub const VERRE_TOEKOMST_JAREN: u32 = 10;
/// Default of [`Instellingen::geboortedatum_jaren`].
pub const GEBOORTEDATUM_JAREN: u32 = 15;
/// The earliest plausible year of any date.
pub const VROEGSTE_JAAR: i32 = 1900;

/// The reference date and the thresholds of a measurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instellingen {
    /// The date the card judges currency against.
    pub peildatum: Kalenderdatum,
    /// A start date or newest date more than this many days before the reference date is old.
    pub verouderd_na_dagen: u32,
    /// An end or closing date passed by more than this many days has expired.
    pub einddatum_marge_dagen: u32,
    /// A date more than this many years after the reference date is implausible.
    pub verre_toekomst_jaren: u32,
    /// An availability, start, end or closing date this many years or more before the reference
    /// date is birth-like.
    pub geboortedatum_jaren: u32,
}

impl Instellingen {
    /// The defaults ([`VEROUDERD_NA_DAGEN`], …) at a reference date.
    pub fn standaard(peildatum: Kalenderdatum) -> Self {
        Self {
            peildatum,
            verouderd_na_dagen: VEROUDERD_NA_DAGEN,
            einddatum_marge_dagen: EINDDATUM_MARGE_DAGEN,
            verre_toekomst_jaren: VERRE_TOEKOMST_JAREN,
            geboortedatum_jaren: GEBOORTEDATUM_JAREN,
        }
    }
}

/// Why one document cannot be scored.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocumentFout {
    /// The record is not a JSON object.
    #[error("het record is geen object maar {0}")]
    GeenObject(Vorm),
    /// A container of the wrong type.
    #[error(transparent)]
    Vorm(#[from] Vormfout),
    /// The record carries the other kind's id field.
    #[error("het record is een {gevonden} (veld {veld}), geen {verwacht}")]
    AndereSoort {
        /// The kind being measured.
        verwacht: Kind,
        /// The kind the record is.
        gevonden: Kind,
        /// The id field that says so.
        veld: &'static str,
    },
}

/// A document that cannot be scored, with its 1-based record number in the input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("record {record}: {fout}")]
pub struct KwaliteitFout {
    /// 1-based position of the record in the input.
    pub record: usize,
    /// What is wrong with it.
    pub fout: DocumentFout,
}

/// The score card of one kind over `documenten`, which are all of that kind.
pub fn meet<I>(
    soort: Kind,
    documenten: I,
    instellingen: &Instellingen,
) -> Result<Scorekaart, KwaliteitFout>
where
    I: IntoIterator,
    I::Item: Borrow<Value>,
{
    let mut meting = Meting::new(soort, *instellingen);
    for (index, document) in documenten.into_iter().enumerate() {
        meting
            .voeg_toe(document.borrow())
            .map_err(|fout| KwaliteitFout {
                record: index + 1,
                fout,
            })?;
    }
    Ok(meting.scorekaart())
}
