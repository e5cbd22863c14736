//! The faults, grouped by what they break.

use serde_json::{Value, json};
use vum_spec::testdata::oins;

use super::edit::*;
use super::testset::{beyond_own_distance, committed_detail, in_region_without, in_storage_order};
use super::{Expect, Fault, Kind, TlsFault};
use crate::proxy::Message as _;

/// Everything the job-seeker questions prove: taking that operation down breaks all of it.
const WERKZOEKENDEN: &[&str] = &[
    "AV-KOP-001",
    "AV-KOP-00*",
    "AV-KOP-01*",
    "AV-SEL-*",
    "AV-GEG-*",
    "AV-PRIV-*",
    "AV-BEV-010",
    "AV-BET-002",
    "AV-LOG-002",
];

/// The faults.
pub static FAULTS: &[Fault] = &[
    // Headers of the answer.
    Fault {
        name: "api-version-ontbreekt",
        wat: "het antwoord mist API-Version",
        expect: Expect::Caught,
        breaks: &["AV-KOP-006", "AV-KOP-005", "AV-KOP-007"],
        kind: Kind::Response(|_, r| r.remove_header("api-version")),
    },
    Fault {
        name: "api-version-2",
        wat: "het antwoord zegt API-Version 2.0.0",
        expect: Expect::Caught,
        breaks: &["AV-KOP-006", "AV-KOP-005", "AV-KOP-007"],
        kind: Kind::Response(|_, r| r.set_header("api-version", "2.0.0")),
    },
    Fault {
        name: "berichtversie-2",
        wat: "het antwoord zegt X-VUM-berichtVersie 2.0.0",
        expect: Expect::Caught,
        breaks: &["AV-KOP-005", "AV-KOP-006", "AV-KOP-007"],
        kind: Kind::Response(|_, r| r.set_header("x-vum-berichtversie", "2.0.0")),
    },
    Fault {
        name: "berichtversie-ontbreekt",
        wat: "het antwoord mist X-VUM-berichtVersie",
        expect: Expect::Caught,
        breaks: &["AV-KOP-005", "AV-KOP-006", "AV-KOP-007"],
        kind: Kind::Response(|_, r| r.remove_header("x-vum-berichtversie")),
    },
    Fault {
        name: "fromparty-onjuist",
        wat: "het antwoord komt van een ander OIN",
        expect: Expect::Caught,
        breaks: &["AV-KOP-007", "AV-KOP-005", "AV-KOP-006"],
        kind: Kind::Response(|_, r| r.set_header("x-vum-fromparty", "00000099000000009000")),
    },
    Fault {
        name: "toparty-onjuist",
        wat: "het antwoord is gericht aan de bron zelf",
        expect: Expect::Caught,
        breaks: &["AV-KOP-007", "AV-KOP-005", "AV-KOP-006"],
        kind: Kind::Response(|_, r| r.set_header("x-vum-toparty", oins::BRON)),
    },
    Fault {
        name: "viaparty-ontbreekt",
        wat: "het antwoord mist X-VUM-viaParty",
        expect: Expect::Caught,
        breaks: &["AV-KOP-007", "AV-KOP-005", "AV-KOP-006"],
        kind: Kind::Response(|_, r| r.remove_header("x-vum-viaparty")),
    },
    Fault {
        name: "content-type-tekst",
        wat: "antwoorden heten text/plain",
        expect: Expect::Caught,
        breaks: &["AV-KOP-019", "AV-KOP-014"],
        kind: Kind::Response(|_, r| {
            if !r.body.is_empty() {
                r.set_header("content-type", "text/plain");
            }
        }),
    },
    // Request headers.
    Fault {
        name: "ontbrekende-headers-aangevuld",
        wat: "een verzoek zonder verplichte header wordt gewoon beantwoord",
        expect: Expect::Caught,
        breaks: &["AV-KOP-008"],
        kind: Kind::Request(|f| {
            for (name, value) in [
                ("x-vum-berichtversie", "3.0.0"),
                ("api-version", "3.0.0"),
                ("x-vum-fromparty", oins::BEMIDDELAAR),
                ("x-vum-toparty", oins::BRON),
                ("x-vum-viaparty", oins::BRON_VERWERKER),
                ("x-vum-suwiparty", "true"),
            ] {
                if f.header(name).is_none() {
                    f.set_header(name, value);
                }
            }
        }),
    },
    Fault {
        name: "versie-genegeerd",
        wat: "een andere berichtversie of API-versie wordt geaccepteerd",
        expect: Expect::Caught,
        breaks: &["AV-KOP-009", "AV-KOP-014", "AV-KOP-019"],
        kind: Kind::Request(|f| {
            for name in ["x-vum-berichtversie", "api-version"] {
                if f.header(name).is_some() {
                    f.set_header(name, "3.0.0");
                }
            }
        }),
    },
    Fault {
        name: "oin-niet-gecontroleerd",
        wat: "een onjuist gevormd OIN wordt geaccepteerd",
        expect: Expect::Caught,
        breaks: &["AV-KOP-021"],
        kind: Kind::Request(|f| {
            if f.header("x-vum-fromparty")
                .is_some_and(|o| o.parse::<vum_spec::headers::Oin>().is_err())
            {
                f.set_header("x-vum-fromparty", oins::BEMIDDELAAR);
            }
        }),
    },
    Fault {
        name: "andere-bron-geaccepteerd",
        wat: "een verzoek voor een andere bron wordt beantwoord",
        expect: Expect::Caught,
        breaks: &["AV-KOP-018", "AV-BEV-004"],
        kind: Kind::Request(|f| {
            for (name, value) in [
                ("x-vum-toparty", oins::BRON),
                ("x-vum-viaparty", oins::BRON_VERWERKER),
            ] {
                if f.header(name).is_some() {
                    f.set_header(name, value);
                }
            }
        }),
    },
    Fault {
        name: "hoofdlettergevoelige-headers",
        wat: "headernamen met hoofdletters worden geweigerd",
        expect: Expect::Caught,
        breaks: &["AV-KOP-010", "AV-KOP-007"],
        kind: Kind::HeaderCase,
    },
    // Errors.
    Fault {
        name: "altijd-400-02",
        wat: "elke fout krijgt code 400.02",
        expect: Expect::Caught,
        breaks: &[
            "AV-KOP-011",
            "AV-KOP-021",
            "AV-SEL-004",
            "AV-BEV-008",
            "AV-KOP-014",
        ],
        kind: Kind::Response(|_, r| {
            with_error(r, |e| {
                if e.get("code") == Some(&json!("400.01")) {
                    e.insert("code".into(), json!("400.02"));
                }
            });
        }),
    },
    Fault {
        name: "altijd-400-01",
        wat: "een ontbrekend veld krijgt code 400.01",
        expect: Expect::Caught,
        breaks: &["AV-KOP-012"],
        kind: Kind::Response(|_, r| {
            with_error(r, |e| {
                if e.get("code") == Some(&json!("400.02")) {
                    e.insert("code".into(), json!("400.01"));
                }
            });
        }),
    },
    Fault {
        name: "serverfout-bij-onjuiste-invoer",
        wat: "onjuiste invoer geeft 500",
        expect: Expect::Caught,
        breaks: &[
            "AV-KOP-015",
            "AV-BEV-009",
            "AV-KOP-008",
            "AV-KOP-009",
            "AV-KOP-011",
            "AV-KOP-012",
            "AV-KOP-014",
            "AV-KOP-019",
            "AV-KOP-020",
            "AV-KOP-021",
            "AV-SEL-004",
            "AV-BEV-008",
        ],
        kind: Kind::Response(|_, r| {
            if r.status == 400 {
                error(r, 500, "500.1", "Interne serverfout");
            }
        }),
    },
    Fault {
        name: "onjuiste-vraag-beantwoord",
        wat: "een schema-ongeldige vraag wordt beantwoord alsof ze geldig is",
        expect: Expect::Caught,
        breaks: &[
            "AV-BEV-008",
            "AV-KOP-011",
            "AV-KOP-014",
            "AV-KOP-015",
            "AV-BEV-009",
            "AV-KOP-012",
        ],
        kind: Kind::Request(|f| {
            if question_violations(f).is_some_and(|n| n > 0) {
                f.body =
                    br#"{"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}}"#
                        .to_vec();
                f.set_header("content-type", "application/json");
            }
        }),
    },
    Fault {
        name: "foutbericht-zonder-melding",
        wat: "foutberichten missen message",
        expect: Expect::Caught,
        breaks: &[
            "AV-KOP-014",
            "AV-KOP-011",
            "AV-KOP-013",
            "AV-KOP-015",
            "AV-KOP-019",
            "AV-BEV-008",
            "AV-BEV-009",
            "AV-BEV-011",
        ],
        kind: Kind::Response(|_, r| {
            with_error(r, |e| {
                e.remove("message");
            });
        }),
    },
    Fault {
        name: "stacktrace-in-fout",
        wat: "foutberichten bevatten een stacktrace",
        expect: Expect::Caught,
        breaks: &["AV-BEV-009"],
        kind: Kind::Response(|_, r| {
            with_error(r, |e| {
                e.insert(
                    "details".into(),
                    json!("thread 'main' panicked at src/main.rs:42"),
                );
            });
        }),
    },
    Fault {
        name: "invoer-in-fout",
        wat: "foutberichten herhalen de ingestuurde vraag",
        expect: Expect::Caught,
        breaks: &["AV-BEV-009"],
        kind: Kind::Response(|f, r| {
            let echo: String = String::from_utf8_lossy(&f.body).chars().take(300).collect();
            with_error(r, |e| {
                e.insert("details".into(), json!(echo));
            });
        }),
    },
    Fault {
        name: "401-met-inhoud",
        wat: "een weigering heeft inhoud",
        expect: Expect::Caught,
        breaks: &["AV-KOP-018", "AV-BEV-004"],
        kind: Kind::Response(|_, r| {
            if r.status == 401 {
                r.set_header("content-type", "application/json");
                r.body = br#"{"fout":"geweigerd"}"#.to_vec();
            }
        }),
    },
    // Operations down.
    Fault {
        name: "werkzoekenden-onbeschikbaar",
        wat: "zoekvragen naar werkzoekenden krijgen 503",
        expect: Expect::Caught,
        breaks: WERKZOEKENDEN,
        kind: Kind::Response(|f, r| {
            if is_matches(f) && is_werkzoekenden(f) && r.status == 200 {
                error(r, 503, "500.3", "Service niet beschikbaar");
            }
        }),
    },
    Fault {
        name: "vacatures-onbeschikbaar",
        wat: "zoekvragen naar vacatures krijgen 503",
        expect: Expect::Caught,
        breaks: &[
            "AV-KOP-002",
            "AV-SEL-*",
            "AV-GEG-005",
            "AV-GEG-006",
            "AV-GEG-001",
            "AV-GEG-007",
            "AV-PRIV-001",
            "AV-PRIV-003",
        ],
        kind: Kind::Response(|f, r| {
            if is_matches(f) && !is_werkzoekenden(f) && r.status == 200 {
                error(r, 503, "500.3", "Service niet beschikbaar");
            }
        }),
    },
    Fault {
        name: "detail-werkzoekende-onbekend",
        wat: "elk detail van een werkzoekende is onbekend",
        expect: Expect::Caught,
        breaks: &[
            "AV-KOP-003",
            "AV-KOP-010",
            "AV-GEG-002",
            "AV-GEG-004",
            "AV-GEG-008",
            "AV-PRIV-004",
            "AV-PRIV-005",
            "AV-BET-001",
        ],
        kind: Kind::Response(|f, r| {
            if is_detail(f, r) && is_werkzoekenden(f) {
                error(r, 404, "404.01", "Niet gevonden");
            }
        }),
    },
    Fault {
        name: "detail-vacature-onbekend",
        wat: "elk detail van een vacature is onbekend",
        expect: Expect::Caught,
        breaks: &["AV-KOP-004", "AV-GEG-002", "AV-GEG-004"],
        kind: Kind::Response(|f, r| {
            if is_detail(f, r) && !is_werkzoekenden(f) {
                error(r, 404, "404.01", "Niet gevonden");
            }
        }),
    },
    // The data.
    Fault {
        name: "detail-met-extra-veld",
        wat: "een detail heeft een veld buiten het contract",
        expect: Expect::Caught,
        breaks: &[
            "AV-GEG-002",
            "AV-GEG-003",
            "AV-GEG-004",
            "AV-KOP-003",
            "AV-KOP-004",
        ],
        kind: Kind::Response(|f, r| {
            with_detail(f, r, |d| {
                d["bronSysteem"] = json!("intern");
            });
        }),
    },
    Fault {
        name: "match-uren-als-tekst",
        wat: "een match geeft de werkuren als tekst",
        expect: Expect::Caught,
        breaks: &[
            "AV-GEG-001",
            "AV-GEG-003",
            "AV-GEG-005",
            "AV-GEG-006",
            "AV-GEG-007",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                m.iter_mut().for_each(|x| {
                    if let Some(uren) = x.pointer_mut("/werktijden/aantalWerkurenPerWeekMinimaal") {
                        *uren = json!(uren.to_string());
                    }
                });
            });
        }),
    },
    Fault {
        name: "match-met-extra-veld",
        wat: "een match heeft een veld buiten het contract",
        expect: Expect::Caught,
        breaks: &[
            "AV-GEG-003",
            "AV-GEG-001",
            "AV-GEG-005",
            "AV-GEG-006",
            "AV-GEG-007",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| m.iter_mut().for_each(|x| x["score"] = json!(1)));
        }),
    },
    Fault {
        name: "lege-lijsten-weggelaten",
        wat: "het detail laat lege lijsten weg",
        expect: Expect::Caught,
        breaks: &["AV-GEG-004", "AV-GEG-008"],
        kind: Kind::Response(|f, r| {
            with_detail(f, r, |d| {
                if let Value::Object(members) = d {
                    members.retain(|_, v| !v.as_array().is_some_and(Vec::is_empty));
                }
            });
        }),
    },
    Fault {
        name: "volgorde-omgekeerd",
        wat: "het detail keert de volgorde van lijsten om",
        expect: Expect::Caught,
        breaks: &["AV-GEG-004"],
        kind: Kind::Response(|f, r| {
            with_detail(f, r, |d| {
                arrays(d, &|items: &mut Vec<Value>| items.reverse());
            });
        }),
    },
    Fault {
        name: "match-zonder-werktijden",
        wat: "een match laat de werktijden van het profiel weg",
        expect: Expect::Caught,
        breaks: &[
            "AV-GEG-005",
            "AV-GEG-001",
            "AV-GEG-003",
            "AV-GEG-006",
            "AV-GEG-007",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                m.iter_mut().for_each(|x| {
                    x.as_object_mut().map(|o| o.remove("werktijden"));
                });
            });
        }),
    },
    Fault {
        name: "match-zonder-id",
        wat: "een match mist het id van het profiel",
        expect: Expect::Caught,
        breaks: &[
            "AV-GEG-006",
            "AV-GEG-001",
            "AV-KOP-00*",
            "AV-KOP-01*",
            "AV-SEL-*",
            "AV-GEG-*",
            "AV-PRIV-*",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                m.iter_mut().for_each(|x| {
                    if let Some(o) = x.as_object_mut() {
                        o.remove("idWerkzoekende");
                        o.remove("idVacature");
                    }
                });
            });
        }),
    },
    Fault {
        name: "match-zonder-postcode",
        wat: "een match mist de postcode waarop geselecteerd is",
        expect: Expect::Caught,
        breaks: &[
            "AV-GEG-007",
            "AV-GEG-001",
            "AV-GEG-005",
            "AV-GEG-003",
            "AV-GEG-006",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                m.iter_mut().for_each(|x| {
                    if let Some(o) = x.as_object_mut() {
                        o.remove("mobiliteit");
                        o.remove("adres");
                    }
                });
            });
        }),
    },
    // Selection: the region.
    Fault {
        name: "gebied-te-ruim",
        wat: "het selectiegebied is 2 km ruimer dan gevraagd",
        expect: Expect::Caught,
        breaks: &[
            "AV-SEL-001",
            "AV-SEL-002",
            "AV-SEL-003",
            "AV-SEL-025",
            "AV-SEL-026",
            "AV-SEL-027",
            "AV-KOP-010",
        ],
        kind: Kind::Request(|f| {
            if valid_question(f) {
                with_question(f, |v| {
                    if let Some(a) = v
                        .get("selectiegebied")
                        .and_then(|g| g.get("afstand"))
                        .and_then(Value::as_u64)
                    {
                        v["selectiegebied"]["afstand"] = json!((a + 2).min(999));
                    }
                });
            }
        }),
    },
    Fault {
        name: "gebied-te-krap",
        wat: "de grens van het selectiegebied telt niet mee (1 km krapper)",
        expect: Expect::Caught,
        breaks: &[
            "AV-SEL-002",
            "AV-SEL-001",
            "AV-SEL-003",
            "AV-SEL-025",
            "AV-SEL-026",
            "AV-SEL-027",
            "AV-KOP-010",
        ],
        kind: Kind::Request(|f| {
            if valid_question(f) {
                with_question(f, |v| {
                    if let Some(a) = v
                        .get("selectiegebied")
                        .and_then(|g| g.get("afstand"))
                        .and_then(Value::as_u64)
                    {
                        v["selectiegebied"]["afstand"] = json!(a.saturating_sub(1));
                    }
                });
            }
        }),
    },
    Fault {
        name: "eigen-reisafstand-genegeerd",
        wat: "de eigen maximale reisafstand van een werkzoekende wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-003", "AV-SEL-001", "AV-SEL-002", "AV-KOP-001"],
        kind: Kind::Response(|f, r| {
            let Some((vraag, postcode, afstand)) = selectiegebied(f) else {
                return;
            };
            if is_matches(f)
                && is_werkzoekenden(f)
                && vraag.as_object().is_some_and(|o| o.len() == 1)
                && afstand <= 20.0
            {
                let extra = beyond_own_distance(&postcode, afstand);
                with_matches(r, |m| m.extend(extra));
            }
        }),
    },
    // Selection: each criterion ignored.
    Fault {
        name: "bemiddelingsberoep-genegeerd",
        wat: "het criterium bemiddelingsberoep wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-005", "AV-SEL-021"],
        kind: Kind::Request(|f| drop_criteria(f, Some(true), &["bemiddelingsberoep"])),
    },
    Fault {
        name: "contractvorm-genegeerd",
        wat: "het criterium contractvorm wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-006", "AV-SEL-021", "AV-SEL-022"],
        kind: Kind::Request(|f| drop_criteria(f, Some(true), &["contractvorm"])),
    },
    Fault {
        name: "onregelmatig-genegeerd",
        wat: "onregelmatig werk wordt genegeerd bij werkzoekenden",
        expect: Expect::Caught,
        breaks: &["AV-SEL-007"],
        kind: Kind::Request(|f| {
            drop_criteria(
                f,
                Some(true),
                &["flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst"],
            );
        }),
    },
    Fault {
        name: "rijbewijs-genegeerd",
        wat: "het criterium rijbewijs wordt genegeerd bij werkzoekenden",
        expect: Expect::Caught,
        breaks: &["AV-SEL-008", "AV-SEL-028"],
        kind: Kind::Request(|f| {
            drop_criteria(f, Some(true), &["arbeidsmarktkwalificatie.rijbewijs"]);
        }),
    },
    Fault {
        name: "taal-genegeerd",
        wat: "het criterium taalbeheersing wordt genegeerd bij werkzoekenden",
        expect: Expect::Caught,
        breaks: &["AV-SEL-009", "AV-SEL-021", "AV-SEL-022"],
        kind: Kind::Request(|f| {
            drop_criteria(f, Some(true), &["arbeidsmarktkwalificatie.taalbeheersing"]);
        }),
    },
    Fault {
        name: "beschikbaarheid-genegeerd",
        wat: "datumAanvangBeschikbaarVoorWerk wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-010"],
        kind: Kind::Request(|f| drop_criteria(f, Some(true), &["datumAanvangBeschikbaarVoorWerk"])),
    },
    Fault {
        name: "kantoortijden-genegeerd",
        wat: "het criterium kantoortijden wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-011", "AV-SEL-022"],
        kind: Kind::Request(|f| {
            drop_criteria(f, Some(true), &["werktijden.indicatieKantoortijden"]);
        }),
    },
    Fault {
        name: "uren-maximaal-genegeerd",
        wat: "het maximaal aantal werkuren wordt genegeerd bij werkzoekenden",
        expect: Expect::Caught,
        breaks: &["AV-SEL-012", "AV-SEL-013", "AV-SEL-021", "AV-SEL-024"],
        kind: Kind::Request(|f| {
            drop_criteria(f, Some(true), &["werktijden.aantalWerkurenPerWeekMaximaal"]);
        }),
    },
    Fault {
        name: "uren-minimaal-genegeerd",
        wat: "het minimaal aantal werkuren wordt genegeerd bij werkzoekenden",
        expect: Expect::Caught,
        breaks: &["AV-SEL-013", "AV-SEL-012", "AV-SEL-021"],
        kind: Kind::Request(|f| {
            drop_criteria(f, Some(true), &["werktijden.aantalWerkurenPerWeekMinimaal"]);
        }),
    },
    Fault {
        name: "beroep-vacature-genegeerd",
        wat: "het beroep van een vacature wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-014"],
        kind: Kind::Request(|f| drop_criteria(f, Some(false), &["beroep.codeBeroepsnaam"])),
    },
    Fault {
        name: "niveau-genegeerd",
        wat: "het werk- en denkniveau wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-015"],
        kind: Kind::Request(|f| drop_criteria(f, Some(false), &["codeWerkEnDenkniveauMinimaal"])),
    },
    Fault {
        name: "aanvang-genegeerd",
        wat: "datumAanvangWerkzaamheden wordt genegeerd",
        expect: Expect::Caught,
        breaks: &["AV-SEL-016"],
        kind: Kind::Request(|f| drop_criteria(f, Some(false), &["datumAanvangWerkzaamheden"])),
    },
    Fault {
        name: "onregelmatig-vacature-genegeerd",
        wat: "onregelmatig werk wordt genegeerd bij vacatures",
        expect: Expect::Caught,
        breaks: &["AV-SEL-017", "AV-SEL-022", "AV-SEL-024"],
        kind: Kind::Request(|f| {
            drop_criteria(
                f,
                Some(false),
                &["flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst"],
            );
        }),
    },
    Fault {
        name: "rijbewijs-vacature-genegeerd",
        wat: "het rijbewijs wordt genegeerd bij vacatures",
        expect: Expect::Caught,
        breaks: &["AV-SEL-018", "AV-SEL-021"],
        kind: Kind::Request(|f| drop_criteria(f, Some(false), &["rijbewijs"])),
    },
    Fault {
        name: "taal-vacature-genegeerd",
        wat: "de taalbeheersing wordt genegeerd bij vacatures",
        expect: Expect::Caught,
        breaks: &["AV-SEL-019"],
        kind: Kind::Request(|f| drop_criteria(f, Some(false), &["taalbeheersing"])),
    },
    Fault {
        name: "uren-vacature-genegeerd",
        wat: "de werkuren worden genegeerd bij vacatures",
        expect: Expect::Caught,
        breaks: &["AV-SEL-020", "AV-SEL-025", "AV-SEL-026"],
        kind: Kind::Request(|f| {
            drop_criteria(
                f,
                Some(false),
                &[
                    "werktijden.aantalWerkurenPerWeekMaximaal",
                    "werktijden.aantalWerkurenPerWeekMinimaal",
                ],
            );
        }),
    },
    Fault {
        name: "afwezig-veld-telt-mee",
        wat: "een werkzoekende zonder kantoortijden-indicatie voldoet aan elke vraag naar kantoortijden",
        expect: Expect::Caught,
        breaks: &["AV-SEL-022", "AV-SEL-011"],
        kind: Kind::Response(|f, r| {
            let Some((vraag, postcode, afstand)) = selectiegebied(f) else {
                return;
            };
            if is_matches(f)
                && is_werkzoekenden(f)
                && vraag.get("werktijden.indicatieKantoortijden").is_some()
            {
                let extra =
                    in_region_without(&postcode, afstand, "/werktijden/indicatieKantoortijden");
                with_matches(r, |m| m.extend(extra));
            }
        }),
    },
    Fault {
        name: "alleen-een-criterium",
        wat: "van meerdere criteria telt er maar één",
        expect: Expect::Caught,
        breaks: &[
            "AV-SEL-021",
            "AV-SEL-005",
            "AV-SEL-006",
            "AV-SEL-009",
            "AV-SEL-012",
            "AV-SEL-013",
        ],
        kind: Kind::Request(|f| {
            if valid_question(f) {
                with_question(f, |v| {
                    let mut kept = false;
                    v.retain(|k, _| k == "selectiegebied" || !std::mem::replace(&mut kept, true));
                });
            }
        }),
    },
    Fault {
        name: "onbekend-criterium-geweigerd",
        wat: "een onbekend criterium geeft een fout",
        expect: Expect::Caught,
        breaks: &["AV-SEL-023"],
        kind: Kind::Response(|f, r| {
            let unknown = f.json().and_then(|b| {
                b.get("vraagObject")
                    .and_then(Value::as_object)
                    .map(|v| v.keys().any(|k| !KNOWN_CRITERIA.contains(&k.as_str())))
            });
            if is_matches(f) && unknown == Some(true) {
                error(r, 400, "400.01", "Ongeldige aanroep");
            }
        }),
    },
    Fault {
        name: "onbekende-operator-geweigerd",
        wat: "een onbekende operator in een bekend criterium geeft een fout",
        expect: Expect::Caught,
        breaks: &["AV-SEL-024"],
        kind: Kind::Response(|f, r| {
            let Some(vraag) = f.json().and_then(|b| b.get("vraagObject").cloned()) else {
                return;
            };
            let foreign = vraag.as_object().is_some_and(|v| {
                v.iter().any(|(k, c)| {
                    k != "selectiegebied"
                        && KNOWN_CRITERIA.contains(&k.as_str())
                        && c.as_object().is_some_and(|ops| {
                            ops.keys()
                                .any(|op| !allowed_operators(k).contains(&op.as_str()))
                        })
                })
            });
            if is_matches(f) && foreign {
                error(r, 400, "400.01", "Ongeldige aanroep");
            }
        }),
    },
    // The limit and the flag.
    Fault {
        name: "101-resultaten",
        wat: "de bron levert 101 matches",
        expect: Expect::Caught,
        breaks: &["AV-SEL-025", "AV-SEL-026", "AV-SEL-027", "AV-SEL-020"],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                if m.len() == 100 {
                    let first = m[0].clone();
                    m.push(first);
                }
            });
        }),
    },
    Fault {
        name: "vlag-altijd-onwaar",
        wat: "maximumAantalResultatenBereikt is altijd onwaar",
        expect: Expect::Caught,
        breaks: &["AV-SEL-026", "AV-SEL-025"],
        kind: Kind::Response(|_, r| {
            if r.status == 200
                && let Some(mut b) = r.json()
                && b.get("maximumAantalResultatenBereikt").is_some()
            {
                b["maximumAantalResultatenBereikt"] = json!(false);
                r.set_json(&b);
            }
        }),
    },
    Fault {
        name: "vlag-ontbreekt",
        wat: "het matchesantwoord laat maximumAantalResultatenBereikt weg",
        expect: Expect::Caught,
        breaks: &[
            "AV-SEL-026",
            "AV-GEG-001",
            "AV-GEG-003",
            "AV-SEL-001",
            "AV-SEL-025",
            "AV-KOP-001",
            "AV-KOP-002",
        ],
        kind: Kind::Response(|_, r| {
            if r.status == 200
                && let Some(Value::Object(mut b)) = r.json()
                && b.remove("maximumAantalResultatenBereikt").is_some()
            {
                r.set_json(&Value::Object(b));
            }
        }),
    },
    Fault {
        name: "vlag-altijd-waar",
        wat: "maximumAantalResultatenBereikt is altijd waar",
        expect: Expect::Caught,
        breaks: &["AV-SEL-026", "AV-SEL-025", "AV-SEL-001", "AV-KOP-001"],
        kind: Kind::Response(|_, r| {
            if r.status == 200
                && let Some(mut b) = r.json()
                && b.get("maximumAantalResultatenBereikt").is_some()
            {
                b["maximumAantalResultatenBereikt"] = json!(true);
                r.set_json(&b);
            }
        }),
    },
    Fault {
        name: "onbekende-postcode-geaccepteerd",
        wat: "een onbekend PC4-gebied geeft een leeg antwoord",
        expect: Expect::Caught,
        breaks: &["AV-SEL-004"],
        kind: Kind::Response(|_, r| {
            if r.status == 400 && String::from_utf8_lossy(&r.body).contains("PC4") {
                r.status = 200;
                r.set_json(&json!({"maximumAantalResultatenBereikt": false, "matches": []}));
            }
        }),
    },
    // Privacy.
    Fault {
        name: "email-in-match",
        wat: "een match bevat een e-mailadres",
        expect: Expect::Caught,
        breaks: &[
            "AV-PRIV-001",
            "AV-PRIV-003",
            "AV-GEG-001",
            "AV-GEG-003",
            "AV-GEG-005",
            "AV-GEG-006",
            "AV-GEG-007",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                m.iter_mut()
                    .for_each(|x| x["emailadres"] = json!(["kanarie@vum-testset.invalid"]));
            });
        }),
    },
    Fault {
        name: "presentatie-in-match",
        wat: "een match bevat de persoonlijke presentatie",
        expect: Expect::Caught,
        breaks: &[
            "AV-PRIV-002",
            "AV-PRIV-003",
            "AV-GEG-001",
            "AV-GEG-003",
            "AV-GEG-005",
            "AV-GEG-006",
            "AV-GEG-007",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                m.iter_mut()
                    .for_each(|x| x["persoonlijkePresentatie"] = json!("Bel mij op 06-12345678"));
            });
        }),
    },
    Fault {
        name: "bsn-in-vrije-tekst",
        wat: "een vrij tekstveld van een match bevat een BSN",
        expect: Expect::Caught,
        breaks: &[
            "AV-PRIV-003",
            "AV-GEG-005",
            "AV-GEG-001",
            "AV-GEG-003",
            "AV-GEG-006",
            "AV-GEG-007",
        ],
        kind: Kind::Response(|_, r| {
            with_matches(r, |m| {
                if let Some(first) = m.first_mut() {
                    first["arbeidsmarktkwalificatie"]["interesse"] =
                        json!([{"naamInteresse": "BSN 111222333"}]);
                }
            });
        }),
    },
    Fault {
        name: "ldr-aan-iedereen",
        wat: "de LDR-indicatie gaat ook naar partijen buiten SUWI",
        expect: Expect::Caught,
        breaks: &["AV-PRIV-004"],
        kind: Kind::Request(|f| {
            if f.header("x-vum-suwiparty").is_some() {
                f.set_header("x-vum-suwiparty", "true");
            }
        }),
    },
    Fault {
        name: "contact-zonder-indicatie",
        wat: "contactgegevens staan in het detail terwijl de indicatie nee zegt",
        expect: Expect::Caught,
        breaks: &["AV-PRIV-005", "AV-GEG-004"],
        kind: Kind::Response(|f, r| {
            with_detail(f, r, |d| {
                if d.get("emailadres")
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty())
                {
                    d["indicatieBeschikbaarheidContactgegevens"] = json!(2);
                }
            });
        }),
    },
    Fault {
        name: "geraden-id-levert-gegevens",
        wat: "een onbekend id levert het profiel van een ander",
        expect: Expect::Caught,
        breaks: &["AV-BEV-011", "AV-KOP-013", "AV-KOP-017"],
        kind: Kind::Response(|f, r| {
            if f.method == "GET" && r.status == 404 {
                let id = if is_werkzoekenden(f) {
                    "wz-t01"
                } else {
                    "vac-t01"
                };
                if let Some(other) = committed_detail(is_werkzoekenden(f), id) {
                    r.status = 200;
                    r.set_header("content-type", "application/json");
                    r.set_json(&other);
                }
            }
        }),
    },
    // The trace context (the processing log itself is internal to a node: a declaration, AV-LOG-001).
    Fault {
        name: "traceparent-niet-overgenomen",
        wat: "het antwoord neemt de traceparent van de vraag niet over",
        expect: Expect::Caught,
        breaks: &["AV-LOG-002"],
        kind: Kind::Response(|_, r| r.remove_header("traceparent")),
    },
    // Time.
    Fault {
        name: "detail-traag",
        wat: "een detail komt na 10,5 seconden",
        expect: Expect::Caught,
        breaks: &["AV-BET-001", "AV-PRIV-005"],
        kind: Kind::Delay {
            path: "/werkzoekendeProfielen/wz-0001",
            millis: 10_500,
        },
    },
    // Mutual TLS.
    Fault {
        name: "zonder-certificaat-bediend",
        wat: "een client zonder certificaat wordt bediend",
        expect: Expect::Caught,
        breaks: &["AV-BEV-001"],
        kind: Kind::Tls(TlsFault::Accepts(&[""])),
    },
    Fault {
        name: "verlopen-certificaat-bediend",
        wat: "een verlopen certificaat wordt geaccepteerd",
        expect: Expect::Caught,
        breaks: &["AV-BEV-002"],
        kind: Kind::Tls(TlsFault::Accepts(&["verlopen"])),
    },
    Fault {
        name: "vreemde-ca-bediend",
        wat: "een certificaat van een vreemde CA wordt geaccepteerd",
        expect: Expect::Caught,
        breaks: &["AV-BEV-005"],
        kind: Kind::Tls(TlsFault::Accepts(&["vreemd"])),
    },
    Fault {
        name: "onbekend-oin-bediend",
        wat: "een certificaat met een OIN dat niet deelneemt wordt geaccepteerd",
        expect: Expect::Caught,
        breaks: &["AV-BEV-004"],
        kind: Kind::Tls(TlsFault::Accepts(&["onbekend"])),
    },
    Fault {
        name: "bemiddelaar-bediend",
        wat: "een bemiddelaar wordt bediend alsof hij de uitwisselingsvoorziening is",
        expect: Expect::Caught,
        breaks: &["AV-BEV-004"],
        kind: Kind::Tls(TlsFault::Accepts(&["bemiddelaar"])),
    },
    Fault {
        name: "ook-gewoon-http",
        wat: "de bron beantwoordt ook gewoon HTTP op de TLS-poort",
        expect: Expect::Caught,
        breaks: &["AV-BEV-007"],
        kind: Kind::Tls(TlsFault::PlainHttpToo),
    },
    Fault {
        name: "oude-tls-versie-aanvaard",
        wat: "de bron aanvaardt TLS 1.0 en TLS 1.1",
        expect: Expect::Caught,
        breaks: &["AV-BEV-014"],
        kind: Kind::Tls(TlsFault::AcceptsOldTls),
    },
    // Selection order.
    Fault {
        name: "afkappen-in-opslagvolgorde",
        wat: "bij meer dan 100 werkzoekenden levert de bron de eerste 100 in opslagvolgorde",
        expect: Expect::Caught,
        breaks: &["AV-SEL-027"],
        kind: Kind::Response(|f, r| {
            if !(is_matches(f) && is_werkzoekenden(f) && r.status == 200) {
                return;
            }
            let Some((vraag, postcode, afstand)) = selectiegebied(f) else {
                return;
            };
            let only_area = vraag.as_object().is_some_and(|v| v.len() == 1);
            let truncated = r
                .json()
                .is_some_and(|b| b["maximumAantalResultatenBereikt"] == json!(true));
            if only_area && truncated {
                let first: Vec<Value> = in_storage_order(&postcode, afstand)
                    .into_iter()
                    .take(100)
                    .collect();
                r.set_json(&json!({"maximumAantalResultatenBereikt": true, "matches": first}));
            }
        }),
    },
    // What the harness must call inconclusive, never a failure of the node.
    Fault {
        name: "basispad-404",
        wat: "het doel wijst naar een pad onder de API waar niets is (404)",
        expect: Expect::Inconclusive,
        breaks: &[],
        kind: Kind::Request(|f| {
            f.path = f.path.replacen("/api/v3/", "/api/v3/oud/", 1);
        }),
    },
    Fault {
        name: "clientcertificaat-geweigerd",
        wat: "de bron weigert het clientcertificaat van het harnas (401 op alles)",
        expect: Expect::Inconclusive,
        breaks: &[],
        kind: Kind::Tls(TlsFault::Refuses(&["uitwisseling"])),
    },
    Fault {
        name: "stil-na-30-verzoeken",
        wat: "de bron antwoordt na 30 verzoeken niet meer",
        expect: Expect::Inconclusive,
        breaks: &[],
        kind: Kind::Stall { after: 30 },
    },
];
