//! The selection question (`vraagObject`): MongoDB-style criteria on the matching profile.
//!
//! On the wire a question is an open JSON object. Every struct here models the criteria and
//! operators that interface version 3.0.0 supports, and keeps everything else in its `overige`
//! map: unknown criteria, unknown operators and unknown keys inside known criteria validate and
//! survive a round trip unchanged (the forward-compatibility rule). A source applies the known
//! criteria and ignores the rest, so an answer may be broader than asked, never narrower.
//!
//! # Criteria whose upstream path does not fit the data
//!
//! Three criteria of the 3.0.0 contracts name a path that the matching profile does not have.
//! The wire keys stay exactly as the standard spells them; this crate applies each to the field it
//! obviously means, and says so in the schema with the annotation `x-vum-veld` (the field path the
//! criterion is evaluated on, relative to the object the criterion stands in; the contract lint
//! reads it from the schema, and the reference node's selection applies the same mapping):
//!
//! | question | wire key | applied to |
//! |---|---|---|
//! | werkzoekende | `datumAanvangBeschikbaarVoorWerk` (root level) | `flexibiliteit.datumAanvangBeschikbaarVoorWerk` |
//! | werkzoekende | `bemiddelingsberoep` → `$elemMatch` → `$or` → `beroep.codeBeroepsnaam` | `codeBeroepsnaam` of the `bemiddelingsberoep` element |
//! | vacature | `datumAanvangWerkzaamheden` (root level) | `arbeidsVoorwaarden.datumAanvangWerkzaamheden` |
//!
//! `selectiegebied` is the standard's one deliberate deviation from MongoDB: not a field path but a
//! distance rule around the profile's postcode (`mobiliteit.bemiddelingspostcode` for job seekers,
//! `adres.postcode` for vacancies), annotated the same way.
//!
//! # Criteria of a later version
//!
//! A criterion a later version introduces is a field marked with the version that introduced it
//! (`x-vum-sinds`, see [`crate::schema`]): the schemas of earlier versions leave it out, so there it
//! is an unknown criterion that validates whatever its shape. Its type is wrapped in
//! [`LaterCriterium`], so that reading a question never fails on it either; [`voor_versie`] moves
//! the criteria a version does not know into `overige`, which is how a node of that version must
//! read a question (it ignores them). Today: `competenties` (3.1.0) on the job-seeker question,
//! applied to `arbeidsmarktkwalificatie.competentiebeheersing`.

use std::collections::BTreeMap;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codes::{
    JaNee, NiveauTaalbeheersingKeuze, SoortRijbewijs, TypeArbeidscontract, WerkEnDenkniveauKeuze,
};
use crate::primitives::{Date, Postcode, TaalCode, Uri};
use crate::schema::SINDS_ANNOTATIE;
use crate::versie::{Versie, Versienummer};

/// Keys and values of a question that this version does not know, kept for the round trip.
pub type Overige = BTreeMap<String, Value>;

/// The annotation keyword that names the field a criterion is evaluated on.
pub const VELD_ANNOTATIE: &str = "x-vum-veld";

/// Zoekvraag naar werkzoekenden (`MPWerkzoekende`). Only `selectiegebied` is required.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "MPWerkzoekende")]
pub struct WerkzoekendeVraag {
    /// Het gebied: postcode en afstand in kilometers.
    #[serde(rename = "selectiegebied")]
    #[schemars(extend("x-vum-veld" = "mobiliteit.bemiddelingspostcode"))]
    pub selectiegebied: Selectiegebied,
    /// Minstens één bemiddelingsberoep met een van de gegeven codes.
    #[serde(rename = "bemiddelingsberoep", skip_serializing_if = "Option::is_none")]
    pub bemiddelingsberoep: Option<BemiddelingsberoepSelectie>,
    /// Minstens één contractvorm met een van de gegeven typen arbeidscontract.
    #[serde(rename = "contractvorm", skip_serializing_if = "Option::is_none")]
    pub contractvorm: Option<ContractvormSelectie>,
    /// Bereid tot onregelmatig werk of ploegendienst.
    #[serde(
        rename = "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
        skip_serializing_if = "Option::is_none"
    )]
    pub onregelmatig_werk_of_ploegendienst: Option<IndicatieSelectie>,
    /// Elk gegeven rijbewijs.
    #[serde(
        rename = "arbeidsmarktkwalificatie.rijbewijs",
        skip_serializing_if = "Option::is_none"
    )]
    pub rijbewijs: Option<RijbewijsSelectie>,
    /// Elke gegeven taal, met minimaal de gegeven niveaus.
    #[serde(
        rename = "arbeidsmarktkwalificatie.taalbeheersing",
        skip_serializing_if = "Option::is_none"
    )]
    pub taalbeheersing: Option<TaalbeheersingenSelectie>,
    /// Beschikbaar voor werk uiterlijk op de gegeven datum.
    #[serde(
        rename = "datumAanvangBeschikbaarVoorWerk",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("x-vum-veld" = "flexibiliteit.datumAanvangBeschikbaarVoorWerk"))]
    pub datum_aanvang_beschikbaar_voor_werk: Option<DatumUiterlijkSelectie>,
    /// Werken binnen kantoortijden.
    #[serde(
        rename = "werktijden.indicatieKantoortijden",
        skip_serializing_if = "Option::is_none"
    )]
    pub kantoortijden: Option<IndicatieSelectie>,
    /// Maximaal aantal werkuren per week minstens dit aantal.
    #[serde(
        rename = "werktijden.aantalWerkurenPerWeekMaximaal",
        skip_serializing_if = "Option::is_none"
    )]
    pub aantal_werkuren_maximaal: Option<AantalWerkurenMaximaalSelectie>,
    /// Minimaal aantal werkuren per week hoogstens dit aantal.
    #[serde(
        rename = "werktijden.aantalWerkurenPerWeekMinimaal",
        skip_serializing_if = "Option::is_none"
    )]
    pub aantal_werkuren_minimaal: Option<AantalWerkurenMinimaalSelectie>,
    /// Minstens één competentie (CompetentNL) met de gegeven code.
    #[serde(
        rename = "competenties",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend(
        "x-vum-sinds" = "3.1.0",
        "x-vum-veld" = "arbeidsmarktkwalificatie.competentiebeheersing"
    ))]
    pub competenties: Option<LaterCriterium<CompetentiesSelectie>>,
    /// Criteria die deze versie niet kent.
    #[serde(flatten)]
    pub overige: Overige,
}

impl WerkzoekendeVraag {
    /// A question with only a `selectiegebied`.
    pub fn in_gebied(selectiegebied: Selectiegebied) -> Self {
        Self {
            selectiegebied,
            bemiddelingsberoep: None,
            contractvorm: None,
            onregelmatig_werk_of_ploegendienst: None,
            rijbewijs: None,
            taalbeheersing: None,
            datum_aanvang_beschikbaar_voor_werk: None,
            kantoortijden: None,
            aantal_werkuren_maximaal: None,
            aantal_werkuren_minimaal: None,
            competenties: None,
            overige: Overige::new(),
        }
    }

    /// The `competenties` criterion (3.1.0), when it has its shape.
    pub fn competenties(&self) -> Option<&CompetentiesSelectie> {
        match &self.competenties {
            Some(LaterCriterium::Getypeerd(selectie)) => Some(selectie),
            _ => None,
        }
    }

    /// The question as a node of `versie` reads it (see [`voor_versie`]).
    pub fn voor_versie(self, versie: &Versie) -> Result<Self, serde_json::Error> {
        voor_versie(self, versie)
    }
}

/// Zoekvraag naar vacatures (`MPVacature`). Only `selectiegebied` is required.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "MPVacature")]
pub struct VacatureVraag {
    /// Het gebied: postcode en afstand in kilometers.
    #[serde(rename = "selectiegebied")]
    #[schemars(extend("x-vum-veld" = "adres.postcode"))]
    pub selectiegebied: Selectiegebied,
    /// Het beroep.
    #[serde(
        rename = "beroep.codeBeroepsnaam",
        skip_serializing_if = "Option::is_none"
    )]
    pub beroep: Option<CodeBeroepsnaamSelectie>,
    /// Het minimale werk- en denkniveau: een bekend niveau vanaf een grens, of "(nog) niet bekend".
    #[serde(
        rename = "codeWerkEnDenkniveauMinimaal",
        skip_serializing_if = "Option::is_none"
    )]
    pub werk_en_denkniveau: Option<WerkEnDenkniveauSelectie>,
    /// Aanvang van de werkzaamheden op of na de gegeven datum.
    #[serde(
        rename = "datumAanvangWerkzaamheden",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("x-vum-veld" = "arbeidsVoorwaarden.datumAanvangWerkzaamheden"))]
    pub datum_aanvang_werkzaamheden: Option<DatumVanafSelectie>,
    /// Onregelmatig werk of ploegendienst.
    #[serde(
        rename = "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
        skip_serializing_if = "Option::is_none"
    )]
    pub onregelmatig_werk_of_ploegendienst: Option<IndicatieSelectie>,
    /// Elk gegeven rijbewijs wordt gevraagd.
    #[serde(rename = "rijbewijs", skip_serializing_if = "Option::is_none")]
    pub rijbewijs: Option<RijbewijsSelectie>,
    /// Elke gegeven taal wordt gevraagd, op minimaal de gegeven niveaus.
    #[serde(rename = "taalbeheersing", skip_serializing_if = "Option::is_none")]
    pub taalbeheersing: Option<TaalbeheersingenSelectie>,
    /// Maximaal aantal werkuren per week minstens dit aantal.
    #[serde(
        rename = "werktijden.aantalWerkurenPerWeekMaximaal",
        skip_serializing_if = "Option::is_none"
    )]
    pub aantal_werkuren_maximaal: Option<AantalWerkurenMaximaalSelectie>,
    /// Minimaal aantal werkuren per week hoogstens dit aantal.
    #[serde(
        rename = "werktijden.aantalWerkurenPerWeekMinimaal",
        skip_serializing_if = "Option::is_none"
    )]
    pub aantal_werkuren_minimaal: Option<AantalWerkurenMinimaalSelectie>,
    /// Criteria die deze versie niet kent.
    #[serde(flatten)]
    pub overige: Overige,
}

impl VacatureVraag {
    /// The question as a node of `versie` reads it (see [`voor_versie`]).
    pub fn voor_versie(self, versie: &Versie) -> Result<Self, serde_json::Error> {
        voor_versie(self, versie)
    }
}

/// A question type: open, with its unknown criteria in `overige`.
pub trait Vraag: Serialize + DeserializeOwned + JsonSchema {
    /// Its unknown criteria.
    fn overige_mut(&mut self) -> &mut Overige;
}

impl Vraag for WerkzoekendeVraag {
    fn overige_mut(&mut self) -> &mut Overige {
        &mut self.overige
    }
}

impl Vraag for VacatureVraag {
    fn overige_mut(&mut self) -> &mut Overige {
        &mut self.overige
    }
}

/// The criteria of a question type that a version does not know: the properties of its schema
/// marked [`SINDS_ANNOTATIE`] with a later version, by wire name.
pub fn later_criteria<V: JsonSchema>(versie: Versienummer) -> Vec<String> {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<V>();
    let Some(Value::Object(properties)) = schema.get("properties") else {
        return Vec::new();
    };
    properties
        .iter()
        .filter(|(_, property)| {
            property
                .get(SINDS_ANNOTATIE)
                .and_then(Value::as_str)
                .and_then(|sinds| sinds.parse::<Versienummer>().ok())
                .is_some_and(|sinds| sinds > versie)
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// A question as a node of `versie` must read it: every criterion introduced after the version
/// moves, exactly as sent, into `overige` (an unknown criterion, ignored); the rest is unchanged.
/// Fails only if the question's own wire form does not read back, which a question read by serde
/// always does.
pub fn voor_versie<V: Vraag>(vraag: V, versie: &Versie) -> Result<V, serde_json::Error> {
    let later = later_criteria::<V>(versie.nummer);
    if later.is_empty() {
        return Ok(vraag);
    }
    let mut wire = match serde_json::to_value(&vraag)? {
        Value::Object(members) => members,
        _ => return Ok(vraag),
    };
    let moved: Vec<(String, Value)> = later
        .into_iter()
        .filter_map(|key| wire.remove(&key).map(|value| (key, value)))
        .collect();
    if moved.is_empty() {
        return Ok(vraag);
    }
    let mut read: V = serde_json::from_value(Value::Object(wire))?;
    read.overige_mut().extend(moved);
    Ok(read)
}

/// A criterion of a later version than some nodes speak, as read from the wire: in its shape, or
/// kept as sent. A node of an earlier version has it in `overige` after [`voor_versie`]; a node of
/// its own version validates the question first, so it only meets [`LaterCriterium::Getypeerd`].
/// Its schema is that of `T`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LaterCriterium<T> {
    /// In the shape of the version that introduced it.
    Getypeerd(T),
    /// In another shape.
    Anders(Value),
}

impl<T: JsonSchema> JsonSchema for LaterCriterium<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// `competenties` (sinds 3.1.0): `{"$elemMatch": {"codeCompetentie": {"$eq": URI}}}`, minstens één
/// competentie met de gegeven CompetentNL-code. Inline in the schema, so that a version without
/// it has no trace of it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(inline)]
pub struct CompetentiesSelectie {
    /// Minstens één competentie voldoet.
    #[serde(rename = "$elemMatch", skip_serializing_if = "Option::is_none")]
    pub elem_match: Option<CompetentieElemMatch>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

impl CompetentiesSelectie {
    /// A competence with this CompetentNL code.
    pub fn met_code(code: Uri) -> Self {
        Self {
            elem_match: Some(CompetentieElemMatch {
                code_competentie: Some(CodeCompetentieSelectie {
                    eq: Some(code),
                    overige: Overige::new(),
                }),
                overige: Overige::new(),
            }),
            overige: Overige::new(),
        }
    }

    /// The code asked for, if the criterion has one.
    pub fn code(&self) -> Option<&Uri> {
        self.elem_match
            .as_ref()?
            .code_competentie
            .as_ref()?
            .eq
            .as_ref()
    }
}

/// The `$elemMatch` of `competenties`: a condition on one element of `competentiebeheersing`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(inline)]
pub struct CompetentieElemMatch {
    /// De code van de competentie.
    #[serde(rename = "codeCompetentie", skip_serializing_if = "Option::is_none")]
    pub code_competentie: Option<CodeCompetentieSelectie>,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

/// Gelijk aan een competentiecode.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(inline)]
pub struct CodeCompetentieSelectie {
    /// `$eq`: de CompetentNL-URI van de competentie.
    #[serde(rename = "$eq", skip_serializing_if = "Option::is_none")]
    pub eq: Option<Uri>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

/// Selectiegebied: profielen binnen `afstand` kilometer van `postcode`
/// (`selectiegebied_selectie`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "selectiegebied_selectie")]
pub struct Selectiegebied {
    /// De afstand in kilometers (0–999).
    #[schemars(range(min = 0, max = 999))]
    pub afstand: u16,
    /// De postcode van het middelpunt.
    pub postcode: Postcode,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

impl Selectiegebied {
    /// A region of `afstand` km around `postcode`.
    pub fn new(postcode: impl Into<Postcode>, afstand: u16) -> Self {
        Self {
            afstand,
            postcode: postcode.into(),
            overige: Overige::new(),
        }
    }
}

macro_rules! operator_selectie {
    ($(#[$doc:meta])* $name:ident as $schema_name:literal { $(#[$op_doc:meta])* $op:literal $field:ident: $ty:ty $(, $($attr:tt)*)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[schemars(rename = $schema_name)]
        pub struct $name {
            $(#[$op_doc])*
            #[serde(rename = $op, skip_serializing_if = "Option::is_none")]
            $(#[schemars($($attr)*)])?
            pub $field: Option<$ty>,
            /// Onbekende operatoren.
            #[serde(flatten)]
            pub overige: Overige,
        }

        impl $name {
            /// The criterion with just this operator.
            pub fn new(value: $ty) -> Self {
                Self { $field: Some(value), overige: Overige::new() }
            }
        }
    };
}

operator_selectie! {
    /// Gelijk aan een indicatie ja (1) of nee (2)
    /// (`indicatieOnregelmatigWerkOfPloegendienst_selectie`, `indicatieKantoortijden_selectie`).
    IndicatieSelectie as "indicatie_selectie" {
        /// `$eq`: 1 = ja, 2 = nee.
        "$eq" eq: JaNee
    }
}

operator_selectie! {
    /// Gelijk aan een beroepscode (`codeBeroepsnaam_selectie`).
    CodeBeroepsnaamSelectie as "codeBeroepsnaam_selectie" {
        /// `$eq`: de CompetentNL-URI van het beroep.
        "$eq" eq: Uri
    }
}

operator_selectie! {
    /// Datum uiterlijk (`datumAanvangBeschikbaarVoorWerk_selectie`).
    DatumUiterlijkSelectie as "datumAanvangBeschikbaarVoorWerk_selectie" {
        /// `$lte`: de datum.
        "$lte" lte: Date
    }
}

operator_selectie! {
    /// Datum op of na (`datumAanvangWerkzaamheden_selectie`).
    DatumVanafSelectie as "datumAanvangWerkzaamheden_selectie" {
        /// `$gte`: de datum.
        "$gte" gte: Date
    }
}

operator_selectie! {
    /// Maximaal aantal werkuren per week minstens (`aantalWerkurenPerWeekMaximaal_selectie`).
    AantalWerkurenMaximaalSelectie as "aantalWerkurenPerWeekMaximaal_selectie" {
        /// `$gte`: 1–99 uur.
        "$gte" gte: u8, range(min = 1, max = 99)
    }
}

operator_selectie! {
    /// Minimaal aantal werkuren per week hoogstens (`aantalWerkurenPerWeekMinimaal_selectie`).
    AantalWerkurenMinimaalSelectie as "aantalWerkurenPerWeekMinimaal_selectie" {
        /// `$lte`: 1–99 uur.
        "$lte" lte: u8, range(min = 1, max = 99)
    }
}

operator_selectie! {
    /// Gelijk aan een type arbeidscontract.
    TypeArbeidscontractGelijk as "codeTypeArbeidscontract_eq" {
        /// `$eq`: O = onbepaalde tijd, B = bepaalde tijd.
        "$eq" eq: TypeArbeidscontract
    }
}

operator_selectie! {
    /// Gelijk aan een rijbewijscategorie (`codeSoortRijbewijs_selectie`).
    SoortRijbewijsSelectie as "codeSoortRijbewijs_selectie" {
        /// `$eq`: de categorie.
        "$eq" eq: SoortRijbewijs
    }
}

operator_selectie! {
    /// Gelijk aan een taal (`codeTaal_selectie`).
    CodeTaalSelectie as "codeTaal_selectie" {
        /// `$eq`: ISO 639-3.
        "$eq" eq: TaalCode
    }
}

operator_selectie! {
    /// Niveau minstens (`codeNiveauTaalbeheersing_selectie`).
    NiveauTaalbeheersingSelectie as "codeNiveauTaalbeheersing_selectie" {
        /// `$gte`: 2 redelijk, 3 goed, 4 uitstekend.
        "$gte" gte: NiveauTaalbeheersingKeuze
    }
}

/// `bemiddelingsberoep`: `{"$elemMatch": {"$or": [ … ]}}` (`bemiddelingsberoep_selectie`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "bemiddelingsberoep_selectie")]
pub struct BemiddelingsberoepSelectie {
    /// Minstens één element voldoet.
    #[serde(rename = "$elemMatch", skip_serializing_if = "Option::is_none")]
    pub elem_match: Option<BemiddelingsberoepElemMatch>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

impl BemiddelingsberoepSelectie {
    /// Any of these occupation codes.
    pub fn een_van<I: IntoIterator<Item = Uri>>(codes: I) -> Self {
        let or = codes
            .into_iter()
            .map(|code| BeroepsnaamSelectie {
                code_beroepsnaam: Some(CodeBeroepsnaamSelectie::new(code)),
                overige: Overige::new(),
            })
            .collect();
        Self {
            elem_match: Some(BemiddelingsberoepElemMatch {
                or: Some(or),
                overige: Overige::new(),
            }),
            overige: Overige::new(),
        }
    }
}

/// The `$elemMatch` of `bemiddelingsberoep`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "bemiddelingsberoep_elemMatch")]
pub struct BemiddelingsberoepElemMatch {
    /// Het element voldoet aan een van de alternatieven.
    #[serde(rename = "$or", skip_serializing_if = "Option::is_none")]
    pub or: Option<Vec<BeroepsnaamSelectie>>,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

/// One alternative of `bemiddelingsberoep` (`beroepsnaam_selectie`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "beroepsnaam_selectie")]
pub struct BeroepsnaamSelectie {
    /// De beroepscode; applied to `codeBeroepsnaam` of the element (see the module docs).
    #[serde(
        rename = "beroep.codeBeroepsnaam",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(extend("x-vum-veld" = "codeBeroepsnaam"))]
    pub code_beroepsnaam: Option<CodeBeroepsnaamSelectie>,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

/// `contractvorm`: `{"$elemMatch": {"$or": [ … ]}}` (`contractvorm_selectie`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "contractvorm_selectie")]
pub struct ContractvormSelectie {
    /// Minstens één element voldoet.
    #[serde(rename = "$elemMatch", skip_serializing_if = "Option::is_none")]
    pub elem_match: Option<ContractvormElemMatch>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

impl ContractvormSelectie {
    /// Any of these contract types.
    pub fn een_van<I: IntoIterator<Item = TypeArbeidscontract>>(typen: I) -> Self {
        let or = typen
            .into_iter()
            .map(|t| TypeArbeidscontractSelectie {
                code_type_arbeidscontract: Some(TypeArbeidscontractGelijk::new(t)),
                overige: Overige::new(),
            })
            .collect();
        Self {
            elem_match: Some(ContractvormElemMatch {
                or: Some(or),
                overige: Overige::new(),
            }),
            overige: Overige::new(),
        }
    }
}

/// The `$elemMatch` of `contractvorm`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "contractvorm_elemMatch")]
pub struct ContractvormElemMatch {
    /// Het element voldoet aan een van de alternatieven (minstens één).
    #[serde(rename = "$or", skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub or: Option<Vec<TypeArbeidscontractSelectie>>,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

/// One alternative of `contractvorm` (`codeTypeArbeidscontract_selectie`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "codeTypeArbeidscontract_selectie")]
pub struct TypeArbeidscontractSelectie {
    /// Het type arbeidscontract.
    #[serde(
        rename = "codeTypeArbeidscontract",
        skip_serializing_if = "Option::is_none"
    )]
    pub code_type_arbeidscontract: Option<TypeArbeidscontractGelijk>,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

/// `rijbewijs`: `{"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": R}}}, …]}`
/// (`rijbewijs_selectie`): every listed category is present.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "rijbewijs_selectie")]
pub struct RijbewijsSelectie {
    /// Elk van deze voorwaarden wordt door een element vervuld (minstens één).
    #[serde(rename = "$all", skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub all: Option<Vec<RijbewijsMatch>>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

impl RijbewijsSelectie {
    /// Every one of these categories.
    pub fn alle<I: IntoIterator<Item = SoortRijbewijs>>(soorten: I) -> Self {
        let all = soorten
            .into_iter()
            .map(|soort| RijbewijsMatch {
                elem_match: Some(RijbewijsElemMatch {
                    code_soort_rijbewijs: Some(SoortRijbewijsSelectie::new(soort)),
                    overige: Overige::new(),
                }),
                overige: Overige::new(),
            })
            .collect();
        Self {
            all: Some(all),
            overige: Overige::new(),
        }
    }
}

/// One element of the `$all` of `rijbewijs` (`codeSoortRijbewijs_match`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "codeSoortRijbewijs_match")]
pub struct RijbewijsMatch {
    /// Minstens één element voldoet.
    #[serde(rename = "$elemMatch", skip_serializing_if = "Option::is_none")]
    pub elem_match: Option<RijbewijsElemMatch>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

/// The `$elemMatch` of a `rijbewijs` condition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "codeSoortRijbewijs_elemMatch")]
pub struct RijbewijsElemMatch {
    /// De categorie.
    #[serde(rename = "codeSoortRijbewijs", skip_serializing_if = "Option::is_none")]
    pub code_soort_rijbewijs: Option<SoortRijbewijsSelectie>,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

/// `taalbeheersing`: `{"$all": [{"$elemMatch": {…}}, …]}` (`taalbeheersingen_selectie`): every
/// listed language is mastered at the listed levels.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "taalbeheersingen_selectie")]
pub struct TaalbeheersingenSelectie {
    /// Elk van deze voorwaarden wordt door een element vervuld (minstens één).
    #[serde(rename = "$all", skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub all: Option<Vec<TaalbeheersingMatch>>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

impl TaalbeheersingenSelectie {
    /// Every one of these language conditions.
    pub fn alle<I: IntoIterator<Item = TaalbeheersingSelectie>>(talen: I) -> Self {
        let all = talen
            .into_iter()
            .map(|taal| TaalbeheersingMatch {
                elem_match: Some(taal),
                overige: Overige::new(),
            })
            .collect();
        Self {
            all: Some(all),
            overige: Overige::new(),
        }
    }
}

/// One element of the `$all` of `taalbeheersing` (`taalbeheersing_match`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "taalbeheersing_match")]
pub struct TaalbeheersingMatch {
    /// Minstens één element voldoet.
    #[serde(rename = "$elemMatch", skip_serializing_if = "Option::is_none")]
    pub elem_match: Option<TaalbeheersingSelectie>,
    /// Onbekende operatoren.
    #[serde(flatten)]
    pub overige: Overige,
}

/// A language with minimum levels (`taalbeheersing_selectie`); `codeTaal` is required.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "taalbeheersing_selectie")]
pub struct TaalbeheersingSelectie {
    /// Mondelinge beheersing minstens.
    #[serde(
        rename = "codeNiveauTaalbeheersingMondeling",
        skip_serializing_if = "Option::is_none"
    )]
    pub mondeling: Option<NiveauTaalbeheersingSelectie>,
    /// Schriftelijke beheersing minstens.
    #[serde(
        rename = "codeNiveauTaalbeheersingSchriftelijk",
        skip_serializing_if = "Option::is_none"
    )]
    pub schriftelijk: Option<NiveauTaalbeheersingSelectie>,
    /// De taal.
    #[serde(rename = "codeTaal")]
    pub code_taal: CodeTaalSelectie,
    /// Onbekende sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

impl TaalbeheersingSelectie {
    /// A language at minimum oral and written levels (`None`: no requirement).
    pub fn new(
        taal: impl Into<TaalCode>,
        mondeling: Option<NiveauTaalbeheersingKeuze>,
        schriftelijk: Option<NiveauTaalbeheersingKeuze>,
    ) -> Self {
        Self {
            mondeling: mondeling.map(NiveauTaalbeheersingSelectie::new),
            schriftelijk: schriftelijk.map(NiveauTaalbeheersingSelectie::new),
            code_taal: CodeTaalSelectie::new(taal.into()),
            overige: Overige::new(),
        }
    }
}

/// `codeWerkEnDenkniveauMinimaal` (`codeWerkEnDenkNiveauMinimaal_selectie`), one of two forms:
/// a known level, `{"$lt": "7", "$gte": g}` with `$lt` required and nothing else; or
/// "(nog) niet bekend", `{"$eq": "7"}` without `$lt`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WerkEnDenkniveauSelectie {
    /// `$lt`: always `"7"`, marks the known-level form.
    #[serde(rename = "$lt", skip_serializing_if = "Option::is_none")]
    pub lt: Option<String>,
    /// `$gte`: the minimum known level, `"1"`–`"6"`.
    #[serde(rename = "$gte", skip_serializing_if = "Option::is_none")]
    pub gte: Option<WerkEnDenkniveauKeuze>,
    /// `$eq`: `"7"`, level not (yet) known.
    #[serde(rename = "$eq", skip_serializing_if = "Option::is_none")]
    pub eq: Option<String>,
    /// Onbekende operatoren (only allowed in the "niet bekend" form).
    #[serde(flatten)]
    pub overige: Overige,
}

/// The level code that means "(nog) niet bekend".
pub const NIVEAU_NIET_BEKEND: &str = "7";

impl WerkEnDenkniveauSelectie {
    /// A known level of at least `minimaal` (`None`: any known level).
    pub fn bekend(minimaal: Option<WerkEnDenkniveauKeuze>) -> Self {
        Self {
            lt: Some(NIVEAU_NIET_BEKEND.to_owned()),
            gte: minimaal,
            ..Self::default()
        }
    }

    /// The level is not (yet) known.
    pub fn niet_bekend() -> Self {
        Self {
            eq: Some(NIVEAU_NIET_BEKEND.to_owned()),
            ..Self::default()
        }
    }
}

impl JsonSchema for WerkEnDenkniveauSelectie {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "codeWerkEnDenkNiveauMinimaal_selectie".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let keuze = generator.subschema_for::<WerkEnDenkniveauKeuze>();
        json_schema!({
            "description": "Een bekend niveau vanaf een grens ({\"$lt\": \"7\", \"$gte\": g}) of (nog) niet bekend ({\"$eq\": \"7\"}).",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "$gte": keuze,
                        "$lt": {"type": "string", "enum": [NIVEAU_NIET_BEKEND]}
                    },
                    "required": ["$lt"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "$eq": {"type": "string", "enum": [NIVEAU_NIET_BEKEND]}
                    },
                    "not": {"required": ["$lt"]}
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_criteria_and_operators_survive_a_round_trip() {
        let wire = json!({
            "selectiegebied": {"postcode": "2291HN", "afstand": 10, "eenheid": "km"},
            "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 24, "$lte": 40},
            "arbeidsmarktkwalificatie.taalbeheersing": {"$all": [
                {"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingLezen": {"$gte": 3}}}
            ]},
            "toekomstigCriterium": {"$in": [1, 2]},
            "bemiddelingsberoep": {"$elemMatch": {"$or": [{"beroep.codeBeroepsnaam": {"$eq": "x"}, "extra": 1}]}}
        });
        let vraag: WerkzoekendeVraag = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(vraag.selectiegebied.afstand, 10);
        assert_eq!(
            vraag.aantal_werkuren_maximaal.as_ref().unwrap().gte,
            Some(24)
        );
        assert!(vraag.overige.contains_key("toekomstigCriterium"));
        assert_eq!(serde_json::to_value(&vraag).unwrap(), wire);
    }

    #[test]
    fn competenties_is_a_criterion_of_3_1_0_and_unknown_before() {
        let register = crate::versie::registry().unwrap();
        let (v300, v310) = (
            register.versie("3.0.0").unwrap(),
            register.versie("3.1.0").unwrap(),
        );
        assert_eq!(
            later_criteria::<WerkzoekendeVraag>(v300.nummer),
            ["competenties"]
        );
        assert!(later_criteria::<WerkzoekendeVraag>(v310.nummer).is_empty());
        assert!(later_criteria::<VacatureVraag>(v300.nummer).is_empty());
        let code = "https://linkeddata.competentnl.nl/uwv/id/skill/176C167229";
        let wire = json!({
            "selectiegebied": {"postcode": "1791AA", "afstand": 15},
            "competenties": {"$elemMatch": {"codeCompetentie": {"$eq": code}}}
        });
        let vraag: WerkzoekendeVraag = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(vraag.competenties().unwrap().code().unwrap().as_str(), code);
        let mut gebouwd = WerkzoekendeVraag::in_gebied(Selectiegebied::new("1791AA", 15));
        gebouwd.competenties = Some(LaterCriterium::Getypeerd(CompetentiesSelectie::met_code(
            Uri::new(code),
        )));
        assert_eq!(serde_json::to_value(&gebouwd).unwrap(), wire);
        let nieuw = vraag.clone().voor_versie(v310).unwrap();
        assert_eq!(nieuw, vraag);
        let oud = vraag.voor_versie(v300).unwrap();
        assert!(oud.competenties.is_none());
        assert!(oud.overige.contains_key("competenties"));
        assert_eq!(serde_json::to_value(&oud).unwrap(), wire, "kept as sent");
        // Any shape reads; in 3.0.0 it is an unknown criterion.
        for shape in [
            json!(5),
            json!({"$elemMatch": "x"}),
            json!({"$elemMatch": {"codeCompetentie": {"$eq": 7}}}),
        ] {
            let wire = json!({"selectiegebied": {"postcode": "1791AA", "afstand": 15}, "competenties": shape});
            let vraag: WerkzoekendeVraag = serde_json::from_value(wire.clone()).unwrap();
            assert!(vraag.competenties().is_none(), "{shape}");
            assert_eq!(serde_json::to_value(&vraag).unwrap(), wire);
            let oud = vraag.voor_versie(v300).unwrap();
            assert_eq!(oud.overige["competenties"], shape);
        }
    }

    #[test]
    fn builders_produce_the_wire_form_of_the_standard() {
        let vraag = VacatureVraag {
            selectiegebied: Selectiegebied::new("1011AB", 25),
            beroep: None,
            werk_en_denkniveau: Some(WerkEnDenkniveauSelectie::bekend(Some(
                WerkEnDenkniveauKeuze::MboHavoVwo,
            ))),
            datum_aanvang_werkzaamheden: None,
            onregelmatig_werk_of_ploegendienst: None,
            rijbewijs: Some(RijbewijsSelectie::alle([SoortRijbewijs::B])),
            taalbeheersing: None,
            aantal_werkuren_maximaal: None,
            aantal_werkuren_minimaal: None,
            overige: Overige::new(),
        };
        assert_eq!(
            serde_json::to_value(&vraag).unwrap(),
            json!({
                "selectiegebied": {"postcode": "1011AB", "afstand": 25},
                "codeWerkEnDenkniveauMinimaal": {"$lt": "7", "$gte": "4"},
                "rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "B"}}}]}
            })
        );
    }
}
