//! The score card (`vum_spec::kwaliteit`) on the certification test set: a golden snapshot, and
//! copies degraded in known ways whose scores must move by what the weights say. The expected
//! movements are computed here by hand, from the weights written out below and from what each
//! degradation changed; only the base counts come from the library's card of the undegraded set.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::{Value, json};
use vum_spec::kwaliteit::{Instellingen, Kind, Rapport, Scorekaart, meet};
use vum_spec::testdata;

const PEILDATUM: &str = "2026-12-01";
/// 365 days before [`PEILDATUM`]: a start or newest date before this is old.
const EEN_JAAR_GELEDEN: &str = "2025-12-01";

/// The weights of the module documentation of `kwaliteit`, copied by hand.
const VOLLEDIG_WERKZOEKENDE: [(&str, u32); 10] = [
    ("mobiliteit.bemiddelingspostcode", 30),
    ("bemiddelingsberoep[].codeBeroepsnaam", 15),
    ("flexibiliteit.datumAanvangBeschikbaarVoorWerk", 10),
    ("werktijden.aantalWerkurenPerWeekMaximaal", 8),
    ("werktijden.aantalWerkurenPerWeekMinimaal", 8),
    ("contractvorm[].codeTypeArbeidscontract", 8),
    ("arbeidsmarktkwalificatie.taalbeheersing[].codeTaal", 7),
    ("arbeidsmarktkwalificatie.rijbewijs[].codeSoortRijbewijs", 6),
    ("flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst", 4),
    ("werktijden.indicatieKantoortijden", 4),
];
const VOLLEDIG_VACATURE: [(&str, u32); 9] = [
    ("adres.postcode", 30),
    ("beroep.codeBeroepsnaam", 20),
    ("codeWerkEnDenkniveauMinimaal", 10),
    ("arbeidsVoorwaarden.datumAanvangWerkzaamheden", 8),
    ("werktijden.aantalWerkurenPerWeekMaximaal", 8),
    ("werktijden.aantalWerkurenPerWeekMinimaal", 8),
    ("taalbeheersing[].codeTaal", 6),
    ("rijbewijs[].codeSoortRijbewijs", 6),
    ("flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst", 4),
];
const BETROUWBAAR: [(&str, u32); 7] = [
    ("postcode", 20),
    ("identificatoren", 20),
    ("codes", 15),
    ("beroepscodes", 15),
    ("datums", 15),
    ("sleutel", 10),
    ("dubbeleInhoud", 5),
];
const ACTUEEL: [(&str, u32); 3] = [("laatsteDatum", 40), ("aanvang", 30), ("einde", 30)];

fn instellingen() -> Instellingen {
    Instellingen::standaard(PEILDATUM.parse().unwrap())
}

/// The committed set of a kind, parsed once per test process.
fn set(soort: Kind) -> Vec<Value> {
    static SETS: OnceLock<[Vec<Value>; 2]> = OnceLock::new();
    let parse = |text: Option<&str>| match serde_json::from_str(text.unwrap()).unwrap() {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    };
    let sets = SETS.get_or_init(|| {
        [
            parse(testdata::committed_werkzoekenden()),
            parse(testdata::committed_vacatures()),
        ]
    });
    sets[soort as usize].clone()
}

fn kaart(soort: Kind, docs: &[Value]) -> Scorekaart {
    meet(soort, docs, &instellingen()).unwrap()
}

/// The card of the undegraded set of a kind, computed once per test process.
fn basis(soort: Kind) -> Scorekaart {
    static KAARTEN: OnceLock<[Scorekaart; 2]> = OnceLock::new();
    KAARTEN.get_or_init(|| Kind::ALL.map(|soort| kaart(soort, &set(soort))))[soort as usize].clone()
}

fn rapport() -> Rapport {
    let kaarten = Kind::ALL.into_iter().map(basis).collect();
    Rapport::new(&instellingen(), instellingen().peildatum, kaarten)
}

#[test]
fn the_card_of_the_certification_test_set() {
    let rapport = rapport();
    insta::assert_snapshot!("kwaliteit_testset_json", rapport.json());
    insta::assert_snapshot!("kwaliteit_testset_tekst", rapport.tekst());
    for kaart in &rapport.kaarten {
        Verwachting::van(kaart).check(kaart);
    }
}

#[test]
fn the_card_holds_no_id_of_its_input() {
    let text = rapport().json();
    let mut checked = 0;
    for soort in Kind::ALL {
        for doc in set(soort) {
            let id = doc[soort.id_field()].as_str().unwrap().to_owned();
            assert!(!text.contains(&id), "{id} in the card");
            checked += 1;
        }
    }
    assert_eq!(checked, 1113 + 611);
    for personal in ["@", "kanarie", "NL", "06-9", "http"] {
        assert!(!text.contains(personal), "{personal:?} in the card");
    }
}

/// The counts a card should have, and its scores from them by the hand-written weights.
#[derive(Clone, Debug)]
struct Verwachting {
    soort: Kind,
    n: u64,
    gevuld: BTreeMap<String, u64>,
    betrouwbaar: BTreeMap<String, u64>,
    actueel: BTreeMap<String, u64>,
}

impl Verwachting {
    fn van(kaart: &Scorekaart) -> Self {
        Self {
            soort: kaart.soort,
            n: kaart.aantal_profielen,
            gevuld: kaart
                .volledig
                .velden
                .iter()
                .map(|(k, v)| (k.to_string(), v.gevuld))
                .collect(),
            betrouwbaar: kaart
                .betrouwbaar
                .regels
                .iter()
                .map(|(k, r)| (k.to_string(), r.afwijkend))
                .collect(),
            actueel: kaart
                .actueel
                .regels
                .iter()
                .map(|(k, r)| (k.to_string(), r.afwijkend))
                .collect(),
        }
    }

    fn volledig(&self) -> f64 {
        let weights: &[(&str, u32)] = match self.soort {
            Kind::Werkzoekende => &VOLLEDIG_WERKZOEKENDE,
            Kind::Vacature => &VOLLEDIG_VACATURE,
        };
        weights
            .iter()
            .map(|(veld, w)| f64::from(*w) * self.gevuld[*veld] as f64)
            .sum::<f64>()
            / self.n as f64
    }

    fn passed(&self, weights: &[(&str, u32)], afwijkend: &BTreeMap<String, u64>) -> f64 {
        weights
            .iter()
            .map(|(regel, w)| f64::from(*w) * (self.n - afwijkend[*regel]) as f64)
            .sum::<f64>()
            / self.n as f64
    }

    fn scores(&self) -> [f64; 3] {
        [
            self.volledig(),
            self.passed(&BETROUWBAAR, &self.betrouwbaar),
            self.passed(&ACTUEEL, &self.actueel),
        ]
    }

    /// The card has exactly these counts, and each score is the hand-computed one (the card
    /// rounds to one decimal).
    fn check(&self, kaart: &Scorekaart) {
        let actual = Self::van(kaart);
        assert_eq!(actual.n, self.n);
        assert_eq!(actual.gevuld, self.gevuld, "volledig counts");
        assert_eq!(actual.betrouwbaar, self.betrouwbaar, "betrouwbaar counts");
        assert_eq!(actual.actueel, self.actueel, "actueel counts");
        let card = [
            kaart.volledig.score,
            kaart.betrouwbaar.score,
            kaart.actueel.score,
        ];
        for ((name, expected), card) in ["volledig", "betrouwbaar", "actueel"]
            .iter()
            .zip(self.scores())
            .zip(card)
        {
            let card = card.unwrap();
            assert!(
                (card - expected).abs() <= 0.05 + 1e-9,
                "{name}: card {card}, by hand {expected}"
            );
        }
    }
}

/// Degrades a copy of the set of `soort`, and checks the card against the base card's counts
/// changed by `expect`. Prints the movement of each score.
/// `change` returns what it counted while degrading, for `expect`.
fn degrade<T: std::fmt::Debug>(
    soort: Kind,
    what: &str,
    change: impl FnOnce(&mut Vec<Value>) -> T,
    expect: impl FnOnce(&mut Verwachting, T),
) {
    let mut docs = set(soort);
    let base = basis(soort);
    let counted = change(&mut docs);
    let degraded = kaart(soort, &docs);
    let mut verwachting = Verwachting::van(&base);
    let shown = format!("{counted:?}");
    expect(&mut verwachting, counted);
    let before = Verwachting::van(&base).scores();
    let after = verwachting.scores();
    eprintln!(
        "{soort} {what} {shown}: volledig {:+.2}, betrouwbaar {:+.2}, actueel {:+.2} (card {:?} → {:?})",
        after[0] - before[0],
        after[1] - before[1],
        after[2] - before[2],
        [
            base.volledig.score,
            base.betrouwbaar.score,
            base.actueel.score
        ],
        [
            degraded.volledig.score,
            degraded.betrouwbaar.score,
            degraded.actueel.score
        ],
    );
    verwachting.check(&degraded);
}

fn filled(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(items) => items.iter().any(filled),
        Value::Object(members) => members.values().any(filled),
        _ => true,
    }
}

/// Profiles whose content apart from the id equals an earlier profile's (exact JSON equality, a
/// sufficient condition for the card's rule).
fn same_content(docs: &[Value], id: &str) -> u64 {
    let mut seen = std::collections::BTreeSet::new();
    let mut count = 0;
    for doc in docs {
        let mut content = doc.clone();
        content.as_object_mut().unwrap().remove(id);
        count += u64::from(!seen.insert(content.to_string()));
    }
    count
}

/// Every tenth profile (by position).
fn tiende(index: usize) -> bool {
    index.is_multiple_of(10)
}

#[test]
fn blanking_fields_on_a_tenth_of_the_profiles_costs_their_weight() {
    degrade(
        Kind::Werkzoekende,
        "bemiddelingsberoep and mobiliteit blanked on 10%",
        |docs| {
            let (mut beroep, mut postcode) = (0, 0);
            for (i, doc) in docs.iter_mut().enumerate().filter(|(i, _)| tiende(*i)) {
                let members = doc.as_object_mut().unwrap();
                let had_beroep = members.get("bemiddelingsberoep").is_some_and(|b| {
                    b.as_array()
                        .unwrap()
                        .iter()
                        .any(|e| filled(&e["codeBeroepsnaam"]))
                });
                beroep += u64::from(had_beroep);
                postcode += u64::from(members.contains_key("mobiliteit"));
                members.remove("bemiddelingsberoep");
                members.remove("mobiliteit");
                assert!(tiende(i));
            }
            // Blanked Ameland profiles keep only their hours: some become indistinguishable.
            (beroep, postcode, same_content(docs, "idWerkzoekende"))
        },
        |v, (beroep, postcode, same)| {
            assert!(beroep > 50 && postcode > 100, "{beroep} {postcode}");
            assert_eq!(v.betrouwbaar["dubbeleInhoud"], 0);
            *v.betrouwbaar.get_mut("dubbeleInhoud").unwrap() += same;
            *v.gevuld
                .get_mut("bemiddelingsberoep[].codeBeroepsnaam")
                .unwrap() -= beroep;
            *v.gevuld.get_mut("mobiliteit.bemiddelingspostcode").unwrap() -= postcode;
        },
    );
    degrade(
        Kind::Vacature,
        "adres blanked on 10%",
        |docs| {
            let mut adres = 0;
            for doc in docs.iter_mut().step_by(10) {
                let members = doc.as_object_mut().unwrap();
                adres += u64::from(members.remove("adres").is_some());
            }
            (adres, same_content(docs, "idVacature"))
        },
        |v, (adres, same)| {
            *v.betrouwbaar.get_mut("dubbeleInhoud").unwrap() += same;
            assert!(adres > 50, "{adres}");
            *v.gevuld.get_mut("adres.postcode").unwrap() -= adres;
        },
    );
}

#[test]
fn invalid_codes_and_occupation_uris_cost_their_weight() {
    degrade(
        Kind::Werkzoekende,
        "driving licence codes invalid on every 5th, occupation URIs numeric on every 7th",
        |docs| {
            let (mut rijbewijs, mut beroep) = (0u64, 0u64);
            for (i, doc) in docs.iter_mut().enumerate() {
                if i.is_multiple_of(5)
                    && let Some(first) =
                        doc.pointer_mut("/arbeidsmarktkwalificatie/rijbewijs/0/codeSoortRijbewijs")
                {
                    *first = json!("Z9");
                    rijbewijs += 1;
                }
                if i.is_multiple_of(7)
                    && let Some(first) = doc.pointer_mut("/bemiddelingsberoep/0/codeBeroepsnaam")
                {
                    *first = json!("1234567");
                    beroep += 1;
                }
            }
            (rijbewijs, beroep)
        },
        |v, (rijbewijs, beroep)| {
            assert!(rijbewijs > 100 && beroep > 100, "{rijbewijs} {beroep}");
            // Every code of the set is valid, so every degraded profile newly fails.
            assert_eq!(v.betrouwbaar["codes"], 0);
            assert_eq!(v.betrouwbaar["beroepscodes"], 0);
            *v.betrouwbaar.get_mut("codes").unwrap() += rijbewijs;
            *v.betrouwbaar.get_mut("beroepscodes").unwrap() += beroep;
        },
    );
    degrade(
        Kind::Vacature,
        "codeWerkEnDenkniveauMinimaal 8 on every 5th",
        |docs| {
            let mut niveau = 0;
            for doc in docs.iter_mut().step_by(5) {
                if let Some(code) = doc.get_mut("codeWerkEnDenkniveauMinimaal") {
                    *code = json!("8");
                    niveau += 1;
                }
            }
            niveau
        },
        |v, niveau| {
            assert!(niveau > 50, "{niveau}");
            assert_eq!(v.betrouwbaar["codes"], 0);
            *v.betrouwbaar.get_mut("codes").unwrap() += niveau;
        },
    );
}

/// The newest date of a profile: every string under a key with `datum` in its name (every date
/// field of the standard has it; every date of the test set is plausible).
fn newest(value: &Value) -> Option<String> {
    match value {
        Value::Object(members) => members
            .iter()
            .filter_map(|(key, v)| match v {
                Value::String(s) if key.to_lowercase().contains("datum") => Some(s.clone()),
                other => newest(other),
            })
            .max(),
        Value::Array(items) => items.iter().filter_map(newest).max(),
        _ => None,
    }
}

/// Whether the newest date is missing or older than a year: the `laatsteDatum` rule by hand.
fn old(doc: &Value) -> bool {
    newest(doc).is_none_or(|d| d.as_str() < EEN_JAAR_GELEDEN)
}

#[test]
fn aged_dates_cost_the_weight_of_the_rules_they_break() {
    degrade(
        Kind::Werkzoekende,
        "availability start 2024-12-01 on every 4th",
        |docs| {
            let (mut aanvang, mut laatste) = (0i64, 0i64);
            for doc in docs.iter_mut().step_by(4) {
                let was_old = old(doc);
                let Some(start) = doc.pointer_mut("/flexibiliteit/datumAanvangBeschikbaarVoorWerk")
                else {
                    continue;
                };
                let was_stale = start.as_str().unwrap() < EEN_JAAR_GELEDEN;
                *start = json!("2024-12-01");
                aanvang += i64::from(!was_stale);
                laatste += i64::from(old(doc)) - i64::from(was_old);
            }
            (aanvang, laatste)
        },
        |v, (aanvang, laatste)| {
            assert!(aanvang > 100 && laatste > 20, "{aanvang} {laatste}");
            let a = v.actueel.get_mut("aanvang").unwrap();
            *a = a.checked_add_signed(aanvang).unwrap();
            let l = v.actueel.get_mut("laatsteDatum").unwrap();
            *l = l.checked_add_signed(laatste).unwrap();
        },
    );
    degrade(
        Kind::Vacature,
        "closing date 2026-10-01 on every 4th",
        |docs| {
            let (mut einde, mut laatste) = (0i64, 0i64);
            for doc in docs.iter_mut().step_by(4) {
                let was_old = old(doc);
                let was_closed = doc["sluitingsdatumVacature"]
                    .as_str()
                    .is_some_and(|d| d < PEILDATUM);
                doc["sluitingsdatumVacature"] = json!("2026-10-01");
                einde += i64::from(!was_closed);
                laatste += i64::from(old(doc)) - i64::from(was_old);
            }
            (einde, laatste)
        },
        |v, (einde, laatste)| {
            // No other end date of the set lies before the reference date.
            assert!(einde > 50 && laatste < 0, "{einde} {laatste}");
            let e = v.actueel.get_mut("einde").unwrap();
            *e = e.checked_add_signed(einde).unwrap();
            let l = v.actueel.get_mut("laatsteDatum").unwrap();
            *l = l.checked_add_signed(laatste).unwrap();
        },
    );
}

#[test]
fn identifiers_in_free_text_cost_the_weight_of_their_rule() {
    degrade(
        Kind::Vacature,
        "BSN in omschrijvingVacature on every 5th, e-mail in the conditions on every 7th",
        |docs| {
            let mut besmet = 0;
            for (i, doc) in docs.iter_mut().enumerate() {
                let mut hit = false;
                if i.is_multiple_of(5)
                    && let Some(Value::String(text)) = doc.get_mut("omschrijvingVacature")
                {
                    text.push_str(" BSN 111222333.");
                    hit = true;
                }
                if i.is_multiple_of(7) && doc.get("arbeidsVoorwaarden").is_some() {
                    doc["arbeidsVoorwaarden"]["omschrijvingArbeidsvoorwaarden"] =
                        json!("Vragen? Mail p.jansen@voorbeeld.nl");
                    hit = true;
                }
                besmet += u64::from(hit);
            }
            besmet
        },
        |v, besmet| {
            assert!(besmet > 150, "{besmet}");
            assert_eq!(v.betrouwbaar["identificatoren"], 0);
            *v.betrouwbaar.get_mut("identificatoren").unwrap() += besmet;
        },
    );
}

#[test]
fn duplicated_profiles_cost_the_weight_of_the_id_and_content_rules() {
    degrade(
        Kind::Werkzoekende,
        "wz-t01 28 times more under its id, 28 times under new ids (5%)",
        |docs| {
            // wz-t01 fills every searchable field and passes every rule but `identificatoren`:
            // its personal presentation carries the canaries (README of the test set).
            let original = docs
                .iter()
                .find(|d| d["idWerkzoekende"] == "wz-t01")
                .unwrap()
                .clone();
            let canaries = original["persoonlijkePresentatie"]
                .as_str()
                .is_some_and(|t| t.contains('@'));
            for k in 0..28 {
                docs.push(original.clone());
                let mut copy = original.clone();
                copy["idWerkzoekende"] = json!(format!("wz-kopie-{k}"));
                docs.push(copy);
            }
            canaries
        },
        |v, canaries| {
            assert!(canaries);
            v.n += 56;
            for gevuld in v.gevuld.values_mut() {
                *gevuld += 56;
            }
            *v.betrouwbaar.get_mut("identificatoren").unwrap() += 56;
            *v.betrouwbaar.get_mut("sleutel").unwrap() += 28;
            *v.betrouwbaar.get_mut("dubbeleInhoud").unwrap() += 28;
        },
    );
}

fn vum_spec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vum-spec"))
        .args(args)
        .output()
        .unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-spec-kwaliteit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn testdata_file(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(vum_spec::VERSION)
        .join(name)
        .display()
        .to_string()
}

#[test]
fn the_command_prints_the_summary_and_writes_the_card() {
    let out = temp("card.json");
    let output = vum_spec(&[
        "kwaliteit",
        &testdata_file("werkzoekenden.json"),
        &testdata_file("vacatures.json"),
        "--datum",
        PEILDATUM,
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    for line in [
        "Kwaliteitstafel VUM 3.0.0, peildatum 2026-12-01",
        "Werkzoekenden: 1113 profielen",
        "Vacatures: 611 profielen",
        "puntverlies volledig:",
    ] {
        assert!(stdout.contains(line), "{line} missing in:\n{stdout}");
    }
    let card: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let library: Value = serde_json::from_str(&rapport().json()).unwrap();
    assert_eq!(card["kaarten"], library["kaarten"]);
    assert_eq!(card["schema"], "vum-kwaliteit/1");
    assert_eq!(card["specVersie"], "3.0.0");
    assert!(card["gegenereerd"].as_str().unwrap().len() == 10);
}

#[test]
fn the_command_takes_the_kind_from_the_id_field_of_ndjson() {
    let file = temp("vacatures.ndjson");
    let lines: Vec<String> = set(Kind::Vacature)
        .iter()
        .take(3)
        .map(Value::to_string)
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = temp("vacatures-card.json");
    let output = vum_spec(&[
        "kwaliteit",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let card: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(card["kaarten"][0]["soort"], "vacature");
    assert_eq!(card["kaarten"][0]["aantalProfielen"], 3);
}

#[test]
fn bad_input_is_named_by_file_record_and_field_with_exit_2() {
    let cases = [
        (
            "vorm.ndjson",
            "{\"idWerkzoekende\": \"a\"}\n{\"idWerkzoekende\": \"b\", \"mobiliteit\": \"1011AB\"}\n",
            "vorm.ndjson: record 2: veld /mobiliteit: verwacht een object, gevonden een tekst",
        ),
        (
            "gemengd.json",
            "[{\"idWerkzoekende\": \"a\"}, {\"idVacature\": \"v\"}]",
            "gemengd.json: record 2: het record is een vacature (veld idVacature), geen werkzoekende",
        ),
        (
            "zonder-id.json",
            "[{\"mobiliteit\": {\"bemiddelingspostcode\": \"1011AB\"}}]",
            "geef --soort werkzoekende of --soort vacature",
        ),
        ("kapot.json", "[{\"a\": ", "kapot.json is geen JSON"),
    ];
    for (name, text, message) in cases {
        let file = temp(name);
        std::fs::write(&file, text).unwrap();
        let output = vum_spec(&[
            "kwaliteit",
            file.to_str().unwrap(),
            "--out",
            temp("x.json").to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn usage_errors_exit_64() {
    let file = testdata_file("vacatures.json");
    for args in [
        vec!["kwaliteit"],
        vec!["kwaliteit", &file, "--datum", "2026-02-30"],
        vec!["kwaliteit", &file, "--soort", "persoon"],
        vec!["kwaliteit", &file, "--onbekend"],
    ] {
        let output = vum_spec(&args);
        assert_eq!(output.status.code(), Some(64), "{args:?}");
    }
    let output = vum_spec(&["kwaliteit", "--help"]);
    assert_eq!(output.status.code(), Some(0));
}
