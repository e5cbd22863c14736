//! The report as JSON: sorted keys, two-space indentation, a final newline.

use serde::Serialize;

use super::change::Change;
use super::report::{Report, SetInfo, Summary, VersionHeaders};
use crate::schema::canonical_json;

#[derive(Serialize)]
struct Json<'a> {
    format: &'static str,
    old: &'a SetInfo,
    new: &'a SetInfo,
    summary: Summary,
    changes: Vec<JsonChange<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_headers: Option<&'a VersionHeaders>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    #[serde(flatten)]
    change: &'a Change,
    label: &'static str,
    subject: String,
    class: &'static str,
}

pub(super) fn render(report: &Report) -> String {
    let json = Json {
        format: "vum-spec diff 1",
        old: &report.old,
        new: &report.new,
        summary: report.summary(),
        version_headers: report.version_headers.as_ref(),
        changes: report
            .changes
            .iter()
            .map(|change| JsonChange {
                change,
                label: change.kind.label(),
                subject: change.place.subject(),
                class: change.class().name(),
            })
            .collect(),
    };
    match serde_json::to_value(&json) {
        Ok(value) => canonical_json(&value),
        // Serialising plain structs with string keys cannot fail; say so rather than panic.
        Err(error) => canonical_json(&serde_json::json!({"error": error.to_string()})),
    }
}
