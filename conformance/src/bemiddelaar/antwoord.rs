//! The bodies the harness answers a mediator with: the published answer of a task under the
//! harness's pseudonyms, a detail of the test set, error bodies. Built from the committed test set
//! of the version asked in, with `vum-spec`'s types.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::Deserialize as _;
use serde_json::Value;
use vum_spec::berichten::{
    VacatureDetailResponse, VacatureMatchesResponse, WerkzoekendeDetailResponse,
    WerkzoekendeMatchesResponse,
};
use vum_spec::error::ErrorBody;
use vum_spec::primitives::VraagId;
use vum_spec::vacature::{BronVacatureMatch, Vacature};
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};
use vum_spec::{Kind, Versie};

/// The `bronID` the harness gives as the source of every detail.
pub const BRON_ID: &str = "certificeringsbron";

/// The profiles of the test set of one version, by id.
#[derive(Debug, Default)]
pub struct Testset {
    werkzoekenden: HashMap<String, Value>,
    vacatures: HashMap<String, Value>,
}

impl Testset {
    /// The committed test set of `versie`, read once per version.
    pub fn van(versie: &Versie) -> Arc<Self> {
        static GELEZEN: OnceLock<Mutex<HashMap<String, Arc<Testset>>>> = OnceLock::new();
        let mut gelezen = GELEZEN
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            gelezen
                .entry(versie.naam())
                .or_insert_with(|| Arc::new(Self::lees(versie))),
        )
    }

    fn lees(versie: &Versie) -> Self {
        let index = |text: Option<&str>, kind: Kind| -> HashMap<String, Value> {
            let list: Vec<Value> = text
                .and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default();
            list.into_iter()
                .filter_map(|v| Some((v.get(kind.id_field())?.as_str()?.to_owned(), v)))
                .collect()
        };
        Self {
            werkzoekenden: index(
                vum_spec::testdata::committed_werkzoekenden_for(versie),
                Kind::Werkzoekende,
            ),
            vacatures: index(
                vum_spec::testdata::committed_vacatures_for(versie),
                Kind::Vacature,
            ),
        }
    }

    fn get(&self, kind: Kind, id: &str) -> Option<&Value> {
        match kind {
            Kind::Werkzoekende => self.werkzoekenden.get(id),
            Kind::Vacature => self.vacatures.get(id),
        }
    }

    /// The answer to a question: the matching profiles of `ids` under the pseudonyms `vum_ids`
    /// (pairwise), with this `vraagID`.
    pub fn matches(&self, kind: Kind, ids: &[(&str, String)], vraag_id: &str) -> String {
        let matches: Vec<Value> = ids
            .iter()
            .filter_map(|(id, vum_id)| {
                let document = self.get(kind, id)?;
                let mut value = match kind {
                    Kind::Werkzoekende => {
                        let w = Werkzoekende::deserialize(document).ok()?;
                        let key = w.id_werkzoekende.clone()?;
                        serde_json::to_value(BronWerkzoekendeMatch::from_detail(&w, key)?).ok()?
                    }
                    Kind::Vacature => {
                        let v = Vacature::deserialize(document).ok()?;
                        serde_json::to_value(BronVacatureMatch::from_detail(
                            &v,
                            v.id_vacature.clone(),
                        )?)
                        .ok()?
                    }
                };
                let object = value.as_object_mut()?;
                object.remove(kind.id_field());
                object.insert("vumID".to_owned(), Value::String(vum_id.clone()));
                Some(value)
            })
            .collect();
        let vraag_id = VraagId::new(vraag_id);
        let body = match kind {
            Kind::Werkzoekende => serde_json::to_string(&WerkzoekendeMatchesResponse {
                maximum_aantal_resultaten_bereikt: false,
                vraag_id,
                matches,
            }),
            Kind::Vacature => serde_json::to_string(&VacatureMatchesResponse {
                maximum_aantal_resultaten_bereikt: false,
                vraag_id,
                matches,
            }),
        };
        body.unwrap_or_default()
    }

    /// The detail of the profile `id`, as the exchange passes it on.
    pub fn detail(&self, kind: Kind, id: &str) -> Option<String> {
        let document = self.get(kind, id)?.clone();
        let body = match kind {
            Kind::Werkzoekende => serde_json::to_string(&WerkzoekendeDetailResponse {
                bron_id: BRON_ID.to_owned(),
                werkzoekende: document,
            }),
            Kind::Vacature => serde_json::to_string(&VacatureDetailResponse {
                bron_id: BRON_ID.to_owned(),
                vacature: document,
            }),
        };
        body.ok()
    }
}

/// An error body for `status` (the codes of §8).
pub fn fout(status: u16, details: Option<&str>) -> String {
    let (code, message) = match status {
        400 => ("400.01", "Ongeldige aanroep"),
        404 => ("404", "Niet gevonden"),
        429 => ("429.01", "Limiet overschreden"),
        503 => ("500.3", "Service niet beschikbaar"),
        _ => ("500.1", "Interne serverfout"),
    };
    serde_json::to_string(&ErrorBody {
        code: code.to_owned(),
        message: message.to_owned(),
        details: details.map(str::to_owned),
    })
    .unwrap_or_default()
}
