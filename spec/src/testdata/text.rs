//! Codes, words and canary values of the test set, and the README that documents it.

use sha2::{Digest, Sha256};

use super::{CLUSTER_MAX_AFSTAND_KM, CLUSTERS, RESERVED_RADIUS_KM, SEED, TestSet};
use crate::versie::Versienummer;

/// The occupations of the set: CompetentNL URIs in the form the upstream test profiles use.
pub(super) const BEROEPEN: [&str; 40] = [
    "511E7EA419",
    "F380A4DF5A",
    "A58306D03B",
    "F3DC28FF90",
    "E21A466884",
    "E539292D22",
    "9F99DD251D",
    "6B8E7AA6E9",
    "92C88B2875",
    "D78C3D5F16",
    "C6BB049A79",
    "7DC4A334BF",
    "C5C0433CBD",
    "7096263AE6",
    "003D6C51E3",
    "149D3C7DEC",
    "491C593AF5",
    "19D11745AD",
    "02731C9452",
    "E4D0944996",
    "7DAF67D461",
    "50ADEC6F11",
    "6535D14880",
    "59406329BC",
    "FFFADB8908",
    "5BEDE7BD0C",
    "60CE1D62E0",
    "BEFFE976AB",
    "A3837A7935",
    "B91389B372",
    "165724195A",
    "898EB5140F",
    "494AC87FC0",
    "24751B4C83",
    "A5E060A724",
    "B7B437BDB5",
    "4F93D20470",
    "D906555096",
    "5EB5FB12E0",
    "765D111A9D",
];

/// The competences of the set (`C1`… in the README of a version with `competenties`).
pub(super) const COMPETENTIES: [&str; 20] = [
    "176C167229",
    "E466160227",
    "8D95F19A51",
    "DE7F9AC098",
    "6C1DCF884C",
    "CD81A0BA05",
    "DDC0099EBA",
    "E099A46DF0",
    "657DB4304D",
    "86EAB06E9B",
    "D8423674A6",
    "906B82E6C9",
    "FBED1D9D16",
    "837AAC319F",
    "CE849ACFB5",
    "93067F0CFC",
    "C4397A7623",
    "D12106119E",
    "F60C83E786",
    "85B464C554",
];

/// How many occupations the set has.
pub(super) const BEROEPEN_COUNT: usize = BEROEPEN.len();

/// The URI of occupation `k` of [`BEROEPEN`].
pub(super) fn beroep(k: usize) -> String {
    format!(
        "https://linkeddata.competentnl.nl/uwv/id/occupation/{}",
        BEROEPEN[k % BEROEPEN.len()]
    )
}

/// The URI of competence `k` of [`COMPETENTIES`].
pub(super) fn competentie(k: usize) -> String {
    format!(
        "https://linkeddata.competentnl.nl/uwv/id/skill/{}",
        COMPETENTIES[k % COMPETENTIES.len()]
    )
}

pub(super) const WOORDEN: [&str; 48] = [
    "ervaring",
    "logistiek",
    "zorg",
    "klantgericht",
    "zelfstandig",
    "team",
    "magazijn",
    "administratie",
    "techniek",
    "onderhoud",
    "planning",
    "kwaliteit",
    "veiligheid",
    "service",
    "productie",
    "schoonmaak",
    "horeca",
    "winkel",
    "kantoor",
    "bouw",
    "installatie",
    "transport",
    "begeleiding",
    "communicatie",
    "nauwkeurig",
    "flexibel",
    "betrouwbaar",
    "leergierig",
    "collega",
    "werkplaats",
    "project",
    "opleiding",
    "praktijk",
    "vakmanschap",
    "gastvrij",
    "verkoop",
    "voorraad",
    "machines",
    "groen",
    "onderwijs",
    "kinderopvang",
    "ouderenzorg",
    "beveiliging",
    "receptie",
    "bezorging",
    "montage",
    "lassen",
    "schilderen",
];

pub(super) const INTERESSES: [&str; 10] = [
    "Logistiek",
    "Zorg en welzijn",
    "Techniek",
    "Horeca",
    "Detailhandel",
    "Bouw",
    "Groen",
    "Administratie",
    "Onderwijs",
    "Transport",
];

pub(super) const CURSUSSEN: [&str; 8] = [
    "VCA Basis",
    "Heftruckcertificaat",
    "BHV",
    "EHBO",
    "Hygienecode",
    "Klantvriendelijk werken",
    "Excel voor beginners",
    "Code 95",
];

pub(super) const ORGANISATIES: [&str; 8] = [
    "Transportbedrijf De Vries",
    "Zorggroep Het Anker",
    "Bakkerij Jansen",
    "Installatiebedrijf Smit",
    "Supermarkt De Hoek",
    "Hotel De Zeemeeuw",
    "Bouwbedrijf Mulder",
    "Kinderopvang Het Nest",
];

pub(super) const VACATURENAMEN: [&str; 12] = [
    "Heftruckchauffeur",
    "Verzorgende IG",
    "Medewerker bediening",
    "Monteur installatietechniek",
    "Administratief medewerker",
    "Orderpicker",
    "Kok",
    "Schoonmaker",
    "Chauffeur C",
    "Verkoopmedewerker",
    "Pedagogisch medewerker",
    "Hovenier",
];

pub(super) const STRATEN: [&str; 8] = [
    "Dorpsstraat",
    "Kerkstraat",
    "Industrieweg",
    "Havenweg",
    "Stationsplein",
    "Molenweg",
    "Nieuwe Markt",
    "Ravenswade",
];

pub(super) const TALEN: [&str; 8] = ["nld", "eng", "deu", "fra", "pol", "tur", "ara", "ukr"];

/// A text of `words` words from [`WOORDEN`] (no digits, so nothing in it looks like an identifier).
pub(super) fn zin(rng: &mut super::rng::Rng, words: usize) -> String {
    let mut text = String::from("Ik heb");
    for _ in 0..words {
        text.push(' ');
        let word: &&str = rng.pick(&WOORDEN);
        text.push_str(word);
    }
    text.push('.');
    text
}

/// A text of exactly `length` ASCII characters (the boundary of String2000).
pub(super) fn text_of_length(length: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < length {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(WOORDEN[i % WOORDEN.len()]);
        i += 1;
    }
    text.truncate(length);
    text
}

/// Canary e-mail address of a profile: recognisable, and in a reserved domain.
pub(super) fn kanarie_email(id: &str) -> String {
    format!("kanarie.{id}@vum-testset.invalid")
}

/// Canary mobile number `06-9xxxxxxx` of the `n`th profile (fits Telefoonnummer, 14 characters).
pub(super) fn kanarie_telefoon(n: usize) -> String {
    format!("06-9{:07}", n % 10_000_000)
}

/// Whether nine digits pass the BSN eleven test (weights 9…2 and −1).
pub fn is_bsn(digits: &str) -> bool {
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: i64 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            let d = i64::from(b - b'0');
            if i == 8 { -d } else { d * (9 - i as i64) }
        })
        .sum();
    sum % 11 == 0 && digits != "000000000"
}

/// The `n`th BSN-like canary: nine digits in the test range 999 9xx xxx that pass the eleven test.
pub(super) fn kanarie_bsn(n: usize) -> String {
    (999_900_000u64..=999_999_999)
        .map(|v| v.to_string())
        .filter(|s| is_bsn(s))
        .nth(n % 5000)
        .unwrap_or_else(|| "999990019".to_owned())
}

/// Whether an IBAN passes the ISO 13616 mod-97 check.
pub fn iban_is_valid(iban: &str) -> bool {
    let iban: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    if iban.len() < 15 || !iban.is_ascii() {
        return false;
    }
    let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
    let mut remainder = 0u32;
    for c in rearranged.chars() {
        let value = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => return false,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

/// The `n`th Dutch IBAN canary, at the fictitious bank code `VUMT`.
pub(super) fn kanarie_iban(n: usize) -> String {
    let account = format!("{:010}", 1_000_000 + n);
    (0..100)
        .map(|check| format!("NL{check:02}VUMT{account}"))
        .find(|iban| iban_is_valid(iban))
        .unwrap_or_default()
}

/// The competences of the Texel cluster, in the sets of the versions that search on them
/// (`competenties`, 3.1.0): per profile the list `competentiebeheersing` (`Some(k)` is competence
/// `C<k+1>` of the README, `None` an element without `codeCompetentie`), or no list at all. The
/// README states the answers within 15 km of 1791AA (`text::COMPETENTIES_ANTWOORDEN`).
pub(super) const TEXEL_COMPETENTIES: [(&str, Option<&[Option<usize>]>); 12] = [
    ("wz-t01", Some(&[Some(0), Some(1)])),
    ("wz-t02", Some(&[Some(1)])),
    ("wz-t03", Some(&[Some(2), Some(0)])),
    ("wz-t04", Some(&[])),
    ("wz-t05", Some(&[Some(2)])),
    ("wz-t06", Some(&[None])),
    ("wz-t07", Some(&[Some(0)])),
    ("wz-t08", Some(&[Some(3), Some(1)])),
    ("wz-t09", Some(&[Some(0)])),
    ("wz-t10", Some(&[Some(4)])),
    ("wz-t11", None),
    ("wz-t12", Some(&[Some(1), Some(2)])),
];

/// The competences section of the README of a version whose question has `competenties`.
fn competenties_section() -> String {
    let mut out = String::from(
        "## Competences in the Texel cluster\n\n\
         From this version the job-seeker question can ask for a competence (`competenties`, an\n\
         `$elemMatch` on `codeCompetentie` of `arbeidsmarktkwalificatie.competentiebeheersing`).\n\
         The Texel profiles carry these competences (`-` no list, `[]` an empty list, `(geen code)`\n\
         an element without `codeCompetentie`):\n\n| code | URI |\n|---|---|\n",
    );
    for k in 0..5 {
        out.push_str(&format!("| C{} | `{}` |\n", k + 1, competentie(k)));
    }
    out.push_str("\n| profile | competences |\n|---|---|\n");
    for (id, lijst) in TEXEL_COMPETENTIES {
        let text = match lijst {
            None => "-".to_owned(),
            Some([]) => "[]".to_owned(),
            Some(items) => items
                .iter()
                .map(|k| k.map_or_else(|| "(geen code)".to_owned(), |k| format!("C{}", k + 1)))
                .collect::<Vec<_>>()
                .join(", "),
        };
        out.push_str(&format!("| {id} | {text} |\n"));
    }
    out.push_str(&format!(
        "\nAsked within 15 km of 1791AA (wz-t09 travels at most 2 km): {}.\n\n",
        COMPETENTIES_ANTWOORDEN
            .iter()
            .map(|(code, ids)| format!("{code} → {ids}"))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    out
}

/// The answers to a question for one competence within 15 km of 1791AA, as the README states them
/// (a test derives them from the set).
pub const COMPETENTIES_ANTWOORDEN: [(&str, &str); 5] = [
    ("C1", "wz-t01, wz-t03, wz-t07"),
    ("C2", "wz-t01, wz-t02, wz-t08, wz-t12"),
    ("C3", "wz-t03, wz-t05, wz-t12"),
    ("C4", "wz-t08"),
    ("C5", "wz-t10"),
];

/// The README beside the published files.
pub(super) fn readme(
    set: &TestSet,
    werkzoekenden: &str,
    vacatures: &str,
    versie: Versienummer,
    met_competenties: bool,
) -> String {
    let sha = |text: &str| {
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let count =
        |prefix: &str, ids: &[String]| ids.iter().filter(|id| id.starts_with(prefix)).count();
    let wz_ids: Vec<String> = set
        .werkzoekenden
        .iter()
        .filter_map(|w| w.id_werkzoekende.as_ref().map(ToString::to_string))
        .collect();
    let vac_ids: Vec<String> = set
        .vacatures
        .iter()
        .map(|v| v.id_vacature.to_string())
        .collect();
    let mut clusters = String::new();
    for c in CLUSTERS {
        clusters.push_str(&format!(
            "| {} | {} | {} |\n",
            c.name, c.centre_pc4, c.purpose
        ));
    }
    let mut beroepen = String::new();
    for (k, _) in BEROEPEN.iter().enumerate().take(8) {
        beroepen.push_str(&format!("| B{} | `{}` |\n", k + 1, beroep(k)));
    }
    let competenties = if met_competenties {
        competenties_section()
    } else {
        String::new()
    };
    format!(
        "# VUM {versie} certification test set\n\n\
         Generated by `cargo run -p vum-spec -- testdata` from seed `{SEED:#018x}`; do not edit.\n\
         A node under test loads both files before a conformance run (for the reference node:\n\
         `vum-node import --db node.db --kind werkzoekende werkzoekenden.json`, likewise\n\
         `--kind vacature vacatures.json`).\n\n\
         | file | records | SHA-256 |\n|---|---|---|\n\
         | `werkzoekenden.json` | {} | `{}` |\n| `vacatures.json` | {} | `{}` |\n\n\
         ## What is in it\n\n\
         * Bulk: {} job seekers (`wz-0001`…) and {} vacancies (`vac-0001`…) in real PC4 areas all over\n  \
           the country, more than {RESERVED_RADIUS_KM} km from every cluster centre. Every value of every code\n  \
           list occurs; boundary values occur (0 and 99 hours, 0 and 999 km, texts of exactly 2000\n  \
           characters); so do empty arrays, empty objects and absent optional objects, and profiles\n  \
           without `mobiliteit` (job seekers) or `adres` (vacancies), which no question can find.\n\
         * Contact data only where `indicatieBeschikbaarheidContactgegevens` is 1. Canary values live\n  \
           only in detail-only fields: e-mail `kanarie.<id>@vum-testset.invalid`, phone `06-9xxxxxxx`,\n  \
           a BSN-like number (`9999xxxxx`, passes the eleven test) and an IBAN at bank code `VUMT`\n  \
           in `persoonlijkePresentatie`, and the same kinds in contact persons. None may ever appear\n  \
           in a matching profile.\n\
         * Clusters on the Wadden islands, for questions with written-out answers (a question centred\n  \
           in a cluster with `afstand` at most {CLUSTER_MAX_AFSTAND_KM} km sees only that cluster):\n\n\
         | cluster | centre PC4 | purpose |\n|---|---|---|\n{clusters}\n\
         Cluster ids: job seekers `wz-t…` (Texel: {}), `wz-a…` (Ameland: {}); vacancies `vac-t…`\n\
         (Terschelling: {}), `vac-s…` (Schiermonnikoog: {}).\n\n\
         ## Occupations used in the clusters\n\n| code | URI |\n|---|---|\n{beroepen}\n\
         {competenties}\
         ## Test OINs\n\n\
         | party | OIN |\n|---|---|\n\
         | uitwisselingsvoorziening | `{}` |\n| bron (controller) | `{}` |\n| bron (processor) | `{}` |\n\
         | bemiddelaar, SUWI | `{}` |\n| verwerker van de bemiddelaar | `{}` |\n| bemiddelaar, niet SUWI | `{}` |\n",
        set.werkzoekenden.len(),
        sha(werkzoekenden),
        set.vacatures.len(),
        sha(vacatures),
        count("wz-0", &wz_ids) + count("wz-1", &wz_ids),
        count("vac-0", &vac_ids),
        count("wz-t", &wz_ids),
        count("wz-a", &wz_ids),
        count("vac-t", &vac_ids),
        count("vac-s", &vac_ids),
        super::oins::UITWISSELING,
        super::oins::BRON,
        super::oins::BRON_VERWERKER,
        super::oins::BEMIDDELAAR,
        super::oins::BEMIDDELAAR_VERWERKER,
        super::oins::PARTICULIER,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canaries_are_what_the_harness_detects() {
        for n in [0, 1, 17, 999] {
            assert!(is_bsn(&kanarie_bsn(n)), "{}", kanarie_bsn(n));
            assert!(iban_is_valid(&kanarie_iban(n)), "{}", kanarie_iban(n));
            assert!(kanarie_telefoon(n).len() <= 14);
        }
        assert_ne!(kanarie_bsn(0), kanarie_bsn(1));
        assert!(is_bsn("111222333"));
        assert!(!is_bsn("111222334"));
        assert!(iban_is_valid("NL91ABNA0417164300"));
        assert!(!iban_is_valid("NL92ABNA0417164300"));
        assert_eq!(text_of_length(2000).len(), 2000);
    }
}
