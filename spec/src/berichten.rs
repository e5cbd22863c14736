//! The request and response bodies of the eight operations of interface 3.0.0.
//!
//! | operation | source contract (`Bron`) | exchange contract (`Bemiddelaar`) |
//! |---|---|---|
//! | `POST …/matches` request | [`WerkzoekendeMatchesRequest`], [`VacatureMatchesRequest`] | the same |
//! | `POST …/matches` answer | [`BronWerkzoekendeMatchesResponse`], [`BronVacatureMatchesResponse`] | [`WerkzoekendeMatchesResponse`], [`VacatureMatchesResponse`] (plus `vraagID`) |
//! | `GET …/{id}` answer | the bare [`Werkzoekende`] / [`Vacature`] | [`WerkzoekendeDetailResponse`], [`VacatureDetailResponse`] (`bronID` + object) |
//!
//! Every error answer carries [`crate::error::ErrorBody`]; a 401 has no body.
//!
//! The answers are generic over the type of their profiles, defaulting to the typed profile: a
//! node that serves profiles it prepared and validated before (the exact text, as
//! `Box<serde_json::value::RawValue>`) builds its answer with the same envelope type.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::primitives::VraagId;
use crate::vacature::{BronVacatureMatch, Vacature, VacatureMatch};
use crate::vraag::{Overige, VacatureVraag, WerkzoekendeVraag};
use crate::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende, WerkzoekendeMatch};

/// Zoekopdracht naar werkzoekenden: `{"vraagObject": …}`, nothing else
/// (`WerkzoekendeProfielMatchesRequest`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "WerkzoekendeProfielMatchesRequest")]
pub struct WerkzoekendeMatchesRequest {
    /// De zoekvraag.
    #[serde(rename = "vraagObject")]
    pub vraag_object: WerkzoekendeVraag,
}

/// Zoekopdracht naar vacatures: `{"vraagObject": …}` (`VacatureMatchesRequest`). Unlike the
/// job-seeker request, the contract leaves this wrapper open; other keys are kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "VacatureMatchesRequest")]
pub struct VacatureMatchesRequest {
    /// De zoekvraag.
    #[serde(rename = "vraagObject")]
    pub vraag_object: VacatureVraag,
    /// Andere sleutels.
    #[serde(flatten)]
    pub overige: Overige,
}

/// Antwoord van een bron op een zoekopdracht naar werkzoekenden.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(rename = "BronWerkzoekendeProfielMatchesResponse")]
pub struct BronWerkzoekendeMatchesResponse<M = BronWerkzoekendeMatch> {
    /// Of de bron meer matches had kunnen leveren dan deze set (standaard maximaal 100).
    pub maximum_aantal_resultaten_bereikt: bool,
    /// De matchingprofielen, in willekeurige volgorde.
    pub matches: Vec<M>,
}

/// Antwoord van een bron op een zoekopdracht naar vacatures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(rename = "BronVacaturesMatchesResponse")]
pub struct BronVacatureMatchesResponse<M = BronVacatureMatch> {
    /// Of de bron meer matches had kunnen leveren dan deze set (standaard maximaal 100).
    pub maximum_aantal_resultaten_bereikt: bool,
    /// De matchingprofielen, in willekeurige volgorde.
    pub matches: Vec<M>,
}

/// Antwoord van de uitwisselingsvoorziening op een zoekopdracht naar werkzoekenden
/// (`WerkzoekendeProfielMatchesResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(rename = "WerkzoekendeProfielMatchesResponse")]
pub struct WerkzoekendeMatchesResponse<M = WerkzoekendeMatch> {
    /// Of een bron meer matches had kunnen leveren.
    pub maximum_aantal_resultaten_bereikt: bool,
    /// De identificatie van deze zoekvraag.
    #[serde(rename = "vraagID")]
    pub vraag_id: VraagId,
    /// De gepseudonimiseerde matchingprofielen van alle bronnen.
    pub matches: Vec<M>,
}

/// Antwoord van de uitwisselingsvoorziening op een zoekopdracht naar vacatures
/// (`VacaturesMatchesResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[schemars(rename = "VacaturesMatchesResponse")]
pub struct VacatureMatchesResponse<M = VacatureMatch> {
    /// Of een bron meer matches had kunnen leveren.
    pub maximum_aantal_resultaten_bereikt: bool,
    /// De identificatie van deze zoekvraag.
    #[serde(rename = "vraagID")]
    pub vraag_id: VraagId,
    /// De gepseudonimiseerde matchingprofielen van alle bronnen.
    pub matches: Vec<M>,
}

/// Detail van een werkzoekende via de uitwisselingsvoorziening: de bron en het profiel zoals die
/// bron het publiceerde.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "WerkzoekendeDetailResponse")]
pub struct WerkzoekendeDetailResponse<D = Werkzoekende> {
    /// De bron zoals de uitwisselingsvoorziening haar kent.
    #[serde(rename = "bronID")]
    #[schemars(length(max = 200))]
    pub bron_id: String,
    /// Het detailprofiel.
    pub werkzoekende: D,
}

/// Detail van een vacature via de uitwisselingsvoorziening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "VacatureDetailResponse")]
pub struct VacatureDetailResponse<D = Vacature> {
    /// De bron zoals de uitwisselingsvoorziening haar kent.
    #[serde(rename = "bronID")]
    #[schemars(length(max = 200))]
    pub bron_id: String,
    /// De vacature.
    pub vacature: D,
}
