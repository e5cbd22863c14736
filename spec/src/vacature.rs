//! The vacancy (`Vacature`) and its matching profile (`MPVacatureMatch`).
//!
//! The matching profile is the detail minus `idVacature` (replaced by the variant's id),
//! `nummerVacature` and `werkgever.contactpersoon` (the profile carries `MPWerkgever`), with
//! `adres` required. A source answers with its own `idVacature` ([`BronVacatureMatch`]), the
//! exchange with a pseudonym `vumID` ([`VacatureMatch`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::{
    CodeSollicitatiewijze, Indicatie, IndicatieDiploma, NiveauOpleiding, WerkEnDenkniveauMinimaal,
};
use crate::common::{
    Beroep, Competentiebeheersing, Contractvorm, Rijbewijs, SectorBeroepsEnBedrijfsleven,
    Taalbeheersing, Vervoermiddel, Webadres, Werktijden,
};
use crate::primitives::{Date, IdVacature, Integer10AsString, Postcode, VumId};

/// Vacature: een openstaande arbeidsplaats van een werkgever, zoals de bron haar publiceert.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Vacature {
    /// Het adres van de arbeidsplaats (zoekbaar via `selectiegebied`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adres: Option<Adres>,
    /// Arbeidsvoorwaarden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arbeids_voorwaarden: Option<ArbeidsVoorwaarden>,
    /// Het beroep (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beroep: Option<Beroep>,
    /// Het minimale werk- en denkniveau (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_werk_en_denkniveau_minimaal: Option<WerkEnDenkniveauMinimaal>,
    /// Contractvormen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contractvorm: Option<Vec<Contractvorm>>,
    /// Gevraagde cursussen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursus: Option<Vec<Cursus>>,
    /// Flexibiliteit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flexibiliteit: Option<Flexibiliteit>,
    /// Gevraagde competenties uit CompetentNL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competentiebeheersing: Option<Vec<Competentiebeheersing>>,
    /// De sleutel van de vacature in de bron.
    pub id_vacature: IdVacature,
    /// De naam van de vacature.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 120))]
    pub naam_vacature: Option<String>,
    /// Het nummer van de vacature (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 11))]
    pub nummer_vacature: Option<String>,
    /// Achtergrondinformatie bij de vacature.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub omschrijving_vacature: Option<String>,
    /// Gevraagde opleidingen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opleiding: Option<Vec<Opleiding>>,
    /// Gevraagde rijbewijzen (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rijbewijs: Option<Vec<Rijbewijs>>,
    /// De sector (één object, anders dan bij de werkgever).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<SectorBeroepsEnBedrijfsleven>,
    /// De laatste dag dat de vacature openstaat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sluitingsdatum_vacature: Option<Date>,
    /// Hoe de werkgever sollicitaties ontvangt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sollicitatiewijze: Option<Vec<Sollicitatiewijze>>,
    /// Gevraagde talen (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taalbeheersing: Option<Vec<Taalbeheersing>>,
    /// Vervoermiddelen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vervoermiddel: Option<Vec<Vervoermiddel>>,
    /// Gevraagde werkervaring.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub werkervaring: Option<Vec<Werkervaring>>,
    /// De werkgever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub werkgever: Option<Werkgever>,
    /// Werktijden (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub werktijden: Option<Werktijden>,
}

/// Adres van de arbeidsplaats (`Adres`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Adres {
    /// De postcode (verplicht).
    pub postcode: Postcode,
    /// De straatnaam.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 24))]
    pub straatnaam: Option<String>,
    /// Het huisnummer (0–99999).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 99999))]
    pub huisnummer: Option<u32>,
    /// De huisnummertoevoeging.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 6))]
    pub huisnummertoevoeging: Option<String>,
}

/// Arbeidsvoorwaarden (`ArbeidsVoorwaarden`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ArbeidsVoorwaarden {
    /// De eerste dag van de werkzaamheden (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_aanvang_werkzaamheden: Option<Date>,
    /// De laatste dag van de werkzaamheden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_einde_werkzaamheden: Option<Date>,
    /// Omschrijving van de arbeidsvoorwaarden.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub omschrijving_arbeidsvoorwaarden: Option<String>,
    /// Indicatie van de hoogte van het salaris.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 100))]
    pub salaris_indicatie: Option<String>,
}

/// Gevraagde cursus (`Cursus` in de vacaturecontracten).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Cursus {
    /// Of een certificaat vereist is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_certificaat: Option<IndicatieDiploma>,
    /// De naam van de cursus.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 120))]
    pub naam_cursus: Option<String>,
    /// Toelichting op de cursus.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub toelichting_cursus: Option<String>,
}

/// Flexibiliteit van een vacature (`Flexibiliteit` in de vacaturecontracten).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Flexibiliteit {
    /// De laatste werkdag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_einde_beschikbaar_voor_werk: Option<Date>,
    /// Onregelmatig werk of ploegendienst (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_onregelmatig_werk_of_ploegendienst: Option<Indicatie>,
}

/// Gevraagde opleiding (`Opleiding` in de vacaturecontracten).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Opleiding {
    /// Code uit de SuwiML-codelijst CdOpleidingsnaam.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_opleidingsnaam: Option<Integer10AsString>,
    /// Niveau van de opleiding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_niveau_opleiding: Option<NiveauOpleiding>,
    /// Of een diploma vereist is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_diploma: Option<IndicatieDiploma>,
    /// Toelichting op de opleiding.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub toelichting_opleiding: Option<String>,
}

/// Sollicitatiewijze (`Sollicitatiewijze`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Sollicitatiewijze {
    /// De wijze van solliciteren.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_sollicitatiewijze: Option<CodeSollicitatiewijze>,
    /// Het webadres om te solliciteren.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webadres: Option<Webadres>,
}

/// Gevraagde werkervaring (`Werkervaring` in de vacaturecontracten).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Werkervaring {
    /// Aantal jaren werkzaam in het beroep (0–99).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 99))]
    pub aantal_jaren_werkzaam_in_beroep: Option<u8>,
}

/// De werkgever in het detail (`Werkgever`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Werkgever {
    /// Contactpersonen (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contactpersoon: Option<Vec<ContactpersoonAfdeling>>,
    /// De handelsnaam.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 500))]
    pub handelsnaam_organisatie: Option<String>,
    /// Sectoren van de werkgever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Vec<SectorBeroepsEnBedrijfsleven>>,
    /// Webadressen van de werkgever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webadres: Option<Vec<Webadres>>,
}

/// De werkgever in het matchingprofiel (`MPWerkgever`): zonder contactpersonen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(rename = "MPWerkgever")]
pub struct MpWerkgever {
    /// De handelsnaam.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 500))]
    pub handelsnaam_organisatie: Option<String>,
    /// Sectoren van de werkgever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Vec<SectorBeroepsEnBedrijfsleven>>,
    /// Webadressen van de werkgever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webadres: Option<Vec<Webadres>>,
}

impl From<&Werkgever> for MpWerkgever {
    fn from(werkgever: &Werkgever) -> Self {
        Self {
            handelsnaam_organisatie: werkgever.handelsnaam_organisatie.clone(),
            sector: werkgever.sector.clone(),
            webadres: werkgever.webadres.clone(),
        }
    }
}

/// Contactpersoon of -afdeling van een werkgever (`ContactpersoonAfdeling` in de
/// vacaturecontracten); e-mail en telefoon zijn hier lijsten.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ContactpersoonAfdeling {
    /// De naam van de contactpersoon of -afdeling.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 35))]
    pub naam_contactpersoon_afdeling: Option<String>,
    /// E-mailadressen.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(inner(length(max = 320)))]
    pub emailadres: Option<Vec<String>>,
    /// Telefoonnummers.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(inner(length(max = 14)))]
    pub telefoonnummer: Option<Vec<String>>,
}

macro_rules! vacature_match {
    ($(#[$doc:meta])* $name:ident { $(#[$id_doc:meta])* $id_wire:literal $id:ident: $id_ty:ty }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        #[schemars(rename = "MPVacatureMatch")]
        pub struct $name {
            /// Het adres van de arbeidsplaats (verplicht in het matchingprofiel).
            pub adres: Adres,
            /// Arbeidsvoorwaarden.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub arbeids_voorwaarden: Option<ArbeidsVoorwaarden>,
            /// Het beroep.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub beroep: Option<Beroep>,
            /// Het minimale werk- en denkniveau.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub code_werk_en_denkniveau_minimaal: Option<WerkEnDenkniveauMinimaal>,
            /// Gevraagde competenties.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub competentiebeheersing: Option<Vec<Competentiebeheersing>>,
            /// Contractvormen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub contractvorm: Option<Vec<Contractvorm>>,
            /// Gevraagde cursussen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub cursus: Option<Vec<Cursus>>,
            /// Flexibiliteit.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub flexibiliteit: Option<Flexibiliteit>,
            /// De naam van de vacature.
            #[serde(skip_serializing_if = "Option::is_none")]
            #[schemars(length(max = 120))]
            pub naam_vacature: Option<String>,
            /// Omschrijving van de vacature.
            #[serde(skip_serializing_if = "Option::is_none")]
            #[schemars(length(max = 2000))]
            pub omschrijving_vacature: Option<String>,
            /// Gevraagde opleidingen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub opleiding: Option<Vec<Opleiding>>,
            /// Gevraagde rijbewijzen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub rijbewijs: Option<Vec<Rijbewijs>>,
            /// De sector.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub sector: Option<SectorBeroepsEnBedrijfsleven>,
            /// Sluitingsdatum.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub sluitingsdatum_vacature: Option<Date>,
            /// Sollicitatiewijzen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub sollicitatiewijze: Option<Vec<Sollicitatiewijze>>,
            /// Gevraagde talen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub taalbeheersing: Option<Vec<Taalbeheersing>>,
            /// Vervoermiddelen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub vervoermiddel: Option<Vec<Vervoermiddel>>,
            /// Gevraagde werkervaring.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub werkervaring: Option<Vec<Werkervaring>>,
            /// De werkgever, zonder contactpersonen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub werkgever: Option<MpWerkgever>,
            /// Werktijden.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub werktijden: Option<Werktijden>,
            $(#[$id_doc])*
            #[serde(rename = $id_wire)]
            pub $id: $id_ty,
        }

        impl $name {
            /// The matching profile of a detail, under the given id: every detail-only field is
            /// left out. `None` when the detail has no `adres`, which a matching profile requires.
            pub fn from_detail(detail: &Vacature, $id: $id_ty) -> Option<Self> {
                Some(Self {
                    adres: detail.adres.clone()?,
                    arbeids_voorwaarden: detail.arbeids_voorwaarden.clone(),
                    beroep: detail.beroep.clone(),
                    code_werk_en_denkniveau_minimaal: detail.code_werk_en_denkniveau_minimaal,
                    competentiebeheersing: detail.competentiebeheersing.clone(),
                    contractvorm: detail.contractvorm.clone(),
                    cursus: detail.cursus.clone(),
                    flexibiliteit: detail.flexibiliteit.clone(),
                    naam_vacature: detail.naam_vacature.clone(),
                    omschrijving_vacature: detail.omschrijving_vacature.clone(),
                    opleiding: detail.opleiding.clone(),
                    rijbewijs: detail.rijbewijs.clone(),
                    sector: detail.sector.clone(),
                    sluitingsdatum_vacature: detail.sluitingsdatum_vacature.clone(),
                    sollicitatiewijze: detail.sollicitatiewijze.clone(),
                    taalbeheersing: detail.taalbeheersing.clone(),
                    vervoermiddel: detail.vervoermiddel.clone(),
                    werkervaring: detail.werkervaring.clone(),
                    werkgever: detail.werkgever.as_ref().map(MpWerkgever::from),
                    werktijden: detail.werktijden.clone(),
                    $id,
                })
            }
        }
    };
}

vacature_match! {
    /// Matchingprofiel van een vacature zoals een bron het teruggeeft
    /// (`MPVacatureMatch` in contract VUM-Bron-Vacatures).
    BronVacatureMatch {
        /// De sleutel van de vacature in de bron.
        "idVacature" id_vacature: IdVacature
    }
}

vacature_match! {
    /// Matchingprofiel van een vacature zoals de uitwisselingsvoorziening het teruggeeft
    /// (`MPVacatureMatch` in contract VUM-Bemiddelaar-Vacatures).
    VacatureMatch {
        /// Het pseudoniem dat de uitwisselingsvoorziening aan de vacature gaf.
        "vumID" vum_id: VumId
    }
}
