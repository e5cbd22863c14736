//! Job seekers of the test set.

use super::rng::Rng;
use super::text::{
    CURSUSSEN, INTERESSES, ORGANISATIES, TALEN, TEXEL_COMPETENTIES, beroep, competentie,
    kanarie_bsn, kanarie_email, kanarie_iban, kanarie_telefoon, text_of_length, zin,
};
use crate::codes::{CodeList, JaNee, NiveauTaalbeheersing};
use crate::common::{
    Beroep, Competentiebeheersing, Contractvorm, Rijbewijs, SectorBeroepsEnBedrijfsleven,
    Taalbeheersing, Vervoermiddel, Webadres, Werktijden,
};
use crate::primitives::{Date, IdWerkzoekende, Integer10AsString, Postcode, TaalCode, Uri, Url};
use crate::werkzoekende::{
    Arbeidsmarktkwalificatie, ContactpersoonAfdeling, Cursus, EisAanWerk, Flexibiliteit, Interesse,
    Mobiliteit, Opleiding, Werkervaring, Werkzoekende,
};

/// The number of bulk job seekers.
pub(super) const BULK: usize = 1000;

/// Value `n` of a code list, cycling, so that consecutive profiles use every value.
pub(super) fn code<C: CodeList>(n: usize) -> C {
    C::ALL[n % C::ALL.len()]
}

/// A postcode in area `pc4` with letters drawn from `rng` (never SA, SD or SS, which are not used).
pub(super) fn postcode(rng: &mut Rng, pc4: u16) -> Postcode {
    loop {
        let a = (b'A' + rng.below(26) as u8) as char;
        let b = (b'A' + rng.below(26) as u8) as char;
        if !(a == 'S' && matches!(b, 'A' | 'D' | 'S')) {
            return Postcode::new(format!("{pc4:04}{a}{b}"));
        }
    }
}

/// A date in 2025–2027.
pub(super) fn datum(rng: &mut Rng) -> Date {
    Date::new(format!(
        "{}-{:02}-{:02}",
        rng.between(2025, 2027),
        rng.between(1, 12),
        rng.between(1, 28)
    ))
}

pub(super) fn bulk(rng: &mut Rng, areas: &[u16]) -> Vec<Werkzoekende> {
    (1..=BULK).map(|i| one(rng, areas, i)).collect()
}

fn one(rng: &mut Rng, areas: &[u16], i: usize) -> Werkzoekende {
    let id = format!("wz-{i:04}");
    let contact = i % 2 == 1 && i % 97 != 0;
    let indicatie_contact = if i % 97 == 0 {
        None
    } else {
        Some(if contact { JaNee::Ja } else { JaNee::Nee })
    };
    let mobiliteit = (i != 17 && i != 503).then(|| Mobiliteit {
        bemiddelingspostcode: {
            let pc4 = *rng.pick(areas);
            postcode(rng, pc4)
        },
        maximale_reisafstand: match i {
            1 => Some(0),
            2 => Some(999),
            _ if i % 10 == 0 => None,
            _ => Some(rng.between(5, 200) as u16),
        },
        maximale_reistijd: match i {
            5 => Some(0),
            6 => Some(999),
            _ if i % 3 == 0 => Some(rng.between(10, 120) as u16),
            _ => None,
        },
    });
    let bemiddelingsberoep = match i % 20 {
        0 => Some(Vec::new()),
        1 => None,
        _ => Some(
            (0..rng.between(1, 3))
                .map(|_| beroep_van(rng.below(40)))
                .collect(),
        ),
    };
    let contractvorm = (i % 15 != 0).then(|| {
        (0..1 + i % 2)
            .map(|k| Contractvorm {
                code_type_arbeidscontract: ((i + k) % 5 != 0).then(|| code(i + k)),
                code_type_overeenkomst: ((i + k) % 3 != 0).then(|| code(i / 3 + k)),
            })
            .collect()
    });
    let flexibiliteit = match i {
        _ if i % 25 == 0 => Some(Flexibiliteit::default()),
        _ if i % 7 == 0 => None,
        _ => Some(Flexibiliteit {
            datum_aanvang_beschikbaar_voor_werk: Some(datum(rng)),
            datum_einde_beschikbaar_voor_werk: (i % 4 == 0).then(|| Date::new("2028-12-31")),
            indicatie_onregelmatig_werk_of_ploegendienst: Some(code(i)),
        }),
    };
    let werktijden = match i {
        3 => Some(uren(Some(0), Some(99), Some(code(i)))),
        4 => Some(uren(Some(99), Some(99), None)),
        _ if i % 9 == 0 => None,
        _ => {
            let min = rng.between(0, 32) as u8;
            let max = rng.between(u32::from(min).max(8), 40) as u8;
            Some(uren(Some(min), Some(max), Some(code(i / 2))))
        }
    };
    let sector = (i % 6 != 0).then(|| {
        let codes: Vec<u32> = match i {
            7 => vec![0],
            8 => vec![99999],
            _ => (0..rng.between(1, 2))
                .map(|_| rng.between(100, 96_000))
                .collect(),
        };
        codes
            .into_iter()
            .map(|c| SectorBeroepsEnBedrijfsleven { code_sbi: Some(c) })
            .collect()
    });
    let vervoermiddel = (i % 8 != 0).then(|| {
        (0..1 + i % 2)
            .map(|k| Vervoermiddel {
                code_vervoermiddel: Some(code(i + k)),
                indicatie_beschikbaar_voor_uitvoering_werk: Some(code(i / 2 + k)),
                indicatie_beschikbaar_voor_woon_werkverkeer: Some(code(i / 3 + k)),
            })
            .collect()
    });
    let kwalificatie = match i {
        _ if i % 11 == 0 => None,
        _ if i % 13 == 0 => Some(Arbeidsmarktkwalificatie::default()),
        _ => Some(kwalificatie(rng, i)),
    };
    let persoonlijke_presentatie = match i {
        4 => Some(text_of_length(2000)),
        _ if contact => Some(format!(
            "{} Mail {} of bel {}. BSN {}, rekening {}.",
            zin(rng, 6),
            kanarie_email(&id),
            kanarie_telefoon(i),
            kanarie_bsn(i),
            kanarie_iban(i)
        )),
        _ if i % 4 == 0 => Some(zin(rng, 12)),
        _ => None,
    };
    Werkzoekende {
        arbeidsmarktkwalificatie: kwalificatie,
        bemiddelingsberoep,
        contactpersoon: contact.then(|| {
            vec![ContactpersoonAfdeling {
                naam_contactpersoon_afdeling: Some("Consulent Werk".to_owned()),
                emailadres: Some(format!("consulent.{id}@vum-testset.invalid")),
                telefoonnummer: Some(kanarie_telefoon(i + 5000)),
            }]
        }),
        contractvorm,
        eis_aan_werk: (i % 4 == 1).then(|| EisAanWerk {
            indicatie_aanpassing_werkomgeving: Some(code(i / 4)),
            indicatie_begeleiding: Some(code(i / 4 + 1)),
            indicatie_werkvariatie: Some(code(i / 4 + 2)),
        }),
        emailadres: contact.then(|| vec![kanarie_email(&id)]),
        flexibiliteit,
        id_werkzoekende: Some(IdWerkzoekende::new(id.clone())),
        indicatie_beschikbaarheid_contactgegevens: indicatie_contact,
        indicatie_ldr_registratie: (i % 3 == 0).then(|| code(i / 3)),
        mobiliteit,
        persoonlijke_presentatie,
        sector,
        telefoonnummer: contact.then(|| vec![kanarie_telefoon(i)]),
        vervoermiddel,
        webadres: contact.then(|| {
            vec![Webadres {
                code_webadres: Some(code(i / 2)),
                url: Some(Url::new(format!(
                    "https://kanarie.vum-testset.invalid/{id}"
                ))),
            }]
        }),
        werktijden,
    }
}

fn beroep_van(k: usize) -> Beroep {
    Beroep {
        code_beroepsnaam: Some(Uri::new(beroep(k))),
    }
}

/// Working hours with the indication of office hours.
pub(super) fn uren(
    min: Option<u8>,
    max: Option<u8>,
    kantoor: Option<crate::codes::Indicatie>,
) -> Werktijden {
    Werktijden {
        aantal_werkuren_per_week_minimaal: min,
        aantal_werkuren_per_week_maximaal: max,
        indicatie_kantoortijden: kantoor,
    }
}

/// Driving licences from their codes.
pub(super) fn rijbewijzen(codes: &[&str]) -> Vec<Rijbewijs> {
    codes
        .iter()
        .map(|r| Rijbewijs {
            code_soort_rijbewijs: crate::codes::SoortRijbewijs::from_code(r),
        })
        .collect()
}

/// Languages from (code, oral level, written level).
pub(super) fn talen(talen: &[(&str, Option<i64>, Option<i64>)]) -> Vec<Taalbeheersing> {
    let level = |v: Option<i64>| v.and_then(NiveauTaalbeheersing::from_value);
    talen
        .iter()
        .map(|(t, mondeling, schriftelijk)| Taalbeheersing {
            code_taal: Some(TaalCode::new(*t)),
            code_niveau_taalbeheersing_mondeling: level(*mondeling),
            code_niveau_taalbeheersing_schriftelijk: level(*schriftelijk),
            ..Taalbeheersing::default()
        })
        .collect()
}

fn kwalificatie(rng: &mut Rng, i: usize) -> Arbeidsmarktkwalificatie {
    let rijbewijs = if i % 5 == 0 {
        Some(Vec::new())
    } else {
        Some(
            (0..1 + i % 3)
                .map(|k| Rijbewijs {
                    code_soort_rijbewijs: Some(code(i + 5 * k)),
                })
                .collect(),
        )
    };
    let taalbeheersing = if i % 12 == 0 {
        Some(Vec::new())
    } else {
        let mut talen = vec![taal("nld", i)];
        if i % 3 == 0 {
            talen.push(taal(TALEN[1 + i % (TALEN.len() - 1)], i + 2));
        }
        Some(talen)
    };
    Arbeidsmarktkwalificatie {
        code_werk_en_denkniveau_werkzoekende: Some(code(i)),
        cursus: (i % 2 == 0).then(|| {
            vec![Cursus {
                indicatie_certificaat: Some(code(i / 2)),
                naam_cursus: Some((*rng.pick(&CURSUSSEN)).to_owned()),
                toelichting_cursus: Some(zin(rng, 5)),
                datum_aanvang_volgen_cursus: Some(Date::new("2023-03-01")),
                datum_certificaat: (i % 4 == 0).then(|| Date::new("2023-04-15")),
                datum_einde_volgen_cursus: Some(Date::new("2023-04-15")),
                naam_opleidingsinstituut: Some("Opleidingscentrum Noord".to_owned()),
            }]
        }),
        competentiebeheersing: Some(
            (0..i % 3)
                .map(|k| Competentiebeheersing {
                    code_competentie: Some(Uri::new(competentie(i + k))),
                })
                .collect(),
        ),
        interesse: (i % 3 == 0).then(|| {
            vec![Interesse {
                naam_interesse: Some((*rng.pick(&INTERESSES)).to_owned()),
            }]
        }),
        opleiding: (i % 4 != 0).then(|| {
            vec![Opleiding {
                code_opleidingsnaam: Some(Integer10AsString::new(
                    rng.between(1000, 9_999_999).to_string(),
                )),
                code_niveau_opleiding: Some(code(i)),
                indicatie_diploma: Some(code(i / 4)),
                toelichting_opleiding: Some(zin(rng, 8)),
                code_status_opleiding: Some(code(i / 5)),
                datum_aanvang_volgen_opleiding: Some(Date::new("2015-09-01")),
                datum_diploma: (i % 8 == 1).then(|| Date::new("2019-07-01")),
                datum_einde_volgen_opleiding: Some(Date::new("2019-07-01")),
                naam_opleidingsinstituut: Some("ROC Midden".to_owned()),
            }]
        }),
        rijbewijs,
        taalbeheersing,
        werkervaring: (i % 3 != 2).then(|| {
            vec![Werkervaring {
                beroep: Some(beroep_van(rng.below(40))),
                datum_aanvang_werkzaamheden: Some(Date::new("2020-02-01")),
                datum_einde_werkzaamheden: (i % 2 == 0).then(|| Date::new("2024-01-31")),
                naam_organisatie: Some((*rng.pick(&ORGANISATIES)).to_owned()),
                toelichting_werkervaring: Some(if i == 9 {
                    text_of_length(2000)
                } else {
                    zin(rng, 10)
                }),
            }]
        }),
    }
}

fn taal(code_taal: &str, n: usize) -> Taalbeheersing {
    Taalbeheersing {
        code_niveau_taalbeheersing_lezen: Some(code(n)),
        code_niveau_taalbeheersing_luisteren: Some(code(n + 1)),
        code_niveau_taalbeheersing_mondeling: Some(code(n / 2)),
        code_niveau_taalbeheersing_schriftelijk: Some(code(n / 3)),
        code_taal: Some(TaalCode::new(code_taal)),
    }
}

/// One hand-designed job seeker of a cluster.
struct Ontwerp {
    id: &'static str,
    postcode: &'static str,
    reisafstand: Option<u16>,
    beroepen: &'static [usize],
    contracten: &'static [&'static str],
    onregelmatig: Option<i64>,
    rijbewijzen: &'static [&'static str],
    talen: &'static [(&'static str, Option<i64>, Option<i64>)],
    beschikbaar_vanaf: Option<&'static str>,
    kantoortijden: Option<i64>,
    uren: (Option<u8>, Option<u8>),
    contact: bool,
}

/// The Texel cluster: every criterion and operator, each with profiles that do and do not match.
/// Occupation `0` is B1 of the README, `1` is B2, and so on.
const TEXEL: [Ontwerp; 12] = [
    Ontwerp {
        id: "wz-t01",
        postcode: "1791AB",
        reisafstand: None,
        beroepen: &[0],
        contracten: &["O"],
        onregelmatig: Some(1),
        rijbewijzen: &["B"],
        talen: &[("nld", Some(4), Some(4))],
        beschikbaar_vanaf: Some("2026-12-01"),
        kantoortijden: Some(1),
        uren: (Some(24), Some(40)),
        contact: true,
    },
    Ontwerp {
        id: "wz-t02",
        postcode: "1791CD",
        reisafstand: Some(25),
        beroepen: &[0, 1],
        contracten: &["B"],
        onregelmatig: Some(2),
        rijbewijzen: &["B", "C"],
        talen: &[("nld", Some(3), Some(2))],
        beschikbaar_vanaf: Some("2027-02-01"),
        kantoortijden: Some(2),
        uren: (Some(32), Some(36)),
        contact: false,
    },
    Ontwerp {
        id: "wz-t03",
        postcode: "1792AA",
        reisafstand: Some(10),
        beroepen: &[1],
        contracten: &["O", "B"],
        onregelmatig: Some(1),
        rijbewijzen: &["C", "CE"],
        talen: &[("nld", Some(2), None), ("eng", Some(4), Some(4))],
        beschikbaar_vanaf: Some("2026-11-01"),
        kantoortijden: Some(1),
        uren: (Some(16), Some(24)),
        contact: true,
    },
    Ontwerp {
        id: "wz-t04",
        postcode: "1792BB",
        reisafstand: None,
        beroepen: &[],
        contracten: &[],
        onregelmatig: None,
        rijbewijzen: &[],
        talen: &[],
        beschikbaar_vanaf: None,
        kantoortijden: None,
        uren: (None, None),
        contact: false,
    },
    Ontwerp {
        id: "wz-t05",
        postcode: "1793AA",
        reisafstand: Some(50),
        beroepen: &[0],
        contracten: &["O"],
        onregelmatig: Some(2),
        rijbewijzen: &["AM"],
        talen: &[("nld", Some(4), Some(3)), ("deu", Some(3), Some(3))],
        beschikbaar_vanaf: Some("2027-01-15"),
        kantoortijden: Some(1),
        uren: (Some(0), Some(20)),
        contact: true,
    },
    Ontwerp {
        id: "wz-t06",
        postcode: "1794AA",
        reisafstand: Some(50),
        beroepen: &[3],
        contracten: &["B"],
        onregelmatig: Some(1),
        rijbewijzen: &["B", "BE"],
        talen: &[("ara", Some(4), Some(4))],
        beschikbaar_vanaf: Some("2026-12-15"),
        kantoortijden: Some(2),
        uren: (Some(36), Some(40)),
        contact: false,
    },
    Ontwerp {
        id: "wz-t07",
        postcode: "1795AA",
        reisafstand: Some(15),
        beroepen: &[1],
        contracten: &["O"],
        onregelmatig: Some(1),
        rijbewijzen: &["D", "D1"],
        talen: &[("nld", Some(3), Some(3))],
        beschikbaar_vanaf: Some("2026-12-01"),
        kantoortijden: Some(1),
        uren: (Some(20), Some(32)),
        contact: true,
    },
    Ontwerp {
        id: "wz-t08",
        postcode: "1796AA",
        reisafstand: Some(30),
        beroepen: &[0, 2],
        contracten: &["B"],
        onregelmatig: Some(2),
        rijbewijzen: &["B"],
        talen: &[("nld", Some(4), None)],
        beschikbaar_vanaf: Some("2027-03-01"),
        kantoortijden: Some(1),
        uren: (Some(8), Some(16)),
        contact: false,
    },
    Ontwerp {
        id: "wz-t09",
        postcode: "1797AA",
        reisafstand: Some(2),
        beroepen: &[0],
        contracten: &["O"],
        onregelmatig: Some(1),
        rijbewijzen: &["B"],
        talen: &[("nld", Some(4), Some(4))],
        beschikbaar_vanaf: Some("2026-12-01"),
        kantoortijden: Some(1),
        uren: (Some(24), Some(40)),
        contact: true,
    },
    Ontwerp {
        id: "wz-t10",
        postcode: "1791EF",
        reisafstand: Some(0),
        beroepen: &[0],
        contracten: &["O"],
        onregelmatig: Some(1),
        rijbewijzen: &["B"],
        talen: &[("nld", Some(4), Some(4))],
        beschikbaar_vanaf: Some("2026-12-01"),
        kantoortijden: Some(1),
        uren: (Some(24), Some(40)),
        contact: false,
    },
    Ontwerp {
        id: "wz-t11",
        postcode: "1794BB",
        reisafstand: None,
        beroepen: &[4],
        contracten: &["-"],
        onregelmatig: Some(0),
        rijbewijzen: &["T"],
        talen: &[("nld", None, None)],
        beschikbaar_vanaf: Some("2028-01-01"),
        kantoortijden: Some(0),
        uren: (Some(12), Some(12)),
        contact: true,
    },
    Ontwerp {
        id: "wz-t12",
        postcode: "1793CC",
        reisafstand: Some(12),
        beroepen: &[2],
        contracten: &["O"],
        onregelmatig: None,
        rijbewijzen: &["B", "C", "CE"],
        talen: &[("nld", Some(2), Some(2)), ("pol", Some(4), Some(4))],
        beschikbaar_vanaf: None,
        kantoortijden: Some(2),
        uren: (Some(36), Some(38)),
        contact: false,
    },
];

/// The clusters; the Texel profiles carry competences when the version searches on them.
pub(super) fn clusters(met_competenties: bool) -> Vec<Werkzoekende> {
    let mut all: Vec<Werkzoekende> = TEXEL
        .iter()
        .enumerate()
        .map(|(n, o)| ontwerp(o, 9000 + n))
        .collect();
    if met_competenties {
        for (w, (id, lijst)) in all.iter_mut().zip(TEXEL_COMPETENTIES) {
            debug_assert_eq!(
                w.id_werkzoekende.as_ref().map(IdWerkzoekende::as_str),
                Some(id)
            );
            if let (Some(kwalificatie), Some(lijst)) = (w.arbeidsmarktkwalificatie.as_mut(), lijst)
            {
                kwalificatie.competentiebeheersing = Some(
                    lijst
                        .iter()
                        .map(|k| Competentiebeheersing {
                            code_competentie: k.map(|k| Uri::new(competentie(k))),
                        })
                        .collect(),
                );
            }
        }
    }
    // Ameland: 100 job seekers within 10 km of 9161 (in 9161, 9162, 9163) and a 101st in 9164,
    // 10.8 km away. No own travel distance, so only the question's afstand counts. They are
    // published farthest first, so that a source cutting at 100 in storage order keeps wz-a101
    // and drops wz-a001 instead of returning the nearest (AV-SEL-027).
    let mut rng = Rng::new(super::SEED ^ 0x0041_4D45_4C41_4E44);
    let mut ameland = Vec::with_capacity(101);
    for n in 1..=101usize {
        let pc4 = match n {
            1..=60 => 9161,
            61..=90 => 9162,
            91..=100 => 9163,
            _ => 9164,
        };
        let id = format!("wz-a{n:03}");
        ameland.push(Werkzoekende {
            bemiddelingsberoep: Some(vec![beroep_van(5 + n % 3)]),
            id_werkzoekende: Some(IdWerkzoekende::new(id)),
            indicatie_beschikbaarheid_contactgegevens: Some(JaNee::Nee),
            mobiliteit: Some(Mobiliteit {
                bemiddelingspostcode: postcode(&mut rng, pc4),
                maximale_reisafstand: None,
                maximale_reistijd: None,
            }),
            werktijden: Some(uren(Some(16), Some(if n % 2 == 0 { 40 } else { 32 }), None)),
            ..Werkzoekende::default()
        });
    }
    all.extend(ameland.into_iter().rev());
    all
}

fn ontwerp(o: &Ontwerp, canary: usize) -> Werkzoekende {
    let indicatie = |v: Option<i64>| v.and_then(crate::codes::Indicatie::from_value);
    Werkzoekende {
        arbeidsmarktkwalificatie: Some(Arbeidsmarktkwalificatie {
            rijbewijs: Some(rijbewijzen(o.rijbewijzen)),
            taalbeheersing: Some(talen(o.talen)),
            ..Arbeidsmarktkwalificatie::default()
        }),
        bemiddelingsberoep: Some(o.beroepen.iter().map(|k| beroep_van(*k)).collect()),
        contractvorm: Some(
            o.contracten
                .iter()
                .map(|c| Contractvorm {
                    code_type_arbeidscontract: crate::codes::TypeArbeidscontract::from_code(c),
                    code_type_overeenkomst: Some(crate::codes::TypeOvereenkomst::ReguliereVacature),
                })
                .collect(),
        ),
        emailadres: o.contact.then(|| vec![kanarie_email(o.id)]),
        flexibiliteit: Some(Flexibiliteit {
            datum_aanvang_beschikbaar_voor_werk: o.beschikbaar_vanaf.map(Date::new),
            indicatie_onregelmatig_werk_of_ploegendienst: indicatie(o.onregelmatig),
            ..Flexibiliteit::default()
        }),
        id_werkzoekende: Some(IdWerkzoekende::new(o.id)),
        indicatie_beschikbaarheid_contactgegevens: Some(if o.contact {
            JaNee::Ja
        } else {
            JaNee::Nee
        }),
        indicatie_ldr_registratie: Some(if o.contact { JaNee::Ja } else { JaNee::Nee }),
        mobiliteit: Some(Mobiliteit {
            bemiddelingspostcode: Postcode::new(o.postcode),
            maximale_reisafstand: o.reisafstand,
            maximale_reistijd: None,
        }),
        persoonlijke_presentatie: o.contact.then(|| {
            format!(
                "Bereikbaar via {} en {}. BSN {}.",
                kanarie_email(o.id),
                kanarie_telefoon(canary),
                kanarie_bsn(canary)
            )
        }),
        telefoonnummer: o.contact.then(|| vec![kanarie_telefoon(canary)]),
        werktijden: (o.uren != (None, None) || o.kantoortijden.is_some())
            .then(|| uren(o.uren.0, o.uren.1, indicatie(o.kantoortijden))),
        ..Werkzoekende::default()
    }
}
