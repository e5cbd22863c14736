//! What the certification test set says a wrong node would add to an answer.

use serde_json::Value;
use vum_spec::geo::pc4_table;
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

/// Job seekers of the test set within `afstand` km of `postcode` that the node leaves out only
/// because of their own maximum travel distance.
pub(super) fn beyond_own_distance(postcode: &str, afstand: f64) -> Vec<Value> {
    let Some(centre) = pc4_table().centroid(postcode) else {
        return Vec::new();
    };
    let set: Vec<Werkzoekende> = vum_spec::testdata::committed_werkzoekenden()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    set.iter()
        .filter_map(|w| {
            let m = w.mobiliteit.as_ref()?;
            let d = centre.distance_km(pc4_table().centroid(m.bemiddelingspostcode.as_str())?);
            let own = f64::from(m.maximale_reisafstand?);
            (d <= afstand && d > own)
                .then(|| BronWerkzoekendeMatch::from_detail(w, w.id_werkzoekende.clone()?))?
        })
        .filter_map(|m| serde_json::to_value(m).ok())
        .collect()
}

/// Job seekers of the test set in the region (their own maximum travel distance respected) that
/// lack the field at `pointer`: what a node adds when it counts an absent field as a match.
pub(super) fn in_region_without(postcode: &str, afstand: f64, pointer: &str) -> Vec<Value> {
    let Some(centre) = pc4_table().centroid(postcode) else {
        return Vec::new();
    };
    let set: Vec<Value> = vum_spec::testdata::committed_werkzoekenden()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    set.into_iter()
        .filter(|w| w.pointer(pointer).is_none())
        .filter(|w| {
            let Some(here) = w
                .pointer("/mobiliteit/bemiddelingspostcode")
                .and_then(Value::as_str)
                .and_then(|p| pc4_table().centroid(p))
            else {
                return false;
            };
            let d = centre.distance_km(here);
            d <= afstand
                && w.pointer("/mobiliteit/maximaleReisafstand")
                    .and_then(Value::as_f64)
                    .is_none_or(|own| d <= own)
        })
        .filter_map(|w| {
            let typed: Werkzoekende = serde_json::from_value(w).ok()?;
            let id = typed.id_werkzoekende.clone()?;
            serde_json::to_value(BronWerkzoekendeMatch::from_detail(&typed, id)).ok()
        })
        .collect()
}
