//! Data-independent checks: what every response must satisfy whatever was asked, run over every
//! exchange of a run, and the detectors of direct identifiers.

use serde_json::Value;
use vum_spec::Message;
use vum_spec::testdata::{iban_is_valid, is_bsn};

use crate::exchange::Exchange;

/// Which message a successful or error response should be, by method, path and status.
pub fn expected_message(exchange: &Exchange) -> Option<Message> {
    let status = exchange.status?;
    let path = exchange.path.as_str();
    if path.ends_with("/openapi.json") || status == 401 {
        return None;
    }
    match (status, exchange.method.as_str()) {
        (200, "POST") if path.starts_with("/werkzoekendeProfielen/matches") => {
            Some(Message::BronWerkzoekendeMatchesResponse)
        }
        (200, "POST") if path.starts_with("/vacatures/matches") => {
            Some(Message::BronVacatureMatchesResponse)
        }
        (200, "GET") if path.starts_with("/werkzoekendeProfielen/") => Some(Message::Werkzoekende),
        (200, "GET") if path.starts_with("/vacatures/") => Some(Message::Vacature),
        (400 | 404 | 429 | 500 | 503, _) if !exchange.body.is_empty() => Some(Message::Error),
        _ => None,
    }
}

/// Whether the exchange answered a question (a matches response).
pub fn is_matches(exchange: &Exchange) -> bool {
    exchange.status == Some(200) && exchange.method == "POST" && exchange.path.ends_with("/matches")
}

/// Schema violations of the body, if a schema applies.
pub fn schema_violations(exchange: &Exchange) -> Vec<String> {
    let Some(message) = expected_message(exchange) else {
        return Vec::new();
    };
    let Some(body) = exchange.json() else {
        return vec![format!("the body is not JSON (expected {message})")];
    };
    match vum_spec::validate::violations(message, &body) {
        Ok(violations) => violations
            .into_iter()
            .map(|v| {
                format!(
                    "{message}: at {}: {}",
                    if v.instance_path.is_empty() {
                        "/"
                    } else {
                        &v.instance_path
                    },
                    v.message
                )
            })
            .collect(),
        Err(e) => vec![format!("{} {e}", crate::verdict::HARNESS_ERROR)],
    }
}

/// Direct identifiers in a text: BSN (eleven test, whole nine-digit words), Dutch IBAN (mod 97),
/// e-mail addresses and Dutch phone numbers.
pub fn identifiers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let words: Vec<&str> = text
        .split(|c: char| {
            !c.is_ascii_alphanumeric() && c != '@' && c != '.' && c != '_' && c != '-' && c != '+'
        })
        .collect();
    for word in &words {
        let trimmed = word.trim_matches(|c: char| c == '.' || c == '-');
        if trimmed.contains('@') && trimmed.split('@').nth(1).is_some_and(|d| d.contains('.')) {
            found.push(format!("e-mailadres {trimmed}"));
        }
    }
    for token in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if is_bsn(token) {
            found.push(format!("BSN-achtig nummer {token}"));
        }
        if token.len() == 18 && token.starts_with("NL") && iban_is_valid(token) {
            found.push(format!("IBAN {token}"));
        }
    }
    found.extend(
        phone_numbers(text)
            .into_iter()
            .map(|p| format!("telefoonnummer {p}")),
    );
    found.sort();
    found.dedup();
    found
}

/// Dutch phone numbers: `0`, `+31` or `0031` followed by nine digits, with optional separators
/// (space, hyphen, parentheses) between them.
fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        let prefix = if chars[i] == '+' && text_at(&chars, i, "+31") {
            3
        } else if text_at(&chars, i, "0031") {
            4
        } else if chars[i] == '0' {
            1
        } else {
            0
        };
        if starts_word && prefix > 0 {
            let mut digits = 0;
            let mut j = i + prefix;
            while j < chars.len() && digits < 9 {
                match chars[j] {
                    c if c.is_ascii_digit() => digits += 1,
                    ' ' | '-' | '(' | ')' if digits > 0 || j == i + prefix => {}
                    _ => break,
                }
                j += 1;
            }
            let ends_word = j >= chars.len() || !chars[j].is_ascii_digit();
            if digits == 9 && ends_word {
                found.push(chars[i..j].iter().collect());
                i = j;
                continue;
            }
        }
        i += 1;
    }
    found
}

fn text_at(chars: &[char], at: usize, needle: &str) -> bool {
    needle
        .chars()
        .enumerate()
        .all(|(k, c)| chars.get(at + k) == Some(&c))
}

/// What an error body must not reveal.
pub fn leaks(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found: Vec<String> = [
        ("stack backtrace", "stacktrace"),
        ("panicked at", "stacktrace"),
        ("   at ", "stacktrace"),
        ("exception", "uitzonderingstekst"),
        ("traceback", "stacktrace"),
        ("select ", "SQL"),
        ("insert into", "SQL"),
        ("sqlite", "databasemelding"),
        ("postgres", "databasemelding"),
        ("/home/", "bestandspad"),
        ("/usr/", "bestandspad"),
        ("/var/", "bestandspad"),
        ("c:\\", "bestandspad"),
        (".rs:", "bronbestand"),
    ]
    .iter()
    .filter(|(needle, _)| lower.contains(needle))
    .map(|(needle, what)| format!("{what} ({needle:?})"))
    .collect();
    found.extend(identifiers(text));
    found
}

/// A check over every exchange of the run, reported under its requirement.
#[derive(Clone, Copy, Debug)]
pub struct ContinuousCheck {
    /// The requirement it proves.
    pub requirement: &'static str,
    /// What it checks.
    pub name: &'static str,
    /// The finding for one exchange, if any.
    pub check: fn(&Exchange, &crate::target::Target) -> Option<String>,
}

fn responded(exchange: &Exchange) -> bool {
    exchange.status.is_some()
        && !exchange.path.ends_with("/openapi.json")
        && exchange.scenario != crate::run::PLAIN_HTTP
}

/// The checks that run on every response collected during a run.
pub const CONTINUOUS: [ContinuousCheck; 9] = [
    ContinuousCheck {
        requirement: "AV-KOP-005",
        name: "elk antwoord draagt X-VUM-berichtVersie 3.0.0",
        check: |e, _| {
            (responded(e) && e.header("x-vum-berichtversie") != Some("3.0.0")).then(|| {
                format!(
                    "X-VUM-berichtVersie is {:?}",
                    e.header("x-vum-berichtversie")
                )
            })
        },
    },
    ContinuousCheck {
        requirement: "AV-KOP-006",
        name: "elk antwoord draagt API-Version 3.0.0",
        check: |e, _| {
            (responded(e) && e.header("api-version") != Some("3.0.0"))
                .then(|| format!("API-Version is {:?}", e.header("api-version")))
        },
    },
    ContinuousCheck {
        requirement: "AV-KOP-007",
        name: "elk antwoord draagt de OIN's van de bron en haar verwerker",
        check: |e, t| {
            if !responded(e) {
                return None;
            }
            let from = e.header("x-vum-fromparty");
            let via = e.header("x-vum-viaparty");
            (from != Some(t.to_party.as_str()) || via != Some(t.via_party.as_str()))
                .then(|| format!("X-VUM-fromParty {from:?}, X-VUM-viaParty {via:?}"))
        },
    },
    ContinuousCheck {
        requirement: "AV-KOP-019",
        name: "elk antwoord met inhoud heeft Content-Type application/json",
        check: |e, _| {
            (responded(e)
                && !e.body.is_empty()
                && !e
                    .header("content-type")
                    .unwrap_or_default()
                    .starts_with("application/json"))
            .then(|| format!("Content-Type is {:?}", e.header("content-type")))
        },
    },
    ContinuousCheck {
        requirement: "AV-GEG-001",
        name: "elk matchesantwoord is geldig volgens het contract",
        check: |e, _| {
            is_matches(e)
                .then(|| schema_violations(e))
                .filter(|v| !v.is_empty())
                .map(|v| v.join("; "))
        },
    },
    ContinuousCheck {
        requirement: "AV-GEG-002",
        name: "elk detail is geldig volgens het contract",
        check: |e, _| {
            (e.status == Some(200) && e.method == "GET" && !e.path.ends_with("/openapi.json"))
                .then(|| schema_violations(e))
                .filter(|v| !v.is_empty())
                .map(|v| v.join("; "))
        },
    },
    ContinuousCheck {
        requirement: "AV-KOP-014",
        name: "elk foutantwoord is een foutbericht volgens het contract",
        check: |e, _| {
            (e.status.is_some_and(|s| s >= 400 && s != 401 && s != 405))
                .then(|| {
                    if e.body.is_empty() {
                        vec!["no error body".to_owned()]
                    } else {
                        schema_violations(e)
                    }
                })
                .filter(|v| !v.is_empty())
                .map(|v| v.join("; "))
        },
    },
    ContinuousCheck {
        requirement: "AV-PRIV-003",
        name: "geen matchesantwoord bevat een directe identificator",
        check: |e, _| {
            is_matches(e)
                .then(|| identifiers(&e.body))
                .filter(|v| !v.is_empty())
                .map(|v| v.join(", "))
        },
    },
    ContinuousCheck {
        requirement: "AV-KOP-015",
        name: "geen antwoord is een serverfout",
        check: |e, _| {
            e.status
                .filter(|s| *s >= 500 && *s != 503)
                .map(|s| format!("status {s}"))
        },
    },
];

/// The JSON value of a body, or `Null`.
pub fn body_json(exchange: &Exchange) -> Value {
    exchange.json().unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_found_and_ordinary_text_is_not() {
        let found = identifiers(
            "Mail jan@voorbeeld.invalid of bel 06-12345678. BSN 111222333, IBAN NL91ABNA0417164300.",
        );
        assert!(
            found.iter().any(|f| f.starts_with("e-mailadres")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.starts_with("telefoonnummer")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f == "BSN-achtig nummer 111222333"),
            "{found:?}"
        );
        assert!(found.iter().any(|f| f.starts_with("IBAN")), "{found:?}");
        for clean in [
            "{\"codeSbi\":47741,\"datum\":\"2026-12-01\",\"postcode\":\"1791AB\"}",
            "https://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419",
            "OIN 00000099000000002000",
            "111222334",
        ] {
            assert!(
                identifiers(clean).is_empty(),
                "{clean}: {:?}",
                identifiers(clean)
            );
        }
        assert_eq!(phone_numbers("+31 6 1234 5678").len(), 1);
        assert_eq!(phone_numbers("0031612345678").len(), 1);
    }

    #[test]
    fn leaks_name_what_they_found() {
        assert!(leaks("thread 'main' panicked at src/main.rs:1").len() >= 2);
        assert!(leaks("{\"code\":\"400.01\",\"message\":\"Ongeldige aanroep\"}").is_empty());
    }
}
