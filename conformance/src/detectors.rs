//! Detectors of what must not leave a node: direct identifiers of a person (BSN by the eleven
//! test on whole words, Dutch IBAN by mod 97, e-mail addresses, Dutch phone numbers) and what an
//! error body must not reveal (stack traces, SQL, file paths).

use vum_spec::testdata::{iban_is_valid, is_bsn};

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
        assert_eq!(phone_numbers("+31 6 1234 5678").len(), 1);
        assert_eq!(phone_numbers("0031612345678").len(), 1);
    }

    #[test]
    fn leaks_name_what_they_found() {
        assert!(leaks("thread 'main' panicked at src/main.rs:1").len() >= 2);
        assert!(leaks("{\"code\":\"400.01\",\"message\":\"Ongeldige aanroep\"}").is_empty());
    }
}
