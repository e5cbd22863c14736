//! From a change to the requirements it touches and the scenarios that verify them.
//!
//! A requirement is touched when its title or source names what changed (a header, a status
//! code, an operation, a field path, a criterion or its component; see [`Change`]'s names), or by
//! area (the constants below). Requirements that name only the other kind of profile, or only
//! roles the change does not touch, are left out.

use std::collections::BTreeSet;

use super::Traceability;
use super::change::{Change, Direction, Kind, Message, Place};
use super::load::Side;
use super::verdict::{RequirementRef, ScenarioRef};
use crate::headers::{X_VUM_FROM_PARTY, X_VUM_TO_PARTY, X_VUM_VIA_PARTY};
use crate::requirements::Eis;

// Requirements touched by area, whatever their text names (see `area`).
/// A request without a required header is refused: a header added as required, removed, or made
/// (non-)required.
const REQUIRED_HEADER: &str = "AV-KOP-008";
/// Header names are case-insensitive: a header added.
const HEADER_NAMES: &str = "AV-KOP-010";
/// A malformed OIN in a party header is refused: pattern, type or format of fromParty, toParty,
/// viaParty.
const PARTY_HEADER: &str = "AV-KOP-021";
/// Unknown criteria are ignored: a criterion added, removed or renamed.
const UNKNOWN_CRITERIA: &str = "AV-SEL-023";
/// Unknown operators are ignored: an operator added or removed.
const UNKNOWN_OPERATORS: &str = "AV-SEL-024";
/// A request of the wrong structure is refused (400.01): what a request body or operand allows.
const WRONG_STRUCTURE: &str = "AV-KOP-011";
/// Schema-invalid requests are refused: what a request body or operand allows.
const SCHEMA_INVALID: &str = "AV-BEV-008";
/// Every matches answer is valid: a change in the matches answer.
const MATCHES_VALID: &str = "AV-GEG-001";
/// A match is the detail without the detail fields: a field added, removed or moved in a match.
const MATCH_OF_DETAIL: &str = "AV-GEG-005";
/// No detail fields in matches: a field added, removed or moved in a match.
const NO_DETAIL_IN_MATCHES: &str = "AV-PRIV-002";
/// Every detail is valid: a change in the detail answer.
const DETAIL_VALID: &str = "AV-GEG-002";
/// No fields outside the contract: `additionalProperties` of an answer object.
const CLOSED_ANSWERS: &str = "AV-GEG-003";
/// Every error answer has an error body: a change in an error body.
const ERROR_BODY: &str = "AV-KOP-014";

/// Every requirement an area rule names.
#[cfg(test)]
const AREA: [&str; 13] = [
    REQUIRED_HEADER,
    HEADER_NAMES,
    PARTY_HEADER,
    UNKNOWN_CRITERIA,
    UNKNOWN_OPERATORS,
    WRONG_STRUCTURE,
    SCHEMA_INVALID,
    MATCHES_VALID,
    MATCH_OF_DETAIL,
    NO_DETAIL_IN_MATCHES,
    DETAIL_VALID,
    CLOSED_ANSWERS,
    ERROR_BODY,
];

fn area(change: &Change) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    let kind = change.kind;
    let field_set = matches!(
        kind,
        Kind::FieldAdded | Kind::RequiredFieldAdded | Kind::FieldRemoved | Kind::FieldMoved
    );
    match &change.place {
        Place::Header { name, direction } => {
            if *direction == Direction::Request
                && matches!(
                    kind,
                    Kind::RequiredHeaderAdded
                        | Kind::HeaderRemoved
                        | Kind::MadeRequired
                        | Kind::MadeOptional
                )
            {
                out.insert(REQUIRED_HEADER);
            }
            if matches!(kind, Kind::HeaderAdded | Kind::RequiredHeaderAdded) {
                out.insert(HEADER_NAMES);
            }
            let party = [X_VUM_FROM_PARTY, X_VUM_TO_PARTY, X_VUM_VIA_PARTY]
                .iter()
                .any(|h| h.eq_ignore_ascii_case(name));
            if party
                && *direction == Direction::Request
                && matches!(
                    kind,
                    Kind::PatternChanged
                        | Kind::TypeChanged
                        | Kind::FormatChanged
                        | Kind::MaxLengthChanged
                        | Kind::MinLengthChanged
                )
            {
                out.insert(PARTY_HEADER);
            }
        }
        Place::Question { .. } => match kind {
            Kind::CriterionAdded | Kind::CriterionRemoved | Kind::CriterionRenamed => {
                out.insert(UNKNOWN_CRITERIA);
            }
            Kind::OperatorAdded | Kind::OperatorRemoved => {
                out.insert(UNKNOWN_OPERATORS);
            }
            _ => {
                out.extend([WRONG_STRUCTURE, SCHEMA_INVALID]);
            }
        },
        Place::Field { .. } | Place::Body { .. } => {
            for occurrence in &change.occurrences {
                match occurrence.message {
                    Message::Request => {
                        out.extend([WRONG_STRUCTURE, SCHEMA_INVALID]);
                    }
                    Message::Matches => {
                        out.insert(MATCHES_VALID);
                        let in_match = occurrence
                            .path
                            .as_deref()
                            .is_some_and(|p| p.starts_with("matches"));
                        if field_set && in_match {
                            out.extend([MATCH_OF_DETAIL, NO_DETAIL_IN_MATCHES]);
                        }
                    }
                    Message::Detail => {
                        out.insert(DETAIL_VALID);
                    }
                    Message::Error => {
                        out.insert(ERROR_BODY);
                    }
                    _ => {}
                }
                if kind == Kind::AdditionalPropertiesChanged
                    && occurrence.direction == Direction::Response
                {
                    out.insert(CLOSED_ANSWERS);
                }
            }
        }
        _ => {}
    }
    out
}

/// Whether `text` mentions `name` as a whole word (not inside a longer identifier).
fn mentions(text: &str, name: &str) -> bool {
    if name.len() < 3 {
        return false;
    }
    let header = name.starts_with("X-VUM-") || name.eq_ignore_ascii_case("API-Version");
    let (haystack, needle) = if header {
        (text.to_ascii_lowercase(), name.to_ascii_lowercase())
    } else {
        (text.to_owned(), name.to_owned())
    };
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    haystack.match_indices(&needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The roles a requirement speaks of, as in the catalogue (`bron`, `uitwisseling`, …).
fn touched_roles(change: &Change) -> BTreeSet<&'static str> {
    let mut roles = BTreeSet::new();
    for occurrence in &change.occurrences {
        match occurrence.side {
            Side::Bron => roles.extend(["bron", "uitwisseling"]),
            Side::Bemiddelaar => roles.extend(["uitwisseling", "bemiddelaar"]),
        }
    }
    roles
}

/// Whether a requirement about one kind of profile fits the kinds a change occurs in.
fn kind_fits(eis: &Eis, change: &Change) -> bool {
    text_fits(&format!("{} {}", eis.titel, eis.bron), change)
}

/// Whether a text that speaks of one kind of profile only (vacancies or job seekers) fits the
/// kinds a change occurs in.
fn text_fits(text: &str, change: &Change) -> bool {
    let text = text.to_lowercase();
    let (vacature, werkzoekende) = (text.contains("vacature"), text.contains("werkzoekend"));
    let has = |kind: &str| change.occurrences.iter().any(|o| o.kind == kind);
    match (vacature, werkzoekende) {
        (true, false) => has("Vacatures"),
        (false, true) => has("WerkzoekendeProfielen"),
        _ => true,
    }
}

/// Adds the touched requirements and their scenarios to a change.
pub(crate) fn map(mut change: Change, trace: Traceability<'_>) -> Change {
    let roles = touched_roles(&change);
    let by_area = area(&change);
    let mut requirements = Vec::new();
    for eis in trace.catalogue {
        if !eis.rollen.iter().any(|r| roles.contains(r.as_str())) || !kind_fits(eis, &change) {
            continue;
        }
        let text = format!("{} {}", eis.titel, eis.bron);
        let named = change.names.iter().any(|n| mentions(&text, n));
        if named || by_area.contains(eis.id.as_str()) {
            requirements.push(RequirementRef {
                id: eis.id.clone(),
                titel: eis.titel.clone(),
            });
        }
    }
    let mut scenarios: Vec<(&str, usize, &str)> = trace
        .scenarios
        .iter()
        .filter(|s| requirements.iter().any(|r| s.tags.contains(&r.id)))
        .filter(|s| text_fits(&s.name, &change))
        .map(|s| (s.file.as_str(), s.line, s.name.as_str()))
        .collect();
    scenarios.sort();
    scenarios.dedup();
    change.requirements = requirements;
    change.scenarios = scenarios
        .into_iter()
        .map(|(file, _, name)| ScenarioRef {
            file: file.to_owned(),
            name: name.to_owned(),
        })
        .collect();
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_rule_names_a_requirement_of_the_catalogue() {
        let catalogue = crate::requirements::catalogue().unwrap();
        for id in AREA {
            assert!(
                catalogue.iter().any(|e| e.id == id),
                "{id} is not in the catalogue"
            );
        }
    }

    #[test]
    fn names_are_matched_as_whole_words() {
        assert!(mentions(
            "contract: required mobiliteit.bemiddelingspostcode / adres.postcode",
            "adres.postcode"
        ));
        assert!(!mentions(
            "contract: datumAanvangBeschikbaarVoorWerk_selectie",
            "datumAanvangBeschikbaarVoorWerk"
        ));
        assert!(mentions("met 400 en foutcode 400.01", "400"));
        assert!(mentions("(X-VUM-SUWIparty)", "X-VUM-SUWIParty"));
        assert!(!mentions("foutbericht volgens het schema Errors", "Error"));
    }
}
