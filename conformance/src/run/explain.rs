//! Explaining a discrepancy from the published test set. When an answer holds a profile the
//! features do not expect, or lacks one they do, the vendor learns what the test set says about
//! that profile: its distance to the question's postcode, its own maximum travel distance, and
//! its values for the question's criteria. This is diagnosis only: the expected ids stay written
//! out in the features, and the verdict is theirs.

use serde_json::{Map, Value};
use vum_spec::Kind;
use vum_spec::geo::pc4_table;

use crate::testset::TestSet;

/// Kilometres with a decimal comma (`12,3`).
fn km(distance: f64) -> String {
    format!("{distance:.1}").replace('.', ",")
}

fn at<'a>(value: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut current = vec![value];
    for key in path.split('.') {
        current = current
            .into_iter()
            .flat_map(|v| match v {
                Value::Array(items) => items.iter().filter_map(|i| i.get(key)).collect(),
                other => other.get(key).into_iter().collect::<Vec<_>>(),
            })
            .collect();
    }
    current
}

/// The field a criterion key of a question is evaluated on (its `x-vum-veld` annotation, or the
/// key itself).
fn field_of(kind: Kind, key: &str) -> String {
    let schema = serde_json::to_value(kind.vraag_message().schema()).unwrap_or_default();
    schema
        .pointer(&format!(
            "/properties/{}",
            key.replace('~', "~0").replace('/', "~1")
        ))
        .and_then(|p| p.get(vum_spec::vraag::VELD_ANNOTATIE))
        .and_then(Value::as_str)
        .map_or_else(|| key.to_owned(), str::to_owned)
}

fn compact(values: &[&Value]) -> String {
    if values.is_empty() {
        return "geen waarde".to_owned();
    }
    let text = values
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    crate::run::transcript::excerpt(&text, 160)
}

/// What the test set says about one profile in the light of the question.
fn facts(kind: Kind, vraag: &Map<String, Value>, profile: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let gebied = vraag.get("selectiegebied");
    let postcode = gebied
        .and_then(|g| g.get("postcode"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let afstand = gebied
        .and_then(|g| g.get("afstand"))
        .and_then(Value::as_f64);
    let centre = pc4_table().centroid(postcode);
    let own = at(profile, kind.postcode_field())
        .first()
        .and_then(|v| v.as_str())
        .map(str::to_owned);
    match (centre, own.as_deref().and_then(|p| pc4_table().centroid(p)), afstand) {
        (_, None, _) => out.push(format!(
            "heeft in de testset geen bruikbare postcode ({}) en kan dus met geen selectiegebied gevonden worden (AV-SEL-001)",
            kind.postcode_field()
        )),
        (Some(centre), Some(area), Some(afstand)) => {
            let distance = centre.distance_km(area);
            let maximum = (kind == Kind::Werkzoekende)
                .then(|| {
                    at(profile, "mobiliteit.maximaleReisafstand")
                        .first()
                        .and_then(|v| v.as_f64())
                })
                .flatten();
            let mut sentence = format!(
                "ligt {} km van {postcode} ({})",
                km(distance),
                own.unwrap_or_default()
            );
            if distance > afstand {
                sentence.push_str(&format!(
                    ", buiten het selectiegebied van {} km (AV-SEL-001)",
                    km(afstand)
                ));
            } else if let Some(maximum) = maximum.filter(|m| distance > *m) {
                sentence.push_str(&format!(
                    ", binnen het selectiegebied maar buiten zijn eigen maximaleReisafstand van {} km (AV-SEL-003)",
                    km(maximum)
                ));
            } else {
                sentence.push_str(&format!(", binnen het selectiegebied van {} km", km(afstand)));
                if let Some(maximum) = maximum {
                    sentence.push_str(&format!(" en zijn eigen maximaleReisafstand van {} km", km(maximum)));
                }
            }
            out.push(sentence);
        }
        _ => {}
    }
    for key in vraag.keys().filter(|k| *k != "selectiegebied") {
        let field = field_of(kind, key);
        out.push(format!("{key}: {}", compact(&at(profile, &field))));
    }
    out
}

/// Lines explaining unexpected and missing profiles from the test set's facts.
pub fn discrepancies(
    testset: &TestSet,
    kind: Kind,
    vraag: &Map<String, Value>,
    unexpected: &[String],
    missing: &[String],
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut explain = |id: &String, what: &str| {
        let Some(profile) = testset.get(kind, id) else {
            lines.push(format!(
                "{id} ({what}) staat niet in de certificeringstestset"
            ));
            return;
        };
        lines.push(format!(
            "{id} ({what}): {}",
            facts(kind, vraag, profile).join("; ")
        ));
    };
    for id in unexpected.iter().take(5) {
        explain(id, "onverwacht");
    }
    for id in missing.iter().take(5) {
        explain(id, "ontbreekt");
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unexpected_job_seeker_is_placed_by_distance_and_own_travel_distance() {
        let testset = TestSet::committed();
        let mut vraag = Map::new();
        vraag.insert(
            "selectiegebied".to_owned(),
            serde_json::json!({"postcode": "1791AA", "afstand": 15}),
        );
        let lines = discrepancies(
            &testset,
            Kind::Werkzoekende,
            &vraag,
            &["wz-t09".to_owned()],
            &[],
        );
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].starts_with("wz-t09 (onverwacht): ligt "),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].contains("maximaleReisafstand")
                || lines[0].contains("buiten het selectiegebied"),
            "{}",
            lines[0]
        );
        let lines = discrepancies(
            &testset,
            Kind::Werkzoekende,
            &vraag,
            &[],
            &["wz-nope".to_owned()],
        );
        assert_eq!(
            lines,
            ["wz-nope (ontbreekt) staat niet in de certificeringstestset"]
        );
    }
}
