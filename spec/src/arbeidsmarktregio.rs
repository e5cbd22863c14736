//! The 35 labour-market regions (*arbeidsmarktregio's*) and their municipalities, in which VUM is
//! rolled out region by region.
//!
//! The data is `data/arbeidsmarktregios.tsv` (embedded): one line per municipality with the
//! region's name as CBS spells it, the CBS municipality code (`GM0363`) and the municipality's
//! name, 2026 division. It is derived by [`afleiden`] from CBS StatLine table 86247NED and the CBS
//! municipality names (`cargo run -p vum-spec -- arbeidsmarktregios`); the attribution CBS's
//! licence (CC BY 4.0) requires is `data/LICENSE-arbeidsmarktregios`. The source has no region
//! codes, so neither has this module: a region is known by its name.
//!
//! A postcode's region cannot be looked up here: there is no open, current PC4 → municipality
//! table among the sources. The region of an endpoint follows from the municipality it serves.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde_json::Value;

const DATA: &str = include_str!("../data/arbeidsmarktregios.tsv");

/// A municipality (*gemeente*).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Gemeente {
    /// The CBS code, `GM` and four digits (`GM0363`).
    pub code: &'static str,
    /// The name (`Amsterdam`).
    pub naam: &'static str,
}

/// A labour-market region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arbeidsmarktregio {
    naam: &'static str,
    gemeenten: Vec<Gemeente>,
}

impl Arbeidsmarktregio {
    /// The name as CBS spells it (`Groot Amsterdam`).
    pub fn naam(&self) -> &'static str {
        self.naam
    }

    /// Its municipalities, by code.
    pub fn gemeenten(&self) -> &[Gemeente] {
        &self.gemeenten
    }
}

struct Tabel {
    regios: Vec<Arbeidsmarktregio>,
    /// Municipality code → (index of the region, the municipality), sorted by code.
    gemeenten: Vec<(&'static str, usize, Gemeente)>,
}

fn tabel() -> &'static Tabel {
    static TABEL: OnceLock<Tabel> = OnceLock::new();
    TABEL.get_or_init(|| parse(DATA))
}

/// Lines that are comments or malformed are skipped; the tests check all 35 regions and 342
/// municipalities, so a damaged data file cannot go unnoticed.
fn parse(text: &'static str) -> Tabel {
    let mut by_region: BTreeMap<&'static str, Vec<Gemeente>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&'static str> = line.split('\t').collect();
        if let [regio, code, naam] = fields[..] {
            by_region
                .entry(regio)
                .or_default()
                .push(Gemeente { code, naam });
        }
    }
    let regios: Vec<Arbeidsmarktregio> = by_region
        .into_iter()
        .map(|(naam, mut gemeenten)| {
            gemeenten.sort();
            Arbeidsmarktregio { naam, gemeenten }
        })
        .collect();
    let mut gemeenten: Vec<(&'static str, usize, Gemeente)> = regios
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.gemeenten.iter().map(move |g| (g.code, i, *g)))
        .collect();
    gemeenten.sort();
    Tabel { regios, gemeenten }
}

/// Every region, by name.
pub fn regios() -> &'static [Arbeidsmarktregio] {
    &tabel().regios
}

/// The region of exactly this name.
pub fn regio(naam: &str) -> Result<&'static Arbeidsmarktregio, OnbekendeRegio> {
    regios()
        .iter()
        .find(|r| r.naam == naam)
        .ok_or_else(|| OnbekendeRegio::voor(naam))
}

/// The region of a municipality, by its CBS code (`GM0363`).
pub fn regio_van_gemeente(code: &str) -> Option<&'static Arbeidsmarktregio> {
    let t = tabel();
    t.gemeenten
        .binary_search_by(|(c, _, _)| (*c).cmp(code))
        .ok()
        .map(|i| &t.regios[t.gemeenten[i].1])
}

/// A municipality by its CBS code.
pub fn gemeente(code: &str) -> Option<Gemeente> {
    let t = tabel();
    t.gemeenten
        .binary_search_by(|(c, _, _)| (*c).cmp(code))
        .ok()
        .map(|i| t.gemeenten[i].2)
}

/// A region name that does not exist, with the names that come close.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.melding())]
pub struct OnbekendeRegio {
    /// The name asked for.
    pub naam: String,
    /// Region names that come close (spelling, case, a part of the name), best first.
    pub bedoeld: Vec<&'static str>,
    /// When the name is a municipality: its region.
    pub gemeente_in: Option<&'static str>,
}

impl OnbekendeRegio {
    fn voor(naam: &str) -> Self {
        let wanted = naam.trim().to_lowercase();
        let mut close: Vec<(usize, &'static str)> = regios()
            .iter()
            .filter_map(|r| {
                let candidate = r.naam.to_lowercase();
                let distance = levenshtein(&wanted, &candidate);
                let part = !wanted.is_empty()
                    && (candidate.contains(&wanted) || wanted.contains(&candidate));
                let near = distance <= (wanted.chars().count() / 4).max(2);
                (part || near).then_some((distance, r.naam))
            })
            .collect();
        close.sort();
        let gemeente_in = tabel()
            .gemeenten
            .iter()
            .find(|(_, _, g)| g.naam.to_lowercase() == wanted)
            .map(|(_, i, _)| regios()[*i].naam);
        Self {
            naam: naam.to_owned(),
            bedoeld: close.into_iter().take(3).map(|(_, n)| n).collect(),
            gemeente_in,
        }
    }

    fn melding(&self) -> String {
        let mut text = format!("onbekende arbeidsmarktregio {:?}", self.naam);
        if let Some(regio) = self.gemeente_in {
            let _ = write!(text, "; {} is een gemeente in {regio:?}", self.naam.trim());
        }
        if !self.bedoeld.is_empty() {
            let names: Vec<String> = self.bedoeld.iter().map(|n| format!("{n:?}")).collect();
            let _ = write!(text, "; bedoelt u {}?", names.join(" of "));
        } else if self.gemeente_in.is_none() {
            let names: Vec<&str> = regios().iter().map(Arbeidsmarktregio::naam).collect();
            let _ = write!(text, "; de regio's zijn: {}", names.join(", "));
        }
        text
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// Why the sources cannot be turned into the data file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AfleidingFout {
    /// The region file is not the expected JSON.
    #[error("arbeidsmarktregio_gemeente.json: {0}")]
    Regios(String),
    /// A line of the municipality file is not `GMxxxx<TAB>name`.
    #[error("gemeenten-2025.tsv regel {regel}: verwacht GMxxxx<tab>naam")]
    Gemeenteregel {
        /// 1-based line number.
        regel: usize,
    },
    /// A municipality in one source is not in the other.
    #[error("gemeente GM{code} staat wel in {wel}, niet in {niet}")]
    Ontbreekt {
        /// The four digits.
        code: String,
        /// The file it is in.
        wel: &'static str,
        /// The file it is missing from.
        niet: &'static str,
    },
}

/// The text of `data/arbeidsmarktregios.tsv` from the two source files in `shared/geo`:
/// `arbeidsmarktregio_gemeente.json` (municipality code → region, with its `_bron`) and
/// `gemeenten-2025.tsv` (`GMxxxx<TAB>name`). Every municipality must be in both.
pub fn afleiden(regio_json: &str, gemeenten_tsv: &str) -> Result<String, AfleidingFout> {
    let json: Value =
        serde_json::from_str(regio_json).map_err(|e| AfleidingFout::Regios(e.to_string()))?;
    let regio_van = json
        .get("gemeenten")
        .and_then(Value::as_object)
        .ok_or_else(|| AfleidingFout::Regios("geen object \"gemeenten\"".to_owned()))?;
    let bron = |key: &str| {
        json.pointer(&format!("/_bron/{key}"))
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_owned()
    };
    let mut namen: BTreeMap<String, String> = BTreeMap::new();
    for (index, line) in gemeenten_tsv.lines().enumerate() {
        let parsed = line.split_once('\t').and_then(|(code, naam)| {
            let digits = code.strip_prefix("GM")?;
            let valid = digits.len() == 4
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !naam.trim().is_empty();
            valid.then(|| (digits.to_owned(), naam.trim().to_owned()))
        });
        let (code, naam) = parsed.ok_or(AfleidingFout::Gemeenteregel { regel: index + 1 })?;
        namen.insert(code, naam);
    }
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (code, regio) in regio_van {
        let regio = regio
            .as_str()
            .ok_or_else(|| AfleidingFout::Regios(format!("regio van {code} is geen tekst")))?;
        let naam = namen.get(code).ok_or_else(|| AfleidingFout::Ontbreekt {
            code: code.clone(),
            wel: "arbeidsmarktregio_gemeente.json",
            niet: "gemeenten-2025.tsv",
        })?;
        rows.push((regio.to_owned(), format!("GM{code}"), naam.clone()));
    }
    if let Some(code) = namen.keys().find(|c| !regio_van.contains_key(*c)) {
        return Err(AfleidingFout::Ontbreekt {
            code: code.clone(),
            wel: "gemeenten-2025.tsv",
            niet: "arbeidsmarktregio_gemeente.json",
        });
    }
    rows.sort();
    let regions = rows
        .iter()
        .map(|(r, _, _)| r.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mut text = format!(
        "# Labour-market regions (arbeidsmarktregio's) and their municipalities: {regions} regions, {} \
         municipalities.\n\
         # Bron: CBS. Regions: StatLine table {} \"{}\" (retrieved {}), CC BY 4.0.\n\
         # Municipality names: CBS, 2025 division (codes identical to 2026).\n\
         # Attribution and licence: LICENSE-arbeidsmarktregios. Derived from shared/geo by\n\
         # `cargo run -p vum-spec -- arbeidsmarktregios`; do not edit.\n\
         # regio\tgemeentecode\tgemeentenaam\n",
        rows.len(),
        bron("tabel"),
        bron("titel"),
        bron("opgehaald"),
    );
    for (regio, code, naam) in rows {
        let _ = writeln!(text, "{regio}\t{code}\t{naam}");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_five_regions_and_every_municipality_in_exactly_one() {
        assert_eq!(regios().len(), 35);
        let total: usize = regios().iter().map(|r| r.gemeenten().len()).sum();
        assert_eq!(total, 342);
        assert_eq!(tabel().gemeenten.len(), 342);
        assert!(
            tabel().gemeenten.windows(2).all(|w| w[0].0 < w[1].0),
            "a code twice"
        );
        for r in regios() {
            assert!(!r.gemeenten().is_empty());
            for g in r.gemeenten() {
                assert_eq!(
                    regio_van_gemeente(g.code).map(Arbeidsmarktregio::naam),
                    Some(r.naam())
                );
                assert!(g.code.len() == 6 && g.code.starts_with("GM"), "{g:?}");
            }
        }
        assert!(regios().windows(2).all(|w| w[0].naam < w[1].naam));
    }

    #[test]
    fn known_municipalities_and_regions() {
        let amsterdam = regio_van_gemeente("GM0363").unwrap();
        assert_eq!(amsterdam.naam(), "Groot Amsterdam");
        assert_eq!(gemeente("GM0363").unwrap().naam, "Amsterdam");
        assert_eq!(regio_van_gemeente("GM0014").unwrap().naam(), "Groningen");
        assert_eq!(regio("Friesland").unwrap().gemeenten().len(), 18);
        assert_eq!(regio("Gorinchem").unwrap().gemeenten().len(), 3);
        assert!(
            regio("Groot Amsterdam")
                .unwrap()
                .gemeenten()
                .iter()
                .any(|g| g.naam == "Amstelveen")
        );
        assert_eq!(regio_van_gemeente("0363"), None);
        assert_eq!(regio_van_gemeente("GM9999"), None);
    }

    #[test]
    fn a_wrong_name_is_answered_with_close_names() {
        let err = regio("Rijnmund").unwrap_err();
        assert_eq!(err.bedoeld, vec!["Rijnmond"]);
        assert_eq!(
            err.to_string(),
            "onbekende arbeidsmarktregio \"Rijnmund\"; bedoelt u \"Rijnmond\"?"
        );
        assert_eq!(
            regio("groot amsterdam").unwrap_err().bedoeld,
            vec!["Groot Amsterdam"]
        );
        let err = regio("Amsterdam").unwrap_err();
        assert_eq!(err.bedoeld, vec!["Groot Amsterdam"]);
        assert_eq!(err.gemeente_in, Some("Groot Amsterdam"));
        assert!(
            regio("Utrecht")
                .unwrap_err()
                .bedoeld
                .contains(&"Midden-Utrecht")
        );
        let err = regio("Atlantis").unwrap_err();
        assert!(err.bedoeld.is_empty());
        assert!(err.to_string().contains("Achterhoek, Amersfoort"), "{err}");
    }

    #[test]
    fn derivation_joins_the_sources_and_names_what_is_missing() {
        let json = r#"{"_bron": {"tabel": "T", "titel": "Titel", "opgehaald": "2026-01-01"},
                       "gemeenten": {"0363": "Groot Amsterdam", "0014": "Groningen"}}"#;
        let text = afleiden(json, "GM0014\tGroningen\nGM0363\tAmsterdam\n").unwrap();
        let rows: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            rows,
            vec![
                "Groningen\tGM0014\tGroningen",
                "Groot Amsterdam\tGM0363\tAmsterdam"
            ]
        );
        assert!(text.contains("2 regions, 2 municipalities"));
        assert!(text.contains("StatLine table T \"Titel\" (retrieved 2026-01-01)"));
        assert_eq!(
            afleiden(json, "GM0014\tGroningen\n")
                .unwrap_err()
                .to_string(),
            "gemeente GM0363 staat wel in arbeidsmarktregio_gemeente.json, niet in gemeenten-2025.tsv"
        );
        assert!(afleiden(json, "GM0014 Groningen\n").is_err());
        assert!(afleiden("[]", "").is_err());
    }
}
