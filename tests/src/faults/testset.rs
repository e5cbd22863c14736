//! What the certification test set says a wrong node would add to an answer. The set is parsed
//! once per process, not per proxied request.

use std::sync::OnceLock;

use serde_json::Value;
use vum_spec::geo::pc4_table;
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

/// The committed job seekers, typed and as JSON.
fn werkzoekenden() -> &'static [(Werkzoekende, Value)] {
    static SET: OnceLock<Vec<(Werkzoekende, Value)>> = OnceLock::new();
    SET.get_or_init(|| {
        let set: Vec<Value> = vum_spec::testdata::committed_werkzoekenden()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default();
        set.into_iter()
            .filter_map(|v| Some((serde_json::from_value(v.clone()).ok()?, v)))
            .collect()
    })
}

/// The committed vacancies, as JSON.
fn vacatures() -> &'static [Value] {
    static SET: OnceLock<Vec<Value>> = OnceLock::new();
    SET.get_or_init(|| {
        vum_spec::testdata::committed_vacatures()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    })
}

/// The detail of a committed job seeker (`werkzoekende`) or vacancy with this id.
pub(super) fn committed_detail(werkzoekende: bool, id: &str) -> Option<Value> {
    if werkzoekende {
        werkzoekenden()
            .iter()
            .map(|(_, v)| v)
            .find(|v| v["idWerkzoekende"] == id)
            .cloned()
    } else {
        vacatures().iter().find(|v| v["idVacature"] == id).cloned()
    }
}

/// The matches of the job seekers within `afstand` km of `postcode` that `keep` accepts, given the
/// job seeker, their distance and their own maximum travel distance.
fn werkzoekenden_within(
    postcode: &str,
    afstand: f64,
    keep: impl Fn(&Value, f64, Option<f64>) -> bool,
) -> Vec<Value> {
    let Some(centre) = pc4_table().centroid(postcode) else {
        return Vec::new();
    };
    werkzoekenden()
        .iter()
        .filter_map(|(w, json)| {
            let m = w.mobiliteit.as_ref()?;
            let d = centre.distance_km(pc4_table().centroid(m.bemiddelingspostcode.as_str())?);
            let own = m.maximale_reisafstand.map(f64::from);
            (d <= afstand && keep(json, d, own))
                .then(|| BronWerkzoekendeMatch::from_detail(w, w.id_werkzoekende.clone()?))?
        })
        .filter_map(|m| serde_json::to_value(m).ok())
        .collect()
}

/// Job seekers within `afstand` km of `postcode` that the node leaves out only because of their
/// own maximum travel distance.
pub(super) fn beyond_own_distance(postcode: &str, afstand: f64) -> Vec<Value> {
    werkzoekenden_within(postcode, afstand, |_, d, own| {
        own.is_some_and(|own| d > own)
    })
}

/// Job seekers in the region (their own maximum travel distance respected) that lack the field at
/// `pointer`: what a node adds when it counts an absent field as a match.
pub(super) fn in_region_without(postcode: &str, afstand: f64, pointer: &str) -> Vec<Value> {
    werkzoekenden_within(postcode, afstand, |w, d, own| {
        w.pointer(pointer).is_none() && own.is_none_or(|own| d <= own)
    })
}

/// The matches of every job seeker within `afstand` km of `postcode` (own maximum travel
/// distance respected), in the order the test set publishes them.
pub(super) fn in_storage_order(postcode: &str, afstand: f64) -> Vec<Value> {
    werkzoekenden_within(postcode, afstand, |_, d, own| {
        own.is_none_or(|own| d <= own)
    })
}
