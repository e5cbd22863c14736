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
    fn leaks_name_what_they_found() {
        assert!(leaks("thread 'main' panicked at src/main.rs:1").len() >= 2);
        assert!(leaks("{\"code\":\"400.01\",\"message\":\"Ongeldige aanroep\"}").is_empty());
    }
}
