//! Vacancies of the test set.

use super::rng::Rng;
use super::text::{
    CURSUSSEN, ORGANISATIES, STRATEN, TALEN, VACATURENAMEN, beroep, competentie, kanarie_telefoon,
    text_of_length, zin,
};
use super::werkzoekenden::{code, datum, postcode, rijbewijzen, talen, uren};
use crate::codes::WerkEnDenkniveauMinimaal;
use crate::common::{
    Beroep, Competentiebeheersing, Contractvorm, Rijbewijs, SectorBeroepsEnBedrijfsleven,
    Taalbeheersing, Vervoermiddel, Webadres,
};
use crate::primitives::{Date, IdVacature, Integer10AsString, Postcode, TaalCode, Uri, Url};
use crate::vacature::{
    Adres, ArbeidsVoorwaarden, ContactpersoonAfdeling, Cursus, Flexibiliteit, Opleiding,
    Sollicitatiewijze, Vacature, Werkervaring, Werkgever,
};

/// The number of bulk vacancies.
pub(super) const BULK: usize = 500;

pub(super) fn bulk(rng: &mut Rng, areas: &[u16]) -> Vec<Vacature> {
    (1..=BULK).map(|j| one(rng, areas, j)).collect()
}

fn one(rng: &mut Rng, areas: &[u16], j: usize) -> Vacature {
    let id = format!("vac-{j:04}");
    let adres = (j != 11 && j != 250).then(|| Adres {
        postcode: {
            let pc4 = *rng.pick(areas);
            postcode(rng, pc4)
        },
        straatnaam: (j % 5 != 0).then(|| (*rng.pick(&STRATEN)).to_owned()),
        huisnummer: match j {
            1 => Some(0),
            2 => Some(99999),
            _ if j % 4 == 0 => None,
            _ => Some(rng.between(1, 300)),
        },
        huisnummertoevoeging: (j % 7 == 0).then(|| {
            if j == 7 {
                "bis-12".to_owned()
            } else {
                "A".to_owned()
            }
        }),
    });
    Vacature {
        adres,
        arbeids_voorwaarden: match j {
            _ if j % 10 == 0 => None,
            _ if j % 23 == 0 => Some(ArbeidsVoorwaarden::default()),
            _ => Some(ArbeidsVoorwaarden {
                datum_aanvang_werkzaamheden: Some(datum(rng)),
                datum_einde_werkzaamheden: (j % 3 == 0).then(|| Date::new("2028-06-30")),
                omschrijving_arbeidsvoorwaarden: Some(if j == 3 {
                    text_of_length(2000)
                } else {
                    zin(rng, 8)
                }),
                salaris_indicatie: (j % 2 == 0).then(|| "Volgens cao".to_owned()),
            }),
        },
        beroep: (j % 12 != 0).then(|| Beroep {
            code_beroepsnaam: Some(Uri::new(beroep(rng.below(40)))),
        }),
        code_werk_en_denkniveau_minimaal: (j % 9 != 0).then(|| code::<WerkEnDenkniveauMinimaal>(j)),
        contractvorm: (j % 15 != 0).then(|| {
            vec![Contractvorm {
                code_type_arbeidscontract: Some(code(j)),
                code_type_overeenkomst: Some(code(j / 2)),
            }]
        }),
        cursus: (j % 3 == 0).then(|| {
            vec![Cursus {
                indicatie_certificaat: Some(code(j / 3)),
                naam_cursus: Some((*rng.pick(&CURSUSSEN)).to_owned()),
                toelichting_cursus: (j % 2 == 0).then(|| zin(rng, 4)),
            }]
        }),
        flexibiliteit: match j {
            _ if j % 20 == 0 => Some(Flexibiliteit::default()),
            _ if j % 6 == 0 => None,
            _ => Some(Flexibiliteit {
                datum_einde_beschikbaar_voor_werk: (j % 4 == 0).then(|| Date::new("2028-12-31")),
                indicatie_onregelmatig_werk_of_ploegendienst: Some(code(j)),
            }),
        },
        competentiebeheersing: Some(
            (0..j % 3)
                .map(|k| Competentiebeheersing {
                    code_competentie: Some(Uri::new(competentie(j + k))),
                })
                .collect(),
        ),
        id_vacature: IdVacature::new(id.clone()),
        naam_vacature: Some((*rng.pick(&VACATURENAMEN)).to_owned()),
        nummer_vacature: (j % 2 == 0).then(|| format!("V{j:06}")),
        omschrijving_vacature: Some(if j == 4 {
            text_of_length(2000)
        } else {
            zin(rng, 15)
        }),
        opleiding: (j % 4 != 0).then(|| {
            vec![Opleiding {
                code_opleidingsnaam: Some(Integer10AsString::new(
                    rng.between(1000, 9_999_999).to_string(),
                )),
                code_niveau_opleiding: Some(code(j)),
                indicatie_diploma: Some(code(j / 4)),
                toelichting_opleiding: (j % 3 == 1).then(|| zin(rng, 6)),
            }]
        }),
        rijbewijs: match j % 5 {
            0 => Some(Vec::new()),
            1 => None,
            _ => Some(
                (0..1 + j % 2)
                    .map(|k| Rijbewijs {
                        code_soort_rijbewijs: Some(code(j / 5 + 3 * k)),
                    })
                    .collect(),
            ),
        },
        sector: (j % 8 != 0).then(|| SectorBeroepsEnBedrijfsleven {
            code_sbi: Some(rng.between(100, 96_000)),
        }),
        sluitingsdatum_vacature: (j % 2 == 1).then(|| datum(rng)),
        sollicitatiewijze: (j % 7 != 0).then(|| {
            vec![Sollicitatiewijze {
                code_sollicitatiewijze: Some(code(j)),
                webadres: (j % 2 == 0).then(|| Webadres {
                    code_webadres: Some(code(j / 2)),
                    url: Some(Url::new(format!(
                        "https://werkenbij.vum-testset.invalid/{id}"
                    ))),
                }),
            }]
        }),
        taalbeheersing: (j % 11 != 0).then(|| {
            let mut talen = vec![taal("nld", j)];
            if j % 4 == 1 {
                talen.push(taal(TALEN[1 + j % (TALEN.len() - 1)], j + 3));
            }
            talen
        }),
        vervoermiddel: (j % 3 == 1).then(|| {
            vec![Vervoermiddel {
                code_vervoermiddel: Some(code(j / 3)),
                indicatie_beschikbaar_voor_uitvoering_werk: Some(code(j / 3 + 1)),
                indicatie_beschikbaar_voor_woon_werkverkeer: Some(code(j / 3 + 2)),
            }]
        }),
        werkervaring: (j % 5 != 3).then(|| {
            vec![Werkervaring {
                aantal_jaren_werkzaam_in_beroep: Some(match j {
                    5 => 0,
                    6 => 99,
                    _ => rng.between(1, 10) as u8,
                }),
            }]
        }),
        werkgever: (j % 13 != 0).then(|| Werkgever {
            contactpersoon: (j % 2 == 1).then(|| {
                vec![ContactpersoonAfdeling {
                    naam_contactpersoon_afdeling: Some("Afdeling Personeelszaken".to_owned()),
                    emailadres: Some(vec![format!("kanarie.{id}@vum-testset.invalid")]),
                    telefoonnummer: Some(vec![kanarie_telefoon(20_000 + j)]),
                }]
            }),
            handelsnaam_organisatie: Some((*rng.pick(&ORGANISATIES)).to_owned()),
            sector: Some(vec![SectorBeroepsEnBedrijfsleven {
                code_sbi: Some(rng.between(100, 96_000)),
            }]),
            webadres: Some(vec![Webadres {
                code_webadres: Some(code(j + 1)),
                url: Some(Url::new("https://www.vum-testset.invalid")),
            }]),
        }),
        werktijden: match j {
            8 => Some(uren(Some(0), Some(0), None)),
            9 => Some(uren(Some(99), Some(99), Some(code(j)))),
            _ if j % 14 == 0 => None,
            _ => {
                let min = rng.between(4, 32) as u8;
                Some(uren(
                    Some(min),
                    Some(rng.between(u32::from(min), 40) as u8),
                    Some(code(j / 2)),
                ))
            }
        },
    }
}

fn taal(code_taal: &str, n: usize) -> Taalbeheersing {
    Taalbeheersing {
        code_niveau_taalbeheersing_lezen: Some(code(n / 2)),
        code_niveau_taalbeheersing_luisteren: Some(code(n / 3)),
        code_niveau_taalbeheersing_mondeling: Some(code(n)),
        code_niveau_taalbeheersing_schriftelijk: Some(code(n + 1)),
        code_taal: Some(TaalCode::new(code_taal)),
    }
}

/// One hand-designed vacancy of the Terschelling cluster.
struct Ontwerp {
    id: &'static str,
    postcode: &'static str,
    beroep: Option<usize>,
    niveau: Option<&'static str>,
    aanvang: Option<&'static str>,
    onregelmatig: Option<i64>,
    rijbewijzen: &'static [&'static str],
    talen: &'static [(&'static str, Option<i64>, Option<i64>)],
    uren: (Option<u8>, Option<u8>),
}

/// Terschelling (8881–8897) and Vlieland (8899): every criterion and operator of the vacancy
/// question. Occupation `0` is B1 of the README.
const TERSCHELLING: [Ontwerp; 9] = [
    Ontwerp {
        id: "vac-t01",
        postcode: "8881AA",
        beroep: Some(0),
        niveau: Some("4"),
        aanvang: Some("2026-12-01"),
        onregelmatig: Some(1),
        rijbewijzen: &["B"],
        talen: &[("nld", Some(3), Some(3))],
        uren: (Some(32), Some(40)),
    },
    Ontwerp {
        id: "vac-t02",
        postcode: "8881BB",
        beroep: Some(1),
        niveau: Some("6"),
        aanvang: Some("2027-01-01"),
        onregelmatig: Some(2),
        rijbewijzen: &["B", "C"],
        talen: &[("nld", Some(4), Some(4))],
        uren: (Some(20), Some(24)),
    },
    Ontwerp {
        id: "vac-t03",
        postcode: "8882AA",
        beroep: Some(0),
        niveau: Some("7"),
        aanvang: Some("2026-11-15"),
        onregelmatig: Some(1),
        rijbewijzen: &[],
        talen: &[("nld", Some(2), None)],
        uren: (Some(36), Some(40)),
    },
    Ontwerp {
        id: "vac-t04",
        postcode: "8883AA",
        beroep: None,
        niveau: None,
        aanvang: None,
        onregelmatig: None,
        rijbewijzen: &[],
        talen: &[],
        uren: (None, None),
    },
    Ontwerp {
        id: "vac-t05",
        postcode: "8891AA",
        beroep: Some(2),
        niveau: Some("0"),
        aanvang: Some("2027-03-01"),
        onregelmatig: Some(2),
        rijbewijzen: &["C", "CE"],
        talen: &[("nld", Some(3), Some(2)), ("eng", Some(3), Some(3))],
        uren: (Some(16), Some(16)),
    },
    Ontwerp {
        id: "vac-t06",
        postcode: "8896AA",
        beroep: Some(0),
        niveau: Some("3"),
        aanvang: Some("2026-12-15"),
        onregelmatig: Some(1),
        rijbewijzen: &["B"],
        talen: &[("nld", Some(4), Some(4))],
        uren: (Some(8), Some(20)),
    },
    Ontwerp {
        id: "vac-t07",
        postcode: "8899AA",
        beroep: Some(1),
        niveau: Some("1"),
        aanvang: Some("2026-10-01"),
        onregelmatig: Some(0),
        rijbewijzen: &["D"],
        talen: &[("deu", Some(4), Some(4))],
        uren: (Some(38), Some(40)),
    },
    Ontwerp {
        id: "vac-t08",
        postcode: "8884AA",
        beroep: Some(3),
        niveau: Some("5"),
        aanvang: Some("2027-06-01"),
        onregelmatig: Some(1),
        rijbewijzen: &["B", "BE"],
        talen: &[("nld", Some(3), Some(3))],
        uren: (Some(24), Some(32)),
    },
    Ontwerp {
        id: "vac-t09",
        postcode: "8885AA",
        beroep: Some(0),
        niveau: Some("2"),
        aanvang: Some("2026-12-01"),
        onregelmatig: Some(2),
        rijbewijzen: &["AM"],
        talen: &[("nld", Some(2), Some(2))],
        uren: (Some(4), Some(12)),
    },
];

pub(super) fn clusters() -> Vec<Vacature> {
    let mut all: Vec<Vacature> = TERSCHELLING.iter().map(ontwerp).collect();
    // A vacancy on Terschelling without an address: its detail exists, no question can find it.
    all.push(Vacature {
        id_vacature: IdVacature::new("vac-t10"),
        naam_vacature: Some("Strandwacht".to_owned()),
        ..minimal("vac-t10")
    });
    // Schiermonnikoog has one PC4 (9166): 101 vacancies at distance 0 from each other. 100 have
    // at least 32 hours a week, vac-s101 has 20.
    let mut rng = Rng::new(super::SEED ^ 0x5343_4849_4552);
    for n in 1..=101usize {
        let id = format!("vac-s{n:03}");
        all.push(Vacature {
            adres: Some(Adres {
                postcode: postcode(&mut rng, 9166),
                straatnaam: None,
                huisnummer: None,
                huisnummertoevoeging: None,
            }),
            beroep: Some(Beroep {
                code_beroepsnaam: Some(Uri::new(beroep(8 + n % 2))),
            }),
            naam_vacature: Some((*rng.pick(&VACATURENAMEN)).to_owned()),
            werktijden: Some(uren(
                Some(16),
                Some(if n == 101 { 20 } else { 32 + (n % 9) as u8 }),
                None,
            )),
            ..minimal(&id)
        });
    }
    all
}

fn minimal(id: &str) -> Vacature {
    Vacature {
        adres: None,
        arbeids_voorwaarden: None,
        beroep: None,
        code_werk_en_denkniveau_minimaal: None,
        contractvorm: None,
        cursus: None,
        flexibiliteit: None,
        competentiebeheersing: None,
        id_vacature: IdVacature::new(id),
        naam_vacature: None,
        nummer_vacature: None,
        omschrijving_vacature: None,
        opleiding: None,
        rijbewijs: None,
        sector: None,
        sluitingsdatum_vacature: None,
        sollicitatiewijze: None,
        taalbeheersing: None,
        vervoermiddel: None,
        werkervaring: None,
        werkgever: None,
        werktijden: None,
    }
}

fn ontwerp(o: &Ontwerp) -> Vacature {
    Vacature {
        adres: Some(Adres {
            postcode: Postcode::new(o.postcode),
            straatnaam: None,
            huisnummer: None,
            huisnummertoevoeging: None,
        }),
        arbeids_voorwaarden: o.aanvang.map(|d| ArbeidsVoorwaarden {
            datum_aanvang_werkzaamheden: Some(Date::new(d)),
            ..ArbeidsVoorwaarden::default()
        }),
        beroep: o.beroep.map(|k| Beroep {
            code_beroepsnaam: Some(Uri::new(beroep(k))),
        }),
        code_werk_en_denkniveau_minimaal: o.niveau.and_then(WerkEnDenkniveauMinimaal::from_code),
        flexibiliteit: o.onregelmatig.map(|v| Flexibiliteit {
            indicatie_onregelmatig_werk_of_ploegendienst: crate::codes::Indicatie::from_value(v),
            ..Flexibiliteit::default()
        }),
        naam_vacature: Some(format!("Vacature {}", o.id)),
        rijbewijs: Some(rijbewijzen(o.rijbewijzen)),
        taalbeheersing: Some(talen(o.talen)),
        werktijden: (o.uren != (None, None)).then(|| uren(o.uren.0, o.uren.1, None)),
        ..minimal(o.id)
    }
}
