//! Continuous checks: what every response must satisfy whatever was asked, run over every answer
//! the scenarios received (not over probes, not over requests that got no answer: a timeout or a
//! reset connection is not a response, let alone a 5xx). A check that saw no response did not run.

use vum_spec::{Kind, Message};

use super::transcript::{Origin, Transcript};
use crate::detectors::identifiers_outside_pseudonyms;
use crate::result::{CheckResult, Finding, Verdict};
use crate::target::{Rol, Target};

/// Which message a successful or error response of a node of `rol` should be, by method, path
/// and status.
pub fn expected_message(transcript: &Transcript, rol: Rol) -> Option<Message> {
    let status = transcript.status?;
    let path = transcript.path.as_str();
    if path.ends_with("/openapi.json") || status == 401 {
        return None;
    }
    let kind = Kind::of_path(path);
    match (status, transcript.method.as_str(), kind) {
        (200, "POST", Some(kind)) if path == kind.matches_path() => Some(match rol {
            Rol::Bron => kind.bron_matches_response_message(),
            Rol::Uitwisseling => kind.matches_response_message(),
        }),
        (200, "GET", Some(kind)) => Some(match (rol, kind) {
            (Rol::Bron, _) => kind.detail_message(),
            (Rol::Uitwisseling, Kind::Werkzoekende) => Message::WerkzoekendeDetailResponse,
            (Rol::Uitwisseling, Kind::Vacature) => Message::VacatureDetailResponse,
        }),
        (400 | 404 | 429 | 500 | 503, _, _) if !transcript.body.is_empty() => Some(Message::Error),
        _ => None,
    }
}

/// Whether the transcript is an answer to a question (a matches response).
pub fn is_matches(transcript: &Transcript) -> bool {
    transcript.status == Some(200)
        && transcript.method == "POST"
        && transcript.path.ends_with("/matches")
}

/// Schema violations of the body, if a schema applies, each in words.
pub fn schema_violations(transcript: &Transcript, target: &Target) -> Vec<String> {
    let Some(message) = expected_message(transcript, target.rol) else {
        return Vec::new();
    };
    let Some(body) = transcript.json() else {
        return vec![format!("de inhoud is geen JSON (verwacht {message})")];
    };
    let checked = target
        .spec_versie()
        .map_err(|e| e.to_string())
        .and_then(|v| {
            vum_spec::validate::violations_for(v, message, &body).map_err(|e| e.to_string())
        });
    match checked {
        Ok(violations) => violations
            .into_iter()
            .map(|v| {
                format!(
                    "{message}: bij {}: {}",
                    if v.instance_path.is_empty() {
                        "/"
                    } else {
                        &v.instance_path
                    },
                    v.message
                )
            })
            .collect(),
        Err(e) => vec![format!("fout in het harnas: {e}")],
    }
}

/// The schema violations that are fields the contract does not know (`additionalProperties`).
pub fn fields_outside_contract(transcript: &Transcript, target: &Target) -> Vec<String> {
    let Some(message) = expected_message(transcript, target.rol) else {
        return Vec::new();
    };
    let Some(body) = transcript.json() else {
        return Vec::new();
    };
    let Ok(versie) = target.spec_versie() else {
        return Vec::new();
    };
    vum_spec::validate::violations_for(versie, message, &body)
        .unwrap_or_default()
        .into_iter()
        .filter(|v| v.schema_path.contains("additionalProperties"))
        .map(|v| {
            format!(
                "bij {}: {}",
                if v.instance_path.is_empty() {
                    "/"
                } else {
                    &v.instance_path
                },
                v.message
            )
        })
        .collect()
}

/// A header's value for a finding: the value, or that it is missing.
fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "ontbreekt".to_owned(), |v| format!("is {v}"))
}

/// A check over every answer of the run, reported under its requirement.
#[derive(Clone, Copy, Debug)]
pub struct ContinuousCheck {
    /// The requirement it proves.
    pub requirement: &'static str,
    /// What it checks.
    pub name: &'static str,
    /// The finding for one answer, if any.
    pub check: fn(&Transcript, &Target) -> Option<String>,
}

fn api(transcript: &Transcript) -> bool {
    !transcript.path.ends_with("/openapi.json")
}

/// The checks that run on every answer collected during a run.
pub const CONTINUOUS: [ContinuousCheck; 9] = [
    ContinuousCheck {
        requirement: "AV-KOP-005",
        name: "elk antwoord draagt X-VUM-berichtVersie van de gevraagde versie",
        check: |t, target| version_finding(t, target, "x-vum-berichtversie", "X-VUM-berichtVersie"),
    },
    ContinuousCheck {
        requirement: "AV-KOP-006",
        name: "elk antwoord draagt API-Version van de gevraagde versie",
        check: |t, target| version_finding(t, target, "api-version", "API-Version"),
    },
    ContinuousCheck {
        requirement: "AV-KOP-007",
        name: "elk antwoord draagt de partijen volgens de vulregels",
        check: |t, target| api(t).then(|| party_findings(t, target)).flatten(),
    },
    ContinuousCheck {
        requirement: "AV-KOP-019",
        name: "elk antwoord met inhoud heeft Content-Type application/json",
        check: |t, _| {
            let value = t.header("content-type");
            (api(t)
                && !t.body.is_empty()
                && !value.unwrap_or_default().starts_with("application/json"))
            .then(|| format!("Content-Type {}", shown(value)))
        },
    },
    ContinuousCheck {
        requirement: "AV-GEG-001",
        name: "elk matchesantwoord is geldig volgens het contract",
        check: |t, target| {
            is_matches(t)
                .then(|| schema_violations(t, target))
                .filter(|v| !v.is_empty())
                .map(|v| v.join("; "))
        },
    },
    ContinuousCheck {
        requirement: "AV-GEG-002",
        name: "elk detail is geldig volgens het contract",
        check: |t, target| {
            (t.status == Some(200) && t.method == "GET" && api(t))
                .then(|| schema_violations(t, target))
                .filter(|v| !v.is_empty())
                .map(|v| v.join("; "))
        },
    },
    ContinuousCheck {
        requirement: "AV-KOP-014",
        name: "elk foutantwoord is een foutbericht volgens het contract",
        check: |t, target| {
            (t.status.is_some_and(|s| s >= 400 && s != 401 && s != 405) && api(t))
                .then(|| {
                    if t.body.is_empty() {
                        vec!["geen foutbericht".to_owned()]
                    } else {
                        schema_violations(t, target)
                    }
                })
                .filter(|v| !v.is_empty())
                .map(|v| v.join("; "))
        },
    },
    ContinuousCheck {
        requirement: "AV-PRIV-003",
        name: "geen matchesantwoord bevat een directe identificator",
        check: |t, _| {
            is_matches(t)
                .then(|| identifiers_outside_pseudonyms(&t.body))
                .filter(|v| !v.is_empty())
                .map(|v| v.join(", "))
        },
    },
    ContinuousCheck {
        requirement: "AV-KOP-015",
        name: "geen antwoord is een serverfout",
        check: |t, _| {
            t.status
                .filter(|s| *s >= 500 && *s != 503)
                .map(|s| format!("status {s}"))
        },
    },
];

/// Runs the continuous checks over the answers scenarios received.
pub fn run(transcripts: &[Transcript], target: &Target) -> Vec<CheckResult> {
    let judged: Vec<&Transcript> = transcripts
        .iter()
        .filter(|t| matches!(t.origin, Origin::Scenario(_)) && t.answered())
        .collect();
    CONTINUOUS
        .iter()
        .map(|c| {
            let mut findings: Vec<Finding> = judged
                .iter()
                .filter_map(|t| {
                    let finding = (c.check)(t, target)?;
                    Some(Finding {
                        scenario: t.origin.scenario()?.clone(),
                        request: t.request_line(),
                        status: t.status?,
                        finding,
                    })
                })
                .collect();
            // Scenarios run concurrently: order the findings so that reports are stable.
            findings.sort_by(|a, b| (&a.scenario, &a.request).cmp(&(&b.scenario, &b.request)));
            let verdict = match (judged.len(), findings.is_empty()) {
                (0, _) => None,
                (_, true) => Some(Verdict::Passed),
                (_, false) => Some(Verdict::Failed),
            };
            CheckResult {
                requirement: c.requirement.to_owned(),
                name: c.name.to_owned(),
                verdict,
                checked: judged.len(),
                findings: findings.into_iter().take(10).collect(),
            }
        })
        .collect()
}

/// The filling rules of §3.2 for an answer: a source answers as itself and its processor; the
/// exchange answers as itself, to the asking controller, with the asking processor as viaParty
/// (as the question named them, even when it named them wrongly, as long as they are OINs).
fn party_findings(t: &Transcript, target: &Target) -> Option<String> {
    let from = t.header("x-vum-fromparty");
    let via = t.header("x-vum-viaparty");
    let asked = |name: &str| {
        t.request_headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            // A value that is no OIN need not be echoed.
            .filter(|value| value.len() == 20 && value.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut expected = vec![(
        "X-VUM-fromParty",
        from,
        Some(target.parties.to_party.as_str()),
    )];
    match target.rol {
        Rol::Bron => {
            expected.push((
                "X-VUM-viaParty",
                via,
                Some(target.parties.via_party.as_str()),
            ));
        }
        Rol::Uitwisseling => {
            expected.push(("X-VUM-viaParty", via, asked("X-VUM-viaParty")));
            expected.push((
                "X-VUM-toParty",
                t.header("x-vum-toparty"),
                asked("X-VUM-fromParty"),
            ));
        }
    }
    let findings: Vec<String> = expected
        .into_iter()
        .filter_map(|(name, actual, expected)| {
            let expected = expected?;
            (actual != Some(expected))
                .then(|| format!("{name} {} (verwacht {expected})", shown(actual)))
        })
        .collect();
    (!findings.is_empty()).then(|| findings.join(", "))
}

/// The version an answer must carry: the one asked for when the request asked it in both
/// headers; when a scenario left a header out or named another version on purpose, any version
/// of the registry (which one a node speaks when it refuses is its own choice).
fn version_finding(t: &Transcript, target: &Target, header: &str, name: &str) -> Option<String> {
    if !api(t) {
        return None;
    }
    let value = t.header(header);
    let asked = |n: &str| {
        t.request_headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.as_str())
    };
    let as_asked = asked("X-VUM-berichtVersie") == Some(target.versie.as_str())
        && asked("API-Version") == Some(target.versie.as_str());
    let fine = if as_asked || t.request_headers.is_empty() {
        value == Some(target.versie.as_str())
    } else {
        value.is_some_and(|v| {
            vum_spec::versie::registry().is_ok_and(|r| r.versies().iter().any(|x| x.naam() == v))
        })
    };
    (!fine).then(|| format!("{name} {}", shown(value)))
}
