//! Direct identifiers in free text: BSN, Dutch IBAN, e-mail address, Dutch phone number.
//!
//! A finding names the kind and the byte range in the text, never a copy of the value, so a
//! caller decides whether to show it (a report for the source itself) or only count it (the
//! score card). The rules:
//!
//! * **BSN**: a whole word of exactly nine digits that passes the eleven test
//!   ([`crate::testdata::is_bsn`]). Written with dots or spaces inside, it is not recognised.
//! * **IBAN**: `NL`, two check digits, a four-letter bank code and ten digits, compact or in groups
//!   of four separated by single spaces (`NL91 ABNA 0417 1643 00`), either case, passing the
//!   ISO 13616 mod-97 check ([`crate::testdata::iban_is_valid`]).
//! * **E-mail address**: `local@domain` where the domain has at least two labels and its last
//!   label is at least two letters.
//! * **Phone number**: `0`, `+31` or `0031` at the start of a word followed by nine digits, with
//!   single spaces, hyphens or parentheses between them, and no digit right after. Digits inside
//!   an IBAN found in the same text are not a phone number.
//!
//! The score card counts them in the data; the conformance harness looks for them in the answers
//! on the wire.

use crate::testdata::{iban_is_valid, is_bsn};

/// A kind of direct identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Identificator {
    /// Burgerservicenummer.
    Bsn,
    /// Dutch bank account number.
    Iban,
    /// E-mail address.
    Emailadres,
    /// Dutch phone number.
    Telefoonnummer,
}

impl Identificator {
    /// Every kind, in this order.
    pub const ALLE: [Self; 4] = [
        Self::Bsn,
        Self::Iban,
        Self::Emailadres,
        Self::Telefoonnummer,
    ];

    /// The name in the score card (`bsn`, `iban`, `emailadres`, `telefoonnummer`).
    pub fn naam(self) -> &'static str {
        match self {
            Self::Bsn => "bsn",
            Self::Iban => "iban",
            Self::Emailadres => "emailadres",
            Self::Telefoonnummer => "telefoonnummer",
        }
    }
}

/// One identifier found in a text: its kind and where it is (`tekst[begin..einde]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Vondst {
    /// Where it starts (byte offset, on a character boundary).
    pub begin: usize,
    /// Where it ends (exclusive).
    pub einde: usize,
    /// What it is.
    pub soort: Identificator,
}

/// Every direct identifier in `tekst`, ordered by position.
pub fn vind(tekst: &str) -> Vec<Vondst> {
    let bytes = tekst.as_bytes();
    let ibans = ibans(bytes);
    let mut found = ibans.clone();
    found.extend(bsns(tekst));
    found.extend(emailadressen(bytes));
    found.extend(
        telefoonnummers(bytes)
            .into_iter()
            .filter(|p| !ibans.iter().any(|i| p.begin < i.einde && i.begin < p.einde)),
    );
    found.sort();
    found
}

/// Whether `tekst` holds any direct identifier.
pub fn bevat_identificator(tekst: &str) -> bool {
    !vind(tekst).is_empty()
}

fn vondst(begin: usize, einde: usize, soort: Identificator) -> Vondst {
    Vondst {
        begin,
        einde,
        soort,
    }
}

/// Whether position `at` starts a word (nothing alphanumeric right before it).
fn starts_word(bytes: &[u8], at: usize) -> bool {
    at == 0 || !bytes[at - 1].is_ascii_alphanumeric()
}

/// Whether position `at` ends a word (nothing alphanumeric at it).
fn ends_word(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric())
}

fn bsns(tekst: &str) -> Vec<Vondst> {
    let bytes = tekst.as_bytes();
    let mut found = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_alphanumeric() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if is_bsn(&tekst[start..end]) {
            found.push(vondst(start, end, Identificator::Bsn));
        }
        start = end;
    }
    found
}

fn ibans(bytes: &[u8]) -> Vec<Vondst> {
    let mut found = Vec::new();
    for start in 0..bytes.len() {
        let begins = bytes[start].eq_ignore_ascii_case(&b'N')
            && bytes
                .get(start + 1)
                .is_some_and(|b| b.eq_ignore_ascii_case(&b'L'))
            && starts_word(bytes, start);
        if !begins {
            continue;
        }
        let mut compact = String::with_capacity(18);
        let mut at = start;
        while compact.len() < 18 && at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii_alphanumeric() {
                compact.push(char::from(b.to_ascii_uppercase()));
            } else if !(b == b' ' && compact.len().is_multiple_of(4) && bytes[at - 1] != b' ') {
                break;
            }
            at += 1;
        }
        if compact.len() == 18 && ends_word(bytes, at) && is_dutch_iban(&compact) {
            found.push(vondst(start, at, Identificator::Iban));
        }
    }
    found
}

/// `NL`, two digits, four letters, ten digits, mod 97.
fn is_dutch_iban(compact: &str) -> bool {
    let b = compact.as_bytes();
    b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..8].iter().all(u8::is_ascii_alphabetic)
        && b[8..].iter().all(u8::is_ascii_digit)
        && iban_is_valid(compact)
}

fn emailadressen(bytes: &[u8]) -> Vec<Vondst> {
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    let mut found = Vec::new();
    for (at, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'@') {
        let mut begin = at;
        while begin > 0 && local(bytes[begin - 1]) {
            begin -= 1;
        }
        while begin < at && bytes[begin] == b'.' {
            begin += 1;
        }
        let mut end = at + 1;
        while end < bytes.len() && domain(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let host = &bytes[at + 1..end];
        let labels: Vec<&[u8]> = host.split(|b| *b == b'.').collect();
        let well_formed = begin < at
            && labels.len() >= 2
            && labels.iter().all(|l| !l.is_empty())
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic));
        if well_formed {
            found.push(vondst(begin, end, Identificator::Emailadres));
        }
    }
    found
}

fn telefoonnummers(bytes: &[u8]) -> Vec<Vondst> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let prefix = if bytes[i..].starts_with(b"+31") {
            3
        } else if bytes[i..].starts_with(b"0031") {
            4
        } else if bytes[i] == b'0' {
            1
        } else {
            0
        };
        if prefix > 0 && starts_word(bytes, i) {
            let (mut digits, mut j) = (0, i + prefix);
            while j < bytes.len() && digits < 9 {
                match bytes[j] {
                    b if b.is_ascii_digit() => digits += 1,
                    b' ' | b'-' | b'(' | b')' if digits > 0 || j == i + prefix => {}
                    _ => break,
                }
                j += 1;
            }
            if digits == 9 && bytes.get(j).is_none_or(|b| !b.is_ascii_digit()) {
                found.push(vondst(i, j, Identificator::Telefoonnummer));
                i = j;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Identificator, &str)> {
        vind(text)
            .into_iter()
            .map(|v| (v.soort, &text[v.begin..v.einde]))
            .collect()
    }

    #[test]
    fn each_kind_is_found_with_its_place() {
        use Identificator::*;
        assert_eq!(
            kinds("Mail jan.de-vries@voorbeeld.nl of bel 06-12345678."),
            vec![
                (Emailadres, "jan.de-vries@voorbeeld.nl"),
                (Telefoonnummer, "06-12345678")
            ]
        );
        assert_eq!(kinds("BSN 111222333, ok"), vec![(Bsn, "111222333")]);
        assert_eq!(
            kinds("IBAN NL91ABNA0417164300."),
            vec![(Iban, "NL91ABNA0417164300")]
        );
        assert_eq!(
            kinds("rekening nl91 abna 0417 1643 00 graag"),
            vec![(Iban, "nl91 abna 0417 1643 00")]
        );
        assert_eq!(
            kinds("+31 6 1234 5678 en 0031612345678 en (020) 123 4567"),
            vec![
                (Telefoonnummer, "+31 6 1234 5678"),
                (Telefoonnummer, "0031612345678"),
                (Telefoonnummer, "020) 123 4567"),
            ]
        );
    }

    #[test]
    fn ordinary_text_and_near_misses_are_not_identifiers() {
        for clean in [
            "Ik heb ervaring in logistiek en zorg.",
            "Postcode 1791AB, 36 uur per week, sinds 2026-12-01.",
            "https://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419",
            "OIN 00000099000000002000",
            "111222334",
            "BSN1112223330",
            "NL92ABNA0417164300",
            "NL91ABNA041716430",
            "06-1234567",
            "061234567890",
            "@voorbeeld.nl en jan@localhost en jan@x.1",
            "Volgens cao, 0,5 fte",
        ] {
            assert!(vind(clean).is_empty(), "{clean}: {:?}", kinds(clean));
        }
    }

    #[test]
    fn every_kind_in_one_text() {
        let text = "Ik heb zorg. Mail kanarie.wz-0001@vum-testset.invalid of bel 06-90000001. \
                    BSN 111222333, rekening NL91ABNA0417164300.";
        let found: Vec<Identificator> = vind(text).into_iter().map(|v| v.soort).collect();
        for kind in Identificator::ALLE {
            assert!(found.contains(&kind), "{kind:?} in {found:?}");
        }
    }
}
