//! The job-seeker profile (`Werkzoekende`) and its matching profile (`MPWerkzoekendeMatch`).
//!
//! The matching profile is the detail minus the detail-only fields (`contactpersoon`,
//! `eisAanWerk`, `emailadres`, `indicatieLdrRegistratie`, `persoonlijkePresentatie`,
//! `telefoonnummer`, `webadres`), with `mobiliteit` required. It comes in two variants: a source
//! answers with its own `idWerkzoekende` ([`BronWerkzoekendeMatch`]), the exchange replaces it by
//! a pseudonym `vumID` ([`WerkzoekendeMatch`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::{
    Indicatie, IndicatieDiploma, JaNee, NiveauOpleiding, StatusOpleiding, WerkEnDenkniveau,
};
use crate::common::{
    Beroep, Competentiebeheersing, Contractvorm, Rijbewijs, SectorBeroepsEnBedrijfsleven,
    Taalbeheersing, Vervoermiddel, Webadres, Werktijden,
};
use crate::primitives::{Date, IdWerkzoekende, Integer10AsString, Postcode, VumId};

/// Werkzoekende: het detailprofiel van een werkzoekende zoals de bron het publiceert.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Werkzoekende {
    /// Eigenschappen, kennis en kunde die relevant zijn voor het vinden van werk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arbeidsmarktkwalificatie: Option<Arbeidsmarktkwalificatie>,
    /// De beroepen waarin de werkzoekende bemiddeld wil worden (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bemiddelingsberoep: Option<Vec<Beroep>>,
    /// Contactpersonen of -afdelingen (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contactpersoon: Option<Vec<ContactpersoonAfdeling>>,
    /// Gewenste contractvormen (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contractvorm: Option<Vec<Contractvorm>>,
    /// Eisen aan het werk (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eis_aan_werk: Option<EisAanWerk>,
    /// E-mailadressen van de werkzoekende (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(inner(length(max = 320)))]
    pub emailadres: Option<Vec<String>>,
    /// Flexibiliteit van de werkzoekende.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flexibiliteit: Option<Flexibiliteit>,
    /// De sleutel van het profiel in de bron.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_werkzoekende: Option<IdWerkzoekende>,
    /// Of er contactgegevens in het profiel aanwezig zijn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_beschikbaarheid_contactgegevens: Option<JaNee>,
    /// Of in het Landelijk Doelgroepregister een grondslag arbeidsbeperktheid geregistreerd is
    /// (alleen detail; privacygevoelig).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_ldr_registratie: Option<JaNee>,
    /// Bemiddelingspostcode en reisbereidheid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobiliteit: Option<Mobiliteit>,
    /// Tekst die iets vertelt over de werkzoekende zelf (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub persoonlijke_presentatie: Option<String>,
    /// Sectoren waarin de werkzoekende bemiddeld wil worden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Vec<SectorBeroepsEnBedrijfsleven>>,
    /// Telefoonnummers van de werkzoekende (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(inner(length(max = 14)))]
    pub telefoonnummer: Option<Vec<String>>,
    /// Vervoermiddelen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vervoermiddel: Option<Vec<Vervoermiddel>>,
    /// Webadressen, zoals profielpagina of cv (alleen detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webadres: Option<Vec<Webadres>>,
    /// Beschikbaarheid in uren.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub werktijden: Option<Werktijden>,
}

/// Arbeidsmarktkwalificatie (`Arbeidsmarktkwalificatie`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Arbeidsmarktkwalificatie {
    /// Het bereikte werk- en denkniveau.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_werk_en_denkniveau_werkzoekende: Option<WerkEnDenkniveau>,
    /// Cursussen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursus: Option<Vec<Cursus>>,
    /// Competenties uit CompetentNL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competentiebeheersing: Option<Vec<Competentiebeheersing>>,
    /// Interesses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interesse: Option<Vec<Interesse>>,
    /// Opleidingen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opleiding: Option<Vec<Opleiding>>,
    /// Rijbewijzen (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rijbewijs: Option<Vec<Rijbewijs>>,
    /// Talen (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taalbeheersing: Option<Vec<Taalbeheersing>>,
    /// Werkervaring.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub werkervaring: Option<Vec<Werkervaring>>,
}

/// Cursus van een werkzoekende (`Cursus`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Cursus {
    /// Of een certificaat is behaald.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_certificaat: Option<IndicatieDiploma>,
    /// De naam van de cursus.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 120))]
    pub naam_cursus: Option<String>,
    /// Eigen toelichting op de cursus.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub toelichting_cursus: Option<String>,
    /// Eerste dag van de cursus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_aanvang_volgen_cursus: Option<Date>,
    /// Datum op het certificaat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_certificaat: Option<Date>,
    /// Laatste dag van de cursus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_einde_volgen_cursus: Option<Date>,
    /// Het instituut.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 500))]
    pub naam_opleidingsinstituut: Option<String>,
}

/// Interesse (`Interesse`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Interesse {
    /// Een onderwerp waarvoor de werkzoekende belangstelling heeft.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 120))]
    pub naam_interesse: Option<String>,
}

/// Opleiding van een werkzoekende (`Opleiding`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Opleiding {
    /// Code uit de SuwiML-codelijst CdOpleidingsnaam.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_opleidingsnaam: Option<Integer10AsString>,
    /// Niveau van de opleiding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_niveau_opleiding: Option<NiveauOpleiding>,
    /// Of een diploma is behaald.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_diploma: Option<IndicatieDiploma>,
    /// Eigen toelichting op de opleiding.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub toelichting_opleiding: Option<String>,
    /// Stadium van de opleiding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_status_opleiding: Option<StatusOpleiding>,
    /// Eerste dag van de opleiding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_aanvang_volgen_opleiding: Option<Date>,
    /// Datum op het diploma.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_diploma: Option<Date>,
    /// Laatste dag van de opleiding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_einde_volgen_opleiding: Option<Date>,
    /// Het instituut.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 500))]
    pub naam_opleidingsinstituut: Option<String>,
}

/// Werkervaring van een werkzoekende (`Werkervaring`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Werkervaring {
    /// Het uitgeoefende beroep.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beroep: Option<Beroep>,
    /// Eerste dag van de werkzaamheden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_aanvang_werkzaamheden: Option<Date>,
    /// Laatste dag van de werkzaamheden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_einde_werkzaamheden: Option<Date>,
    /// De naam van de organisatie.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 70))]
    pub naam_organisatie: Option<String>,
    /// Toelichting op de werkervaring.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 2000))]
    pub toelichting_werkervaring: Option<String>,
}

/// Contactpersoon of -afdeling bij een werkzoekende (`ContactpersoonAfdeling`); e-mail en
/// telefoon zijn hier enkelvoudig, anders dan bij een vacature.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ContactpersoonAfdeling {
    /// De naam van de contactpersoon of -afdeling.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 35))]
    pub naam_contactpersoon_afdeling: Option<String>,
    /// E-mailadres.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 320))]
    pub emailadres: Option<String>,
    /// Telefoonnummer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 14))]
    pub telefoonnummer: Option<String>,
}

/// Eis aan werk (`EisAanWerk`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EisAanWerk {
    /// Of aanpassing van de werkomgeving nodig is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_aanpassing_werkomgeving: Option<Indicatie>,
    /// Of begeleiding nodig is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_begeleiding: Option<Indicatie>,
    /// Of werkvariatie nodig is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_werkvariatie: Option<Indicatie>,
}

/// Flexibiliteit van een werkzoekende (`Flexibiliteit`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Flexibiliteit {
    /// De laatste werkdag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_einde_beschikbaar_voor_werk: Option<Date>,
    /// Bereid tot onregelmatig werk of ploegendienst (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicatie_onregelmatig_werk_of_ploegendienst: Option<Indicatie>,
    /// De eerste werkdag (zoekbaar).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_aanvang_beschikbaar_voor_werk: Option<Date>,
}

/// Mobiliteit: gewenste reisafstand woon-werk (`Mobiliteit`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Mobiliteit {
    /// De postcode van waaruit de werkzoekende bemiddeld wil worden (zoekbaar via
    /// `selectiegebied`).
    pub bemiddelingspostcode: Postcode,
    /// Maximale reisafstand in kilometers (0–999).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 999))]
    pub maximale_reisafstand: Option<u16>,
    /// Maximale reistijd in minuten (0–999).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 999))]
    pub maximale_reistijd: Option<u16>,
}

macro_rules! werkzoekende_match {
    ($(#[$doc:meta])* $name:ident { $(#[$id_doc:meta])* $id_wire:literal $id:ident: $id_ty:ty }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        #[schemars(rename = "MPWerkzoekendeMatch")]
        pub struct $name {
            /// Eigenschappen, kennis en kunde.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub arbeidsmarktkwalificatie: Option<Arbeidsmarktkwalificatie>,
            /// Bemiddelingsberoepen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub bemiddelingsberoep: Option<Vec<Beroep>>,
            /// Gewenste contractvormen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub contractvorm: Option<Vec<Contractvorm>>,
            /// Flexibiliteit.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub flexibiliteit: Option<Flexibiliteit>,
            /// Of het detailprofiel contactgegevens bevat.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub indicatie_beschikbaarheid_contactgegevens: Option<JaNee>,
            /// Bemiddelingspostcode en reisbereidheid (verplicht in het matchingprofiel).
            pub mobiliteit: Mobiliteit,
            /// Sectoren.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub sector: Option<Vec<SectorBeroepsEnBedrijfsleven>>,
            /// Vervoermiddelen.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub vervoermiddel: Option<Vec<Vervoermiddel>>,
            /// Werktijden.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub werktijden: Option<Werktijden>,
            $(#[$id_doc])*
            #[serde(rename = $id_wire)]
            pub $id: $id_ty,
        }

        impl $name {
            /// The matching profile of a detail, under the given id: every detail-only field is
            /// left out. `None` when the detail has no `mobiliteit`, which a matching profile
            /// requires.
            pub fn from_detail(detail: &Werkzoekende, $id: $id_ty) -> Option<Self> {
                Some(Self {
                    arbeidsmarktkwalificatie: detail.arbeidsmarktkwalificatie.clone(),
                    bemiddelingsberoep: detail.bemiddelingsberoep.clone(),
                    contractvorm: detail.contractvorm.clone(),
                    flexibiliteit: detail.flexibiliteit.clone(),
                    indicatie_beschikbaarheid_contactgegevens: detail
                        .indicatie_beschikbaarheid_contactgegevens,
                    mobiliteit: detail.mobiliteit.clone()?,
                    sector: detail.sector.clone(),
                    vervoermiddel: detail.vervoermiddel.clone(),
                    werktijden: detail.werktijden.clone(),
                    $id,
                })
            }
        }
    };
}

werkzoekende_match! {
    /// Matchingprofiel van een werkzoekende zoals een bron het teruggeeft
    /// (`MPWerkzoekendeMatch` in contract VUM-Bron-WerkzoekendeProfielen).
    BronWerkzoekendeMatch {
        /// De sleutel van het profiel in de bron.
        "idWerkzoekende" id_werkzoekende: IdWerkzoekende
    }
}

werkzoekende_match! {
    /// Matchingprofiel van een werkzoekende zoals de uitwisselingsvoorziening het teruggeeft
    /// (`MPWerkzoekendeMatch` in contract VUM-Bemiddelaar-WerkzoekendeProfielen).
    WerkzoekendeMatch {
        /// Het pseudoniem dat de uitwisselingsvoorziening aan het profiel gaf.
        "vumID" vum_id: VumId
    }
}

impl BronWerkzoekendeMatch {
    /// The same profile as the exchange passes it on, under a pseudonym.
    pub fn pseudonymise(self, vum_id: VumId) -> WerkzoekendeMatch {
        WerkzoekendeMatch {
            arbeidsmarktkwalificatie: self.arbeidsmarktkwalificatie,
            bemiddelingsberoep: self.bemiddelingsberoep,
            contractvorm: self.contractvorm,
            flexibiliteit: self.flexibiliteit,
            indicatie_beschikbaarheid_contactgegevens: self
                .indicatie_beschikbaarheid_contactgegevens,
            mobiliteit: self.mobiliteit,
            sector: self.sector,
            vervoermiddel: self.vervoermiddel,
            werktijden: self.werktijden,
            vum_id,
        }
    }
}
