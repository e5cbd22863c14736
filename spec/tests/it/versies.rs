//! Two versions side by side: each validates by its own schemas (the 3.1.0 criterion is checked in
//! 3.1.0 and an unknown, ignored criterion in 3.0.0), has its own catalogue, profiles and test set.

use serde_json::{Value, json};
use vum_spec::Message;
use vum_spec::testdata::{self, COMPETENTIES_ANTWOORDEN, competentie_uri};
use vum_spec::validate::{violations, violations_for};
use vum_spec::versie::{self, Versie};
use vum_spec::{profielen, requirements};

fn v300() -> &'static Versie {
    versie::versie("3.0.0").unwrap()
}

fn v310() -> &'static Versie {
    versie::versie("3.1.0").unwrap()
}

fn vraag(competenties: &Value) -> Value {
    json!({
        "selectiegebied": {"postcode": "1791AA", "afstand": 15},
        "competenties": competenties,
    })
}

const C1: &str = "https://linkeddata.competentnl.nl/uwv/id/skill/176C167229";

#[test]
fn the_competence_criterion_is_checked_in_3_1_0_and_ignored_in_3_0_0() {
    let good = vraag(&json!({"$elemMatch": {"codeCompetentie": {"$eq": C1}}}));
    let extended =
        vraag(&json!({"$elemMatch": {"codeCompetentie": {"$eq": C1, "$ne": "x"}}, "$size": 2}));
    for document in [&good, &extended] {
        for v in [v300(), v310()] {
            assert!(
                violations_for(v, Message::WerkzoekendeVraag, document)
                    .unwrap()
                    .is_empty(),
                "{} {document}",
                v.naam()
            );
        }
    }
    let wrong = [
        json!("C1"),
        json!([C1]),
        json!({"$elemMatch": [C1]}),
        json!({"$elemMatch": {"codeCompetentie": C1}}),
        json!({"$elemMatch": {"codeCompetentie": {"$eq": 7}}}),
        json!({"$elemMatch": {"codeCompetentie": {"$eq": "x".repeat(201)}}}),
    ];
    for shape in wrong {
        let document = vraag(&shape);
        let found = violations_for(v310(), Message::WerkzoekendeVraag, &document).unwrap();
        assert!(!found.is_empty(), "3.1.0 accepts {shape}");
        assert!(
            found
                .iter()
                .all(|v| v.instance_path.starts_with("/competenties")),
            "{found:?}"
        );
        assert!(
            violations_for(v300(), Message::WerkzoekendeVraag, &document)
                .unwrap()
                .is_empty(),
            "3.0.0 rejects the unknown criterion {shape}"
        );
        assert!(
            violations(Message::WerkzoekendeVraag, &document)
                .unwrap()
                .is_empty(),
            "without a version: the newest actief one (3.0.0)"
        );
        let request = json!({"vraagObject": document});
        assert!(
            !violations_for(v310(), Message::WerkzoekendeMatchesRequest, &request)
                .unwrap()
                .is_empty()
        );
    }
    // A vacancy question has no such criterion in either version.
    let vacature =
        json!({"selectiegebied": {"postcode": "8881AA", "afstand": 5}, "competenties": 5});
    assert!(
        violations_for(v310(), Message::VacatureVraag, &vacature)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn each_version_has_its_catalogue_and_profiles() {
    let oud = requirements::catalogue_for(v300()).unwrap();
    let nieuw = requirements::catalogue_for(v310()).unwrap();
    assert_eq!(oud, requirements::catalogue().unwrap());
    assert_eq!(nieuw.len(), oud.len() + 1);
    let sel030 = nieuw.iter().find(|e| e.id == "AV-SEL-030").unwrap();
    assert_eq!(sel030.soorten, [vum_spec::Kind::Werkzoekende]);
    assert!(sel030.titel.contains("competenties"));
    assert!(!oud.iter().any(|e| e.id == "AV-SEL-030"));
    let titel =
        |c: &[requirements::Eis], id: &str| c.iter().find(|e| e.id == id).unwrap().titel.clone();
    assert_eq!(
        titel(&nieuw, "AV-KOP-005"),
        "Elk antwoord draagt X-VUM-berichtVersie 3.1.0"
    );
    let werkzoekenden = profielen::profiel_for(v310(), "bron-werkzoekenden").unwrap();
    let vacatures = profielen::profiel_for(v310(), "bron-vacatures").unwrap();
    assert!(
        werkzoekenden
            .eisen(&nieuw)
            .iter()
            .any(|e| e.id == "AV-SEL-030")
    );
    assert!(!vacatures.eisen(&nieuw).iter().any(|e| e.id == "AV-SEL-030"));
    assert_eq!(
        profielen::profielen_for(v300()).unwrap(),
        profielen::profielen().unwrap()
    );
    assert!(
        requirements::text_for(v310())
            .unwrap()
            .contains("AV-SEL-030")
    );
}

/// The README of the 3.1.0 set states who has which competence and what a question within 15 km of
/// Den Burg answers; the set itself says the same.
#[test]
fn the_3_1_0_test_set_carries_the_competences_its_readme_states() {
    let set = testdata::generate_for(v310());
    let oud = testdata::generate_for(v300());
    assert_eq!(set.vacatures, oud.vacatures);
    assert_eq!(set.werkzoekenden.len(), oud.werkzoekenden.len());
    let differ: Vec<String> = set
        .werkzoekenden
        .iter()
        .zip(&oud.werkzoekenden)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.id_werkzoekende.as_ref().unwrap().to_string())
        .collect();
    assert!(differ.iter().all(|id| id.starts_with("wz-t")), "{differ:?}");
    let table = vum_spec::geo::pc4_table();
    let centre = table.centroid("1791").unwrap();
    for (code, expected) in COMPETENTIES_ANTWOORDEN {
        let uri = competentie_uri(code).unwrap();
        let mut found: Vec<String> = set
            .werkzoekenden
            .iter()
            .filter(|w| {
                let Some(mobiliteit) = &w.mobiliteit else {
                    return false;
                };
                let Some(at) = table.centroid(&mobiliteit.bemiddelingspostcode.as_str()[..4])
                else {
                    return false;
                };
                let km = centre.distance_km(at);
                km <= 15.0
                    && mobiliteit
                        .maximale_reisafstand
                        .is_none_or(|r| km <= f64::from(r))
            })
            .filter(|w| {
                w.arbeidsmarktkwalificatie
                    .as_ref()
                    .and_then(|k| k.competentiebeheersing.as_ref())
                    .is_some_and(|l| {
                        l.iter().any(|c| {
                            c.code_competentie
                                .as_ref()
                                .map(vum_spec::primitives::Uri::as_str)
                                == Some(uri.as_str())
                        })
                    })
            })
            .map(|w| w.id_werkzoekende.as_ref().unwrap().to_string())
            .collect();
        found.sort();
        assert_eq!(found.join(", "), expected, "{code}");
    }
    let readme = testdata::files_for(v310())
        .into_iter()
        .find(|f| f.file_name == "README.md")
        .unwrap()
        .text;
    assert!(readme.starts_with("# VUM 3.1.0 certification test set"));
    assert!(readme.contains("C1 → wz-t01, wz-t03, wz-t07"));
    assert!(
        !testdata::files_for(v300())[0].text.contains("Competences"),
        "3.0.0 unchanged"
    );
    assert_eq!(competentie_uri("C21"), None);
    assert_eq!(competentie_uri("C1").unwrap(), C1);
}

/// The contracts of 3.1.0 pass the lint: `competenties` resolves, through `x-vum-veld`, to
/// `arbeidsmarktkwalificatie.competentiebeheersing[].codeCompetentie` of the matching profile.
#[test]
fn the_3_1_0_contracts_pass_the_lint() {
    for (file, text) in vum_spec::artifacts::committed_for(v310()) {
        if !file.ends_with(".openapi.json") {
            continue;
        }
        let document: Value = serde_json::from_str(text).unwrap();
        let findings = vum_spec::lint::lint(&document).unwrap();
        assert!(findings.is_empty(), "{file}: {findings:?}");
        if file.contains("WerkzoekendeProfielen") {
            assert!(
                text.contains("\"x-vum-veld\": \"arbeidsmarktkwalificatie.competentiebeheersing\"")
            );
        }
    }
}
