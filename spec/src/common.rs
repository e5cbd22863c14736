//! Objects that job-seeker profiles and vacancies share with one and the same shape.
//!
//! Every object is closed (`additionalProperties: false`): results and details carry only the
//! fields of the contract. Every field is optional unless the contract requires it; an absent
//! field stays absent on the wire and an empty array stays an empty array (exact round trip).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::{
    CodeVervoermiddel, CodeWebadres, Indicatie, NiveauTaalbeheersing, SoortRijbewijs,
    TypeArbeidscontract, TypeOvereenkomst,
};
use crate::primitives::{TaalCode, Uri, Url};

/// Beroep: een beroep uit CompetentNL (`Beroep`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Beroep {
    /// De unieke code van de beroepsnaam uit CompetentNL, gevuld als URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_beroepsnaam: Option<Uri>,
}

/// Competentiebeheersing: een competentie uit CompetentNL (`Competentiebeheersing`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Competentiebeheersing {
    /// De unieke code van de competentie uit CompetentNL, gevuld als URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_competentie: Option<Uri>,
}

/// Contractvorm: de contractvorm die van toepassing is (`Contractvorm`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Contractvorm {
    /// Of het arbeidscontract voor bepaalde of onbepaalde tijd is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_type_arbeidscontract: Option<TypeArbeidscontract>,
    /// Welk type overeenkomst van toepassing is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_type_overeenkomst: Option<TypeOvereenkomst>,
}

/// Rijbewijs (`Rijbewijs`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Rijbewijs {
    /// De rijbewijscategorie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_soort_rijbewijs: Option<SoortRijbewijs>,
}

/// Taalbeheersing: de mate waarin iemand een taal beheerst (`Taalbeheersing`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Taalbeheersing {
    /// Niveau van de leesvaardigheid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_niveau_taalbeheersing_lezen: Option<NiveauTaalbeheersing>,
    /// Niveau van de luistervaardigheid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_niveau_taalbeheersing_luisteren: Option<NiveauTaalbeheersing>,
    /// Mate waarin de taal mondeling beheerst wordt (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_niveau_taalbeheersing_mondeling: Option<NiveauTaalbeheersing>,
    /// Mate waarin de taal schriftelijk beheerst wordt (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_niveau_taalbeheersing_schriftelijk: Option<NiveauTaalbeheersing>,
    /// De taal (ISO 639-3, zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_taal: Option<TaalCode>,
}

/// Vervoermiddel (`Vervoermiddel`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Vervoermiddel {
    /// Het soort vervoermiddel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_vervoermiddel: Option<CodeVervoermiddel>,
    /// Of het vervoermiddel beschikbaar is voor het uitvoeren van het werk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_beschikbaar_voor_uitvoering_werk: Option<Indicatie>,
    /// Of het vervoermiddel beschikbaar is voor woon-werkverkeer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_beschikbaar_voor_woon_werkverkeer: Option<Indicatie>,
}

/// Webadres (`Webadres`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Webadres {
    /// Het soort webadres.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_webadres: Option<CodeWebadres>,
    /// De URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
}

/// Werktijden: de mate waarin iemand beschikbaar is voor werk (`Werktijden`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Werktijden {
    /// Maximaal aantal werkuren per week (0–99, zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 99))]
    pub aantal_werkuren_per_week_maximaal: Option<u8>,
    /// Minimaal aantal werkuren per week (0–99, zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 99))]
    pub aantal_werkuren_per_week_minimaal: Option<u8>,
    /// Of het werk binnen kantoortijden valt (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_kantoortijden: Option<Indicatie>,
}

/// Sector beroeps- en bedrijfsleven: een SBI-code van het CBS (`SectorBeroepsEnBedrijfsleven`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SectorBeroepsEnBedrijfsleven {
    /// Code volgens de Standaard Bedrijfsindeling (SBI 2008) van het CBS (0–99999).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 99999))]
    pub code_sbi: Option<u32>,
}
