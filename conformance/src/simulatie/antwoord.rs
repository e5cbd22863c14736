//! The bodies a simulated source answers with: matching profiles and details of the certification
//! test set (built with `vum-spec`'s types, as a source would), error bodies, and the ways a
//! faulty source answers.

use serde::Deserialize as _;
use serde_json::Value;
use vum_spec::Kind;
use vum_spec::berichten::{BronVacatureMatchesResponse, BronWerkzoekendeMatchesResponse};
use vum_spec::error::ErrorBody;
use vum_spec::vacature::{BronVacatureMatch, Vacature};
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

use crate::testset::TestSet;

/// The answer to a question: the matching profiles of `ids` (ids the test set does not hold
/// are left out, as a source holds only its own profiles).
pub(crate) fn matches(testset: &TestSet, kind: Kind, ids: &[String], meer: bool) -> String {
    let documents = ids.iter().filter_map(|id| testset.get(kind, id));
    let body = match kind {
        Kind::Werkzoekende => serde_json::to_string(&BronWerkzoekendeMatchesResponse {
            maximum_aantal_resultaten_bereikt: meer,
            matches: documents
                .filter_map(|d| {
                    let w = Werkzoekende::deserialize(d).ok()?;
                    let id = w.id_werkzoekende.clone()?;
                    BronWerkzoekendeMatch::from_detail(&w, id)
                })
                .collect(),
        }),
        Kind::Vacature => serde_json::to_string(&BronVacatureMatchesResponse {
            maximum_aantal_resultaten_bereikt: meer,
            matches: documents
                .filter_map(|d| {
                    let v = Vacature::deserialize(d).ok()?;
                    BronVacatureMatch::from_detail(&v, v.id_vacature.clone())
                })
                .collect(),
        }),
    };
    body.unwrap_or_default()
}

/// The detail of `id`, as the test set publishes it.
pub(crate) fn detail(testset: &TestSet, kind: Kind, id: &str) -> Option<String> {
    testset.get(kind, id).map(Value::to_string)
}

/// An error body for `status`.
pub(crate) fn fout(status: u16) -> String {
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
        details: None,
    })
    .unwrap_or_default()
}

/// A 200 body that is JSON but no answer of the contract.
pub(crate) fn buiten_contract(kind: Kind) -> String {
    serde_json::json!({
        "resultaat": "dit is geen matchesantwoord",
        "matches": [{kind.id_field(): "buiten-contract-1", "onbekendVeld": true}],
    })
    .to_string()
}

/// A 200 body that is no JSON at all.
pub(crate) const ONZIN: &str = "<html><body>502 Bad Gateway \u{fffd}\u{fffd} {{{ niet afgesloten";

/// The start of an endless body: a matches answer whose list never closes.
pub(crate) const ENORM_BEGIN: &str = "{\"maximumAantalResultatenBereikt\":false,\"matches\":[";
