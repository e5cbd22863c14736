//! The answers the client works with: a question's matches, which hold the only `vumID`s it may
//! ask details of, and a detail. Each is checked against the mediator contract of the version
//! asked in before it is read.

use std::collections::BTreeSet;
use std::time::Instant;

use serde::de::DeserializeOwned;
use serde_json::Value;
use vum_spec::berichten::{
    VacatureDetailResponse, VacatureMatchesResponse, WerkzoekendeDetailResponse,
    WerkzoekendeMatchesResponse,
};
use vum_spec::primitives::{Postcode, VraagId, VumId};
use vum_spec::taken::Zoekopdracht;
use vum_spec::vacature::VacatureMatch;
use vum_spec::werkzoekende::WerkzoekendeMatch;
use vum_spec::{Kind, Message, Versie};

use super::codering::Zoekvraag;
use super::fout::BemiddelaarFout;

/// One match of an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Match {
    /// A job seeker's matching profile.
    Werkzoekende(Box<WerkzoekendeMatch>),
    /// A vacancy's matching profile.
    Vacature(Box<VacatureMatch>),
}

impl Match {
    /// Its pseudonym.
    pub fn vum_id(&self) -> &VumId {
        match self {
            Self::Werkzoekende(m) => &m.vum_id,
            Self::Vacature(m) => &m.vum_id,
        }
    }

    /// The postcode `selectiegebied` measures from (`mobiliteit.bemiddelingspostcode`,
    /// `adres.postcode`).
    pub fn postcode(&self) -> &Postcode {
        match self {
            Self::Werkzoekende(m) => &m.mobiliteit.bemiddelingspostcode,
            Self::Vacature(m) => &m.adres.postcode,
        }
    }

    /// A job seeker's own `maximaleReisafstand`.
    pub fn maximale_reisafstand(&self) -> Option<u16> {
        match self {
            Self::Werkzoekende(m) => m.mobiliteit.maximale_reisafstand,
            Self::Vacature(_) => None,
        }
    }

    /// A vacancy's `naamVacature`.
    pub fn naam(&self) -> Option<&str> {
        match self {
            Self::Werkzoekende(_) => None,
            Self::Vacature(m) => m.naam_vacature.as_deref(),
        }
    }
}

/// The answer to a question, with the bookkeeping of its details.
#[derive(Clone, Debug)]
pub struct Zoekresultaat {
    opdracht: Zoekopdracht,
    vraag: Zoekvraag,
    vraag_id: VraagId,
    maximum_aantal_resultaten_bereikt: bool,
    matches: Vec<Match>,
    /// Distinct `vumID`s whose detail was requested.
    opgevraagd: BTreeSet<VumId>,
    /// No request for this question before this moment (`Retry-After`).
    niet_voor: Option<Instant>,
}

impl Zoekresultaat {
    /// Reads a `200` answer to `vraag`.
    pub(super) fn lees(
        opdracht: &Zoekopdracht,
        vraag: Zoekvraag,
        tekst: &str,
        versie: &Versie,
        niet_voor: Option<Instant>,
    ) -> Result<Self, BemiddelaarFout> {
        let kind = vraag.kind();
        let value = gecontroleerd(tekst, kind.matches_response_message(), versie)?;
        let (vraag_id, meer, matches) = match kind {
            Kind::Werkzoekende => {
                let a: WerkzoekendeMatchesResponse = getypeerd(value)?;
                let matches = a
                    .matches
                    .into_iter()
                    .map(|m| Match::Werkzoekende(Box::new(m)))
                    .collect();
                (a.vraag_id, a.maximum_aantal_resultaten_bereikt, matches)
            }
            Kind::Vacature => {
                let a: VacatureMatchesResponse = getypeerd(value)?;
                let matches = a
                    .matches
                    .into_iter()
                    .map(|m| Match::Vacature(Box::new(m)))
                    .collect();
                (a.vraag_id, a.maximum_aantal_resultaten_bereikt, matches)
            }
        };
        Ok(Self {
            opdracht: opdracht.clone(),
            vraag,
            vraag_id,
            maximum_aantal_resultaten_bereikt: meer,
            matches,
            opgevraagd: BTreeSet::new(),
            niet_voor,
        })
    }

    /// The kind asked for.
    pub fn kind(&self) -> Kind {
        self.vraag.kind()
    }

    /// The search as given.
    pub fn opdracht(&self) -> &Zoekopdracht {
        &self.opdracht
    }

    /// The question as sent.
    pub fn vraag(&self) -> &Zoekvraag {
        &self.vraag
    }

    /// The exchange's id of the question.
    pub fn vraag_id(&self) -> &VraagId {
        &self.vraag_id
    }

    /// Whether a source could have given more matches.
    pub fn maximum_aantal_resultaten_bereikt(&self) -> bool {
        self.maximum_aantal_resultaten_bereikt
    }

    /// The matches, in the order of the answer.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// How many distinct details were requested.
    pub fn details_opgevraagd(&self) -> usize {
        self.opgevraagd.len()
    }

    /// The distance in km between the question's postcode and a match's, by their PC4 areas;
    /// `None` when either area is unknown.
    pub fn afstand_km(&self, m: &Match) -> Option<f64> {
        let tabel = vum_spec::geo::pc4_table();
        let centrum = tabel.centroid(self.vraag.selectiegebied().postcode.as_str())?;
        Some(centrum.distance_km(tabel.centroid(m.postcode().as_str())?))
    }

    pub(super) fn niet_voor_mut(&mut self) -> &mut Option<Instant> {
        &mut self.niet_voor
    }

    /// Reserves a detail request: a `vumID` of this answer, and within the limit (`max` distinct
    /// ones) unless it was requested before.
    pub(super) fn reserveer(&mut self, vum_id: &VumId, max: usize) -> Result<(), BemiddelaarFout> {
        if !self.matches.iter().any(|m| m.vum_id() == vum_id) {
            return Err(BemiddelaarFout::VreemdVumId(vum_id.to_string()));
        }
        if self.opgevraagd.contains(vum_id) {
            return Ok(());
        }
        if self.opgevraagd.len() >= max {
            return Err(BemiddelaarFout::DetailLimiet { max });
        }
        self.opgevraagd.insert(vum_id.clone());
        Ok(())
    }

    /// Gives back a reservation whose request was never sent. A request that was sent keeps
    /// counting, whatever its answer: the limit is on requests.
    pub(super) fn geef_terug(&mut self, vum_id: &VumId, fout: &BemiddelaarFout) {
        let niet_verstuurd = matches!(
            fout,
            BemiddelaarFout::Identificator { .. } | BemiddelaarFout::OngeldigVumId(_)
        );
        if niet_verstuurd {
            self.opgevraagd.remove(vum_id);
        }
    }
}

/// The exchange's detail answer of either kind.
#[derive(Clone, Debug, PartialEq)]
pub enum DetailAntwoord {
    /// `{bronID, werkzoekende}`.
    Werkzoekende(Box<WerkzoekendeDetailResponse>),
    /// `{bronID, vacature}`.
    Vacature(Box<VacatureDetailResponse>),
}

/// A detail as the exchange gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    /// The `vumID` asked for.
    pub vum_id: VumId,
    /// The answer.
    pub antwoord: DetailAntwoord,
}

impl Detail {
    /// Reads a `200` answer.
    pub(super) fn lees(
        kind: Kind,
        vum_id: VumId,
        tekst: &str,
        versie: &Versie,
    ) -> Result<Self, BemiddelaarFout> {
        let value = gecontroleerd(tekst, kind.detail_response_message(), versie)?;
        let antwoord = match kind {
            Kind::Werkzoekende => DetailAntwoord::Werkzoekende(Box::new(getypeerd(value)?)),
            Kind::Vacature => DetailAntwoord::Vacature(Box::new(getypeerd(value)?)),
        };
        Ok(Self { vum_id, antwoord })
    }

    /// The source's own key of the profile (`idWerkzoekende`, `idVacature`), if the answer has
    /// one. A client never asks a detail by it.
    pub fn bron_sleutel(&self) -> Option<&str> {
        match &self.antwoord {
            DetailAntwoord::Werkzoekende(a) => a
                .werkzoekende
                .id_werkzoekende
                .as_ref()
                .map(vum_spec::primitives::IdWerkzoekende::as_str),
            DetailAntwoord::Vacature(a) => Some(a.vacature.id_vacature.as_str()),
        }
    }

    /// The source as the exchange names it.
    pub fn bron_id(&self) -> &str {
        match &self.antwoord {
            DetailAntwoord::Werkzoekende(a) => &a.bron_id,
            DetailAntwoord::Vacature(a) => &a.bron_id,
        }
    }

    /// The answer as indented JSON (the same value the exchange sent).
    pub fn json(&self) -> String {
        // Typed values of a valid answer: serialising cannot fail.
        match &self.antwoord {
            DetailAntwoord::Werkzoekende(a) => serde_json::to_string_pretty(a),
            DetailAntwoord::Vacature(a) => serde_json::to_string_pretty(a),
        }
        .unwrap_or_default()
    }
}

/// The answer parsed and valid against the contract's message of the version.
fn gecontroleerd(tekst: &str, message: Message, versie: &Versie) -> Result<Value, BemiddelaarFout> {
    let value: Value = serde_json::from_str(tekst)
        .map_err(|_| BemiddelaarFout::Contract("het antwoord is geen JSON".to_owned()))?;
    let afwijkingen = vum_spec::validate::violations_for(versie, message, &value)
        .map_err(|e| BemiddelaarFout::Contract(e.to_string()))?;
    match afwijkingen.first() {
        None => Ok(value),
        Some(eerste) => Err(BemiddelaarFout::Contract(format!(
            "{}: {} afwijking(en), eerste bij {}: {}",
            message,
            afwijkingen.len(),
            if eerste.instance_path.is_empty() {
                "/"
            } else {
                &eerste.instance_path
            },
            eerste.masked_message
        ))),
    }
}

fn getypeerd<T: DeserializeOwned>(value: Value) -> Result<T, BemiddelaarFout> {
    serde_json::from_value(value).map_err(|_| {
        BemiddelaarFout::Contract(
            "het antwoord past niet in het bericht van de standaard".to_owned(),
        )
    })
}
