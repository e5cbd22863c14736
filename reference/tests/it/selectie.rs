//! Query semantics, table-driven against the certification test set, with the expected ids
//! written out: every operator and criterion, the three aliased criteria, unknown criteria and
//! operators, absent fields, and distance edges. Texel (1791) holds the job-seeker cluster,
//! Terschelling (8881) the vacancy cluster; distances from 1791: 1792 3.90 km, 1793 2.94,
//! 1794 6.67, 1795 10.52, 1796 4.39, 1797 4.22; from 8881 to 8899 (Vlieland) 12.75 km.

use serde_json::{Value, json};

use crate::support::{TestNode, VAC, WZ, post, range};

const B1: &str = "https://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419";
const B2: &str = "https://linkeddata.competentnl.nl/uwv/id/occupation/F380A4DF5A";
const B3: &str = "https://linkeddata.competentnl.nl/uwv/id/occupation/A58306D03B";

struct Case {
    name: &'static str,
    path: &'static str,
    vraag: Value,
    ids: Vec<&'static str>,
    more: bool,
}

fn texel(extra: Value) -> Value {
    gebied("1791AA", 15, extra)
}

fn terschelling(extra: Value) -> Value {
    gebied("8881AA", 15, extra)
}

fn gebied(postcode: &str, afstand: u16, extra: Value) -> Value {
    let mut vraag = json!({"selectiegebied": {"postcode": postcode, "afstand": afstand}});
    if let Value::Object(criteria) = extra {
        vraag.as_object_mut().unwrap().extend(criteria);
    }
    vraag
}

const ALL_TEXEL: [&str; 11] = [
    "wz-t01", "wz-t02", "wz-t10", "wz-t05", "wz-t12", "wz-t03", "wz-t04", "wz-t08", "wz-t06",
    "wz-t11", "wz-t07",
];

fn werkzoekende_cases() -> Vec<Case> {
    let case = |name, vraag, ids: &[&'static str]| Case {
        name,
        path: WZ,
        vraag,
        ids: ids.to_vec(),
        more: false,
    };
    vec![
        // selectiegebied, the profile's own travel distance, distance edges
        case(
            "alleen selectiegebied; wz-t09 reist hoogstens 2 km (4,22 km)",
            texel(json!({})),
            &ALL_TEXEL,
        ),
        case(
            "afstand 11 omvat 1795 (10,52 km)",
            gebied("1791AA", 11, json!({})),
            &ALL_TEXEL,
        ),
        case(
            "afstand 10 niet meer",
            gebied("1791AA", 10, json!({})),
            &ALL_TEXEL[..10],
        ),
        case(
            "afstand 3 omvat 1793 (2,94 km)",
            gebied("1791AA", 3, json!({})),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t05", "wz-t12"],
        ),
        case(
            "afstand 2 niet meer",
            gebied("1791AA", 2, json!({})),
            &["wz-t01", "wz-t02", "wz-t10"],
        ),
        case(
            "afstand 0: alleen het eigen PC4, ook met reisafstand 0",
            gebied("1791AA", 0, json!({})),
            &["wz-t01", "wz-t02", "wz-t10"],
        ),
        case(
            "kleine letters in de postcode",
            gebied("1791aa", 0, json!({})),
            &["wz-t01", "wz-t02", "wz-t10"],
        ),
        case(
            "vanuit 1797: wz-t09 wel, wz-t10 (reisafstand 0) niet",
            gebied("1797ZZ", 5, json!({})),
            &["wz-t09", "wz-t01", "wz-t02"],
        ),
        case(
            "vanuit 1792: wz-t09 (2 km) en wz-t10 (0 km) vallen af",
            gebied("1792AB", 15, json!({})),
            &[
                "wz-t03", "wz-t04", "wz-t01", "wz-t02", "wz-t05", "wz-t12", "wz-t06", "wz-t11",
                "wz-t08", "wz-t07",
            ],
        ),
        // bemiddelingsberoep: $elemMatch / $or / $eq on the alias beroep.codeBeroepsnaam
        case(
            "bemiddelingsberoep B1",
            texel(
                json!({"bemiddelingsberoep": {"$elemMatch": {"$or": [{"beroep.codeBeroepsnaam": {"$eq": B1}}]}}}),
            ),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t05", "wz-t08"],
        ),
        case(
            "bemiddelingsberoep B2 of B3",
            texel(json!({"bemiddelingsberoep": {"$elemMatch": {"$or": [
                {"beroep.codeBeroepsnaam": {"$eq": B2}}, {"beroep.codeBeroepsnaam": {"$eq": B3}}]}}})),
            &["wz-t02", "wz-t12", "wz-t03", "wz-t08", "wz-t07"],
        ),
        case(
            "bemiddelingsberoep dat niemand heeft",
            texel(
                json!({"bemiddelingsberoep": {"$elemMatch": {"$or": [{"beroep.codeBeroepsnaam": {"$eq": "https://linkeddata.competentnl.nl/uwv/id/occupation/0000000000"}}]}}}),
            ),
            &[],
        ),
        // contractvorm
        case(
            "contractvorm onbepaalde tijd",
            texel(
                json!({"contractvorm": {"$elemMatch": {"$or": [{"codeTypeArbeidscontract": {"$eq": "O"}}]}}}),
            ),
            &["wz-t01", "wz-t10", "wz-t05", "wz-t12", "wz-t03", "wz-t07"],
        ),
        case(
            "contractvorm bepaalde tijd (wz-t11 heeft een contractvorm zonder type)",
            texel(
                json!({"contractvorm": {"$elemMatch": {"$or": [{"codeTypeArbeidscontract": {"$eq": "B"}}]}}}),
            ),
            &["wz-t02", "wz-t03", "wz-t08", "wz-t06"],
        ),
        // $eq on indications; 0 (onbekend) never equals 1 or 2; absent never equals anything
        case(
            "onregelmatig werk ja",
            texel(json!({"flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 1}})),
            &["wz-t01", "wz-t10", "wz-t03", "wz-t06", "wz-t07"],
        ),
        case(
            "onregelmatig werk nee",
            texel(json!({"flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 2}})),
            &["wz-t02", "wz-t05", "wz-t08"],
        ),
        case(
            "kantoortijden ja",
            texel(json!({"werktijden.indicatieKantoortijden": {"$eq": 1}})),
            &["wz-t01", "wz-t10", "wz-t05", "wz-t03", "wz-t08", "wz-t07"],
        ),
        case(
            "kantoortijden nee",
            texel(json!({"werktijden.indicatieKantoortijden": {"$eq": 2}})),
            &["wz-t02", "wz-t12", "wz-t06"],
        ),
        // rijbewijs: $all of $elemMatch
        case(
            "rijbewijs B",
            texel(
                json!({"arbeidsmarktkwalificatie.rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "B"}}}]}}),
            ),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t12", "wz-t08", "wz-t06"],
        ),
        case(
            "rijbewijs B en C",
            texel(json!({"arbeidsmarktkwalificatie.rijbewijs": {"$all": [
                {"$elemMatch": {"codeSoortRijbewijs": {"$eq": "B"}}}, {"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}]}})),
            &["wz-t02", "wz-t12"],
        ),
        case(
            "rijbewijs C en CE",
            texel(json!({"arbeidsmarktkwalificatie.rijbewijs": {"$all": [
                {"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}, {"$elemMatch": {"codeSoortRijbewijs": {"$eq": "CE"}}}]}})),
            &["wz-t12", "wz-t03"],
        ),
        // taalbeheersing: $all of $elemMatch with $eq and $gte, one element per condition
        case(
            "Nederlands mondeling minstens goed",
            texel(json!({"arbeidsmarktkwalificatie.taalbeheersing": {"$all": [
                {"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}}]}})),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t05", "wz-t08", "wz-t07"],
        ),
        case(
            "Nederlands schriftelijk minstens goed (afwezig niveau telt niet)",
            texel(json!({"arbeidsmarktkwalificatie.taalbeheersing": {"$all": [
                {"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingSchriftelijk": {"$gte": 3}}}]}})),
            &["wz-t01", "wz-t10", "wz-t05", "wz-t07"],
        ),
        case(
            "Nederlands mondeling en schriftelijk minstens redelijk",
            texel(
                json!({"arbeidsmarktkwalificatie.taalbeheersing": {"$all": [{"$elemMatch": {
                "codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 2}, "codeNiveauTaalbeheersingSchriftelijk": {"$gte": 2}}}]}}),
            ),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t05", "wz-t12", "wz-t07"],
        ),
        case(
            "Nederlands en Engels uitstekend, in verschillende elementen",
            texel(json!({"arbeidsmarktkwalificatie.taalbeheersing": {"$all": [
                {"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 2}}},
                {"$elemMatch": {"codeTaal": {"$eq": "eng"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 4}}}]}})),
            &["wz-t03"],
        ),
        case(
            "een taal die niemand heeft",
            texel(
                json!({"arbeidsmarktkwalificatie.taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "fry"}}}]}}),
            ),
            &[],
        ),
        // the root-level alias datumAanvangBeschikbaarVoorWerk → flexibiliteit.…
        case(
            "beschikbaar uiterlijk 1 december 2026",
            texel(json!({"datumAanvangBeschikbaarVoorWerk": {"$lte": "2026-12-01"}})),
            &["wz-t01", "wz-t10", "wz-t03", "wz-t07"],
        ),
        // working hours
        case(
            "maximaal minstens 36 uur",
            texel(json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 36}})),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t12", "wz-t06"],
        ),
        case(
            "minimaal hoogstens 16 uur",
            texel(json!({"werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 16}})),
            &["wz-t05", "wz-t03", "wz-t08", "wz-t11"],
        ),
        case(
            "overlap met 24 tot 32 uur",
            texel(
                json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 24}, "werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 32}}),
            ),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t03", "wz-t07"],
        ),
        case(
            "combinatie: beroep B1, onbepaalde tijd, Nederlands mondeling uitstekend",
            texel(json!({
                "bemiddelingsberoep": {"$elemMatch": {"$or": [{"beroep.codeBeroepsnaam": {"$eq": B1}}]}},
                "contractvorm": {"$elemMatch": {"$or": [{"codeTypeArbeidscontract": {"$eq": "O"}}]}},
                "arbeidsmarktkwalificatie.taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 4}}}]}})),
            &["wz-t01", "wz-t10", "wz-t05"],
        ),
        // unknown criteria and operators are ignored, never an error
        case(
            "onbekend criterium",
            texel(json!({"sector.codeSbi": {"$eq": 4711}, "toekomst": {"$in": [1]}})),
            &ALL_TEXEL,
        ),
        case(
            "onbekende operator in een bekend criterium",
            texel(json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$lt": 20}})),
            &ALL_TEXEL,
        ),
        case(
            "onbekende sleutel naast een bekende telt niet, de bekende wel",
            texel(json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 36, "$ne": 40}})),
            &["wz-t01", "wz-t02", "wz-t10", "wz-t12", "wz-t06"],
        ),
        case(
            "een alternatief zonder bekende voorwaarde maakt het criterium leeg",
            texel(
                json!({"bemiddelingsberoep": {"$elemMatch": {"$or": [{"beroep.codeBeroepsnaam": {"$eq": B1}}, {"beroep.codeIsco": {"$eq": "8344"}}]}}}),
            ),
            &ALL_TEXEL,
        ),
    ]
}

fn vacature_cases() -> Vec<Case> {
    let case = |name, vraag, ids: &[&'static str]| Case {
        name,
        path: VAC,
        vraag,
        ids: ids.to_vec(),
        more: false,
    };
    let all = [
        "vac-t01", "vac-t02", "vac-t03", "vac-t04", "vac-t09", "vac-t08", "vac-t05", "vac-t06",
        "vac-t07",
    ];
    vec![
        case(
            "alleen selectiegebied; vac-t10 heeft geen adres",
            terschelling(json!({})),
            &all,
        ),
        case(
            "afstand 12 omvat Vlieland (12,75 km) niet",
            gebied("8881AA", 12, json!({})),
            &all[..8],
        ),
        case(
            "beroep B1",
            terschelling(json!({"beroep.codeBeroepsnaam": {"$eq": B1}})),
            &["vac-t01", "vac-t03", "vac-t09", "vac-t06"],
        ),
        case(
            "bekend niveau vanaf mbo/havo/vwo",
            terschelling(json!({"codeWerkEnDenkniveauMinimaal": {"$lt": "7", "$gte": "4"}})),
            &["vac-t01", "vac-t02", "vac-t08"],
        ),
        case(
            "elk bekend niveau",
            terschelling(json!({"codeWerkEnDenkniveauMinimaal": {"$lt": "7"}})),
            &[
                "vac-t01", "vac-t02", "vac-t09", "vac-t08", "vac-t05", "vac-t06", "vac-t07",
            ],
        ),
        case(
            "niveau (nog) niet bekend",
            terschelling(json!({"codeWerkEnDenkniveauMinimaal": {"$eq": "7"}})),
            &["vac-t03"],
        ),
        case(
            "aanvang op of na 1 december 2026 (alias arbeidsVoorwaarden.…)",
            terschelling(json!({"datumAanvangWerkzaamheden": {"$gte": "2026-12-01"}})),
            &[
                "vac-t01", "vac-t02", "vac-t09", "vac-t08", "vac-t05", "vac-t06",
            ],
        ),
        case(
            "geen onregelmatig werk",
            terschelling(
                json!({"flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 2}}),
            ),
            &["vac-t02", "vac-t09", "vac-t05"],
        ),
        case(
            "rijbewijs C gevraagd",
            terschelling(
                json!({"rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}]}}),
            ),
            &["vac-t02", "vac-t05"],
        ),
        case(
            "Nederlands mondeling minstens goed",
            terschelling(
                json!({"taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}}]}}),
            ),
            &["vac-t01", "vac-t02", "vac-t08", "vac-t05", "vac-t06"],
        ),
        case(
            "maximaal minstens 40 uur",
            terschelling(json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 40}})),
            &["vac-t01", "vac-t03", "vac-t07"],
        ),
        case(
            "minimaal hoogstens 8 uur",
            terschelling(json!({"werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 8}})),
            &["vac-t09", "vac-t06"],
        ),
        case(
            "onbekend criterium",
            terschelling(json!({"sector.codeSbi": {"$eq": 5210}})),
            &all,
        ),
    ]
}

async fn run(node: &TestNode, cases: Vec<Case>) {
    let mut failures = Vec::new();
    for case in cases {
        let reply = node
            .call(post(case.path, &json!({"vraagObject": case.vraag})))
            .await;
        if reply.status != 200 {
            failures.push(format!(
                "{}: status {} {}",
                case.name, reply.status, reply.text
            ));
            continue;
        }
        let ids = reply.ids();
        if ids != case.ids || reply.more() != case.more {
            failures.push(format!(
                "{}: expected {:?} (more {}), got {:?} (more {})",
                case.name,
                case.ids,
                case.more,
                ids,
                reply.more()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn job_seeker_questions_select_exactly_the_written_out_ids() {
    run(&TestNode::demo(), werkzoekende_cases()).await;
}

#[tokio::test]
async fn vacancy_questions_select_exactly_the_written_out_ids() {
    run(&TestNode::demo(), vacature_cases()).await;
}

#[tokio::test]
async fn at_most_100_nearest_and_the_flag_exactly_when_more_matched() {
    let node = TestNode::demo();
    // Ameland: a001–a100 within 10 km of 9161, a101 at 10.77 km.
    let reply = node
        .call(post(
            WZ,
            &json!({"vraagObject": gebied("9161AA", 10, json!({}))}),
        ))
        .await;
    assert_eq!((reply.ids(), reply.more()), (range("wz-a", 1..=100), false));
    let reply = node
        .call(post(
            WZ,
            &json!({"vraagObject": gebied("9161AA", 11, json!({}))}),
        ))
        .await;
    assert_eq!(
        (reply.ids(), reply.more()),
        (range("wz-a", 1..=100), true),
        "the farthest, wz-a101, is left out"
    );
    // Schiermonnikoog: 101 vacancies in one PC4; the tie on distance goes by id.
    let reply = node
        .call(post(
            VAC,
            &json!({"vraagObject": gebied("9166AA", 5, json!({}))}),
        ))
        .await;
    assert_eq!((reply.ids(), reply.more()), (range("vac-s", 1..=100), true));
    let hours = json!({"werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 32}});
    let reply = node
        .call(post(
            VAC,
            &json!({"vraagObject": gebied("9166AA", 5, hours)}),
        ))
        .await;
    assert_eq!(
        (reply.ids(), reply.more()),
        (range("vac-s", 1..=100), false),
        "exactly 100 match: no flag"
    );
}

#[tokio::test]
async fn the_limit_is_configurable() {
    let node = TestNode::with(vum_reference::BronConfig {
        max_results: 4,
        ..Default::default()
    });
    let reply = node
        .call(post(WZ, &json!({"vraagObject": texel(json!({}))})))
        .await;
    assert_eq!(reply.ids(), ["wz-t01", "wz-t02", "wz-t10", "wz-t05"]);
    assert!(reply.more());
    let reply = node
        .call(post(
            WZ,
            &json!({"vraagObject": gebied("1791AA", 2, json!({}))}),
        ))
        .await;
    assert_eq!(reply.ids(), ["wz-t01", "wz-t02", "wz-t10"]);
    assert!(!reply.more());
}

#[tokio::test]
async fn a_broad_question_over_the_whole_country_is_capped_and_flagged() {
    let node = TestNode::demo();
    let reply = node
        .call(post(
            WZ,
            &json!({"vraagObject": gebied("3511AB", 999, json!({}))}),
        ))
        .await;
    assert_eq!(reply.ids().len(), 100);
    assert!(reply.more());
}

#[tokio::test]
async fn matches_never_carry_detail_only_fields() {
    let node = TestNode::demo();
    let reply = node
        .call(post(
            WZ,
            &json!({"vraagObject": gebied("3511AB", 999, json!({}))}),
        ))
        .await;
    for m in reply.json()["matches"].as_array().unwrap() {
        for field in [
            "emailadres",
            "telefoonnummer",
            "contactpersoon",
            "persoonlijkePresentatie",
            "indicatieLdrRegistratie",
            "webadres",
            "eisAanWerk",
        ] {
            assert!(
                m.get(field).is_none(),
                "{field} in match {}",
                m["idWerkzoekende"]
            );
        }
    }
    assert!(!reply.text.contains("kanarie") && !reply.text.contains('@'));
}

#[tokio::test]
async fn a_number_with_a_zero_fraction_is_an_integer_as_json_schema_counts_it() {
    let node = TestNode::demo();
    let ask = |text: &str| {
        crate::support::post_raw(
            WZ,
            &[
                crate::support::vum_headers(),
                vec![("content-type", "application/json")],
            ]
            .concat(),
            format!(
                r#"{{"vraagObject": {{"selectiegebied": {{"postcode": "1791AA", "afstand": {text}}}, "werktijden.aantalWerkurenPerWeekMaximaal": {{"$gte": 24.0}}}}}}"#
            ),
        )
    };
    let whole = node.call(ask("2")).await;
    assert_eq!(whole.ids(), ["wz-t01", "wz-t02", "wz-t10"]);
    for same in ["2.0", "2e0", "0.2e1", "20E-1"] {
        let reply = node.call(ask(same)).await;
        assert_eq!(reply.status, 200, "{same}: {}", reply.text);
        assert_eq!(reply.ids(), whole.ids(), "{same}");
    }
    let far = node.call(ask("2e2")).await;
    assert_eq!(far.status, 200, "{}", far.text);
    assert_eq!(far.ids().len(), 100);
    // A fraction is not an integer; the answer names the field in plain words, no Rust types.
    let reply = node.call(ask("2.5")).await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (400, "400.01".to_owned())
    );
    let details = reply.json()["details"].as_str().unwrap().to_owned();
    assert!(
        details.contains("/vraagObject/selectiegebied/afstand"),
        "{details}"
    );
    for rust in ["u16", "u8", "floating point", "invalid type", "expected"] {
        assert!(!details.contains(rust), "{rust} in {details}");
    }
}
