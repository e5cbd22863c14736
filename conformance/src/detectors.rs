//! Detectors of what must not leave a node: direct identifiers of a person (BSN by the eleven
//! test on whole words, Dutch IBAN by mod 97, e-mail addresses, Dutch phone numbers: the rules of
//! `vum-spec`) and what an error body must not reveal (stack traces, SQL, file paths).

use vum_spec::identificatoren::{self, Identificator};

/// Direct identifiers in a text (the rules of [`vum_spec::identificatoren`]), each named with
/// what was found: the answers are the node's, and the vendor must see what leaked.
pub fn identifiers(text: &str) -> Vec<String> {
    let mut found: Vec<String> = identificatoren::vind(text)
        .into_iter()
        .map(|v| {
            let value = &text[v.begin..v.einde];
            match v.soort {
                Identificator::Bsn => format!("BSN-achtig nummer {value}"),
                Identificator::Iban => format!("IBAN {value}"),
                Identificator::Emailadres => format!("e-mailadres {value}"),
                Identificator::Telefoonnummer => format!("telefoonnummer {value}"),
            }
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Direct identifiers in an answer, outside the pseudonyms the exchange made (`vumID`,
/// `vraagID`): those are opaque random text in which a run of digits between `-` and `_` is chance,
/// not a person's number (whether a `vumID` gives away an id is [`afgeleid`]'s question).
pub fn identifiers_outside_pseudonyms(body: &str) -> Vec<String> {
    fn blank(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if matches!(key.as_str(), "vumID" | "vraagID") && v.is_string() {
                        *v = serde_json::Value::String(String::new());
                    } else {
                        blank(v);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(blank),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(mut value) => {
            blank(&mut value);
            identifiers(&value.to_string())
        }
        Err(_) => identifiers(body),
    }
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
    .map(|(needle, what)| format!("{what} ('{}')", needle.trim()))
    .collect();
    found.extend(identifiers(text));
    found
}

/// How a `vumID` gives away the source's id, if it does: the id itself, the id inside it, or a
/// SHA-256 of the id (alone or with the source's id, `bron-a:wz-t01` and the like) in hex or
/// base64. A pseudonym must be none of these (AV-PRIV-009).
pub fn afgeleid(vum_id: &str, id: &str, bron_id: &str) -> Option<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    use sha2::{Digest as _, Sha256};
    if vum_id == id {
        return Some("het id zelf".to_owned());
    }
    if !id.is_empty() && vum_id.to_lowercase().contains(&id.to_lowercase()) {
        return Some("een tekst met het id erin".to_owned());
    }
    let inputs = [
        id.to_owned(),
        format!("{bron_id}{id}"),
        format!("{bron_id}:{id}"),
        format!("{bron_id}/{id}"),
        format!("{bron_id}.{id}"),
        format!("{bron_id}|{id}"),
    ];
    for input in &inputs {
        let digest = Sha256::digest(input.as_bytes());
        let hex = crate::features::hex(&digest);
        let encodings = [
            hex.clone(),
            STANDARD.encode(digest),
            STANDARD_NO_PAD.encode(digest),
            URL_SAFE.encode(digest),
            URL_SAFE_NO_PAD.encode(digest),
        ];
        if encodings
            .iter()
            .any(|e| vum_id.eq_ignore_ascii_case(e) || vum_id.contains(e.as_str()))
        {
            return Some(format!("een SHA-256 van \"{input}\""));
        }
    }
    None
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
        assert_eq!(identifiers("+31 6 1234 5678").len(), 1);
        assert_eq!(identifiers("0031612345678").len(), 1);
    }

    #[test]
    fn pseudonyms_are_not_searched_for_identifiers_but_everything_else_is() {
        let body = r#"{"vraagID":"123456782","matches":[{"vumID":"v1.Ab-111222333_x","tekst":"bel 0612345678"}]}"#;
        assert_eq!(
            identifiers_outside_pseudonyms(body),
            ["telefoonnummer 0612345678"]
        );
        assert!(identifiers(body).iter().any(|f| f.starts_with("BSN")));
    }

    #[test]
    fn leaks_name_what_they_found() {
        assert!(leaks("thread 'main' panicked at src/main.rs:1").len() >= 2);
        assert!(leaks("{\"code\":\"400.01\",\"message\":\"Ongeldige aanroep\"}").is_empty());
    }
}
