//! A measurement in progress: profiles are added one at a time (from a file, a database, …) and
//! only counts and digests are kept, so memory grows by two digests and one number per profile.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::kaart::{Actueel, Betrouwbaar, Regeluitslag, Scorekaart, Volledig, Vulgraad, score};
use super::pad::Vorm;
use super::regels::{
    AANVANG, ACTUEEL, BETROUWBAAR, Beoordeling, DATUMS, DUBBELE_INHOUD, EINDE, LAATSTE_DATUM,
    Regel, SLEUTEL, Vingerafdruk, beoordeel,
};
use super::velden::tabel;
use super::{DocumentFout, Instellingen, Kind, VROEGSTE_JAAR};

/// The counts of one rule.
#[derive(Clone, Debug, Default)]
struct Teller {
    afwijkend: u64,
    onderdelen: BTreeMap<&'static str, u64>,
}

impl Teller {
    fn new(regel: &Regel) -> Self {
        Self {
            afwijkend: 0,
            onderdelen: regel.onderdelen.iter().map(|p| (*p, 0)).collect(),
        }
    }

    fn tel(&mut self, afwijkend: bool, onderdelen: &[&'static str]) {
        if afwijkend {
            self.afwijkend += 1;
        }
        for part in onderdelen {
            *self.onderdelen.entry(part).or_default() += 1;
        }
    }
}

/// The score card of one kind, built up one profile at a time.
#[derive(Debug)]
pub struct Meting {
    soort: Kind,
    instellingen: Instellingen,
    aantal: u64,
    gevuld: Vec<u64>,
    betrouwbaar: BTreeMap<&'static str, Teller>,
    betrouwbaar_zonder_bevinding: u64,
    actueel: BTreeMap<&'static str, Teller>,
    actueel_zonder_bevinding: u64,
    leeftijden: Vec<u64>,
    sleutels: HashSet<Vingerafdruk>,
    /// Content digest → the id digest it was first seen under.
    inhoud: HashMap<Vingerafdruk, Option<Vingerafdruk>>,
}

impl Meting {
    /// An empty measurement of `soort`.
    pub fn new(soort: Kind, instellingen: Instellingen) -> Self {
        Self {
            soort,
            instellingen,
            aantal: 0,
            gevuld: vec![0; tabel(soort).zoekvelden.len()],
            betrouwbaar: BETROUWBAAR
                .iter()
                .map(|r| (r.naam, Teller::new(r)))
                .collect(),
            betrouwbaar_zonder_bevinding: 0,
            actueel: ACTUEEL.iter().map(|r| (r.naam, Teller::new(r))).collect(),
            actueel_zonder_bevinding: 0,
            leeftijden: Vec::new(),
            sleutels: HashSet::new(),
            inhoud: HashMap::new(),
        }
    }

    /// The kind being measured.
    pub fn soort(&self) -> Kind {
        self.soort
    }

    /// How many profiles were added.
    pub fn aantal(&self) -> u64 {
        self.aantal
    }

    /// Adds one document. A document that cannot be scored changes nothing.
    pub fn voeg_toe(&mut self, document: &Value) -> Result<(), DocumentFout> {
        if !document.is_object() {
            return Err(DocumentFout::GeenObject(Vorm::van(document)));
        }
        let ander = match self.soort {
            Kind::Werkzoekende => Kind::Vacature,
            Kind::Vacature => Kind::Werkzoekende,
        };
        if document.get(ander.id_field()).is_some_and(|v| !v.is_null()) {
            return Err(DocumentFout::AndereSoort {
                verwacht: self.soort,
                gevonden: ander,
                veld: ander.id_field(),
            });
        }
        let beoordeling = beoordeel(self.soort, document, &self.instellingen)?;
        self.tel(beoordeling);
        Ok(())
    }

    fn tel(&mut self, b: Beoordeling) {
        self.aantal += 1;
        for (count, filled) in self.gevuld.iter_mut().zip(&b.gevuld) {
            *count += u64::from(*filled);
        }

        let mut uitslagen: Vec<(&'static str, bool, Vec<&'static str>)> = b
            .bevindingen
            .into_iter()
            .map(|(regel, parts)| (regel, !parts.is_empty(), parts))
            .collect();
        let id = b.sleutel.ok();
        let sleutel = match b.sleutel {
            Err(part) => vec![part],
            Ok(id) if !self.sleutels.insert(id) => vec!["dubbel"],
            Ok(_) => Vec::new(),
        };
        uitslagen.push((SLEUTEL.naam, !sleutel.is_empty(), sleutel));
        // The same content again is a duplicate unless it is the same profile again under the
        // same id, which `sleutel` already counts.
        let dubbel = match self.inhoud.get(&b.inhoud) {
            None => {
                self.inhoud.insert(b.inhoud, id);
                false
            }
            Some(first) => id.is_none() || *first != id,
        };
        uitslagen.push((DUBBELE_INHOUD.naam, dubbel, Vec::new()));
        let mut clean = true;
        for (regel, afwijkend, parts) in &uitslagen {
            clean &= !afwijkend;
            if let Some(teller) = self.betrouwbaar.get_mut(regel) {
                teller.tel(*afwijkend, parts);
            }
        }
        self.betrouwbaar_zonder_bevinding += u64::from(clean);

        let peil = self.instellingen.peildatum;
        let laatste = match b.laatste_datum {
            None => vec!["zonderDatum"],
            Some(datum) => {
                let age = u64::try_from(datum.dagen_tot(peil)).unwrap_or(0);
                self.leeftijden.push(age);
                if age > u64::from(self.instellingen.verouderd_na_dagen) {
                    vec!["ouder"]
                } else {
                    Vec::new()
                }
            }
        };
        let outcomes = [
            (LAATSTE_DATUM.naam, !laatste.is_empty(), laatste),
            (AANVANG.naam, b.aanvang_verouderd, Vec::new()),
            (EINDE.naam, b.einde_verstreken, Vec::new()),
        ];
        let mut current = true;
        for (regel, afwijkend, parts) in &outcomes {
            current &= !afwijkend;
            if let Some(teller) = self.actueel.get_mut(regel) {
                teller.tel(*afwijkend, parts);
            }
        }
        self.actueel_zonder_bevinding += u64::from(current);
    }

    /// The card of what was added so far.
    pub fn scorekaart(&self) -> Scorekaart {
        let n = self.aantal;
        let velden: BTreeMap<&'static str, Vulgraad> = tabel(self.soort)
            .zoekvelden
            .iter()
            .zip(&self.gevuld)
            .map(|(veld, gevuld)| {
                (
                    veld.veld,
                    Vulgraad {
                        criterium: veld.criterium,
                        gewicht: veld.gewicht,
                        gevuld: *gevuld,
                        aantal: n,
                    },
                )
            })
            .collect();
        let volledig = Volledig {
            score: score(n, velden.values().map(|v| (v.gewicht, v.gevuld))),
            velden,
        };
        let betrouwbaar_regels = self.uitslagen(&BETROUWBAAR, &self.betrouwbaar);
        let actueel_regels = self.uitslagen(&ACTUEEL, &self.actueel);
        let mut leeftijden = self.leeftijden.clone();
        leeftijden.sort_unstable();
        Scorekaart {
            soort: self.soort,
            aantal_profielen: n,
            volledig,
            betrouwbaar: Betrouwbaar {
                score: score(n, passed(n, &betrouwbaar_regels)),
                zonder_bevinding: self.betrouwbaar_zonder_bevinding,
                regels: betrouwbaar_regels,
            },
            actueel: Actueel {
                score: score(n, passed(n, &actueel_regels)),
                zonder_bevinding: self.actueel_zonder_bevinding,
                mediaan_leeftijd_dagen: leeftijden
                    .get(leeftijden.len().saturating_sub(1) / 2)
                    .copied(),
                regels: actueel_regels,
            },
        }
    }

    fn uitslagen(
        &self,
        regels: &[Regel],
        tellers: &BTreeMap<&'static str, Teller>,
    ) -> BTreeMap<&'static str, Regeluitslag> {
        regels
            .iter()
            .map(|regel| {
                let teller = tellers.get(regel.naam).cloned().unwrap_or_default();
                (
                    regel.naam,
                    Regeluitslag {
                        gewicht: regel.gewicht,
                        afwijkend: teller.afwijkend,
                        aantal: self.aantal,
                        onderdelen: teller.onderdelen,
                        drempels: self.drempels(regel),
                    },
                )
            })
            .collect()
    }

    fn drempels(&self, regel: &Regel) -> BTreeMap<&'static str, i64> {
        let i = &self.instellingen;
        let pairs: Vec<(&'static str, i64)> = match regel.naam {
            n if n == DATUMS.naam => vec![
                ("vroegsteJaar", i64::from(VROEGSTE_JAAR)),
                ("verreToekomstJaren", i64::from(i.verre_toekomst_jaren)),
                ("geboortedatumachtigJaren", i64::from(i.geboortedatum_jaren)),
            ],
            n if n == LAATSTE_DATUM.naam || n == AANVANG.naam => {
                vec![("dagen", i64::from(i.verouderd_na_dagen))]
            }
            n if n == EINDE.naam => vec![("margeDagen", i64::from(i.einddatum_marge_dagen))],
            _ => Vec::new(),
        };
        pairs.into_iter().collect()
    }
}

/// (weight, profiles that pass) per rule.
fn passed<'a>(
    n: u64,
    regels: &'a BTreeMap<&'static str, Regeluitslag>,
) -> impl Iterator<Item = (u32, u64)> + 'a {
    regels
        .values()
        .map(move |r| (r.gewicht, n.saturating_sub(r.afwijkend)))
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::{DocumentFout, Instellingen, Kalenderdatum, Kind, meet};
    use super::*;

    fn instellingen() -> Instellingen {
        Instellingen::standaard("2026-12-01".parse::<Kalenderdatum>().unwrap())
    }

    /// A job seeker that fills every searchable field and passes every rule on 2026-12-01.
    fn schoon(id: &str) -> Value {
        json!({
            "idWerkzoekende": id,
            "mobiliteit": {"bemiddelingspostcode": "1011AB"},
            "bemiddelingsberoep": [{"codeBeroepsnaam": "https://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419"}],
            "contractvorm": [{"codeTypeArbeidscontract": "O"}],
            "flexibiliteit": {
                "datumAanvangBeschikbaarVoorWerk": "2026-11-01",
                "indicatieOnregelmatigWerkOfPloegendienst": 1
            },
            "arbeidsmarktkwalificatie": {
                "rijbewijs": [{"codeSoortRijbewijs": "B"}],
                "taalbeheersing": [{"codeTaal": "nld"}]
            },
            "werktijden": {
                "aantalWerkurenPerWeekMaximaal": 40,
                "aantalWerkurenPerWeekMinimaal": 24,
                "indicatieKantoortijden": 2
            }
        })
    }

    fn kaart(docs: &[Value]) -> Scorekaart {
        meet(Kind::Werkzoekende, docs, &instellingen()).unwrap()
    }

    fn afwijkend(regels: &BTreeMap<&str, Regeluitslag>, regel: &str) -> u64 {
        regels[regel].afwijkend
    }

    #[test]
    fn a_clean_complete_profile_scores_100_on_every_score() {
        let k = kaart(&[schoon("a")]);
        assert_eq!(
            (k.volledig.score, k.betrouwbaar.score, k.actueel.score),
            (Some(100.0), Some(100.0), Some(100.0))
        );
        assert_eq!(k.actueel.mediaan_leeftijd_dagen, Some(30));
    }

    #[test]
    fn each_reliability_rule_costs_its_weight_share() {
        let mut slecht = schoon("");
        slecht["idWerkzoekende"] = json!(null);
        slecht["mobiliteit"]["bemiddelingspostcode"] = json!("0000AA");
        slecht["arbeidsmarktkwalificatie"]["rijbewijs"][0]["codeSoortRijbewijs"] = json!("X");
        slecht["arbeidsmarktkwalificatie"]["werkervaring"] = json!([{
            "datumAanvangWerkzaamheden": "1850-01-01",
            "toelichtingWerkervaring": "Mail mij: jan@voorbeeld.nl"
        }]);
        let k = kaart(&[schoon("a"), slecht]);
        let r = &k.betrouwbaar.regels;
        for (regel, count) in [
            ("postcode", 1),
            ("identificatoren", 1),
            ("codes", 1),
            ("beroepscodes", 0),
            ("datums", 1),
            ("sleutel", 1),
            ("dubbeleInhoud", 0),
        ] {
            assert_eq!(afwijkend(r, regel), count, "{regel}");
        }
        // good profiles × weight: 20 + 20 + 15 + 2×15 + 15 + 10 + 2×5 = 120, over 2 profiles
        assert_eq!(k.betrouwbaar.score, Some(60.0));
        assert_eq!(k.betrouwbaar.zonder_bevinding, 1);
        assert_eq!(r["postcode"].onderdelen["onbekendPc4"], 1);
        assert_eq!(r["sleutel"].onderdelen["ontbreekt"], 1);
        assert_eq!(r["datums"].onderdelen["voor1900"], 1);
        assert_eq!(r["identificatoren"].onderdelen["emailadres"], 1);
        assert_eq!(
            r["codes"].onderdelen["arbeidsmarktkwalificatie.rijbewijs[].codeSoortRijbewijs"],
            1
        );
        // Filled stays filled when the value is wrong: completeness is not reliability.
        assert_eq!(k.volledig.score, Some(100.0));
    }

    #[test]
    fn duplicates_by_id_and_by_content() {
        let mut zonder_id = schoon("x");
        zonder_id.as_object_mut().unwrap().remove("idWerkzoekende");
        let mut herschikt = schoon("c");
        herschikt["contractvorm"] = json!([{"codeTypeArbeidscontract": "O"}, {}]);
        let k = kaart(&[schoon("a"), schoon("a"), schoon("b"), zonder_id, herschikt]);
        let r = &k.betrouwbaar.regels;
        assert_eq!(r["sleutel"].onderdelen["dubbel"], 1);
        assert_eq!(r["sleutel"].onderdelen["ontbreekt"], 1);
        assert_eq!(afwijkend(r, "sleutel"), 2);
        // b, the one without id, and c (an empty element is absent) have a's content.
        assert_eq!(afwijkend(r, "dubbeleInhoud"), 3);
        assert_eq!(k.betrouwbaar.zonder_bevinding, 1);
    }

    #[test]
    fn dates_make_a_profile_old_or_expired() {
        let mut oud = schoon("oud");
        oud["flexibiliteit"]["datumAanvangBeschikbaarVoorWerk"] = json!("2025-11-30");
        let mut verlopen = schoon("verlopen");
        verlopen["flexibiliteit"]["datumEindeBeschikbaarVoorWerk"] = json!("2026-11-30");
        let mut zonder = schoon("zonder");
        zonder["flexibiliteit"]
            .as_object_mut()
            .unwrap()
            .remove("datumAanvangBeschikbaarVoorWerk");
        let mut geboorte = schoon("geboorte");
        geboorte["flexibiliteit"]["datumAanvangBeschikbaarVoorWerk"] = json!("1990-05-17");
        let k = kaart(&[schoon("a"), oud, verlopen, zonder, geboorte]);
        let r = &k.actueel.regels;
        // 2025-11-30 is 366 days before the reference date; 1990 as well.
        assert_eq!(afwijkend(r, "aanvang"), 2);
        assert_eq!(afwijkend(r, "einde"), 1);
        assert_eq!(r["laatsteDatum"].onderdelen["ouder"], 2);
        assert_eq!(r["laatsteDatum"].onderdelen["zonderDatum"], 1);
        assert_eq!(
            k.betrouwbaar.regels["datums"].onderdelen["geboortedatumachtig"],
            1
        );
        // (40 × 2 + 30 × 3 + 30 × 4) / 5 = 58
        assert_eq!(k.actueel.score, Some(58.0));
        assert_eq!(k.actueel.zonder_bevinding, 1);
    }

    #[test]
    fn a_document_that_cannot_be_scored_changes_nothing() {
        let mut meting = Meting::new(Kind::Werkzoekende, instellingen());
        assert_eq!(
            meting.voeg_toe(&json!([1])),
            Err(DocumentFout::GeenObject(Vorm::Lijst))
        );
        let err = meting
            .voeg_toe(&json!({"idVacature": "v", "adres": {"postcode": "1011AB"}}))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "het record is een vacature (veld idVacature), geen werkzoekende"
        );
        let err = meting
            .voeg_toe(
                &json!({"idWerkzoekende": "a", "arbeidsmarktkwalificatie": {"rijbewijs": "B"}}),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "veld /arbeidsmarktkwalificatie/rijbewijs: verwacht een lijst, gevonden een tekst"
        );
        assert_eq!(meting.aantal(), 0);
        let docs = [
            schoon("a"),
            json!({"idWerkzoekende": "b", "mobiliteit": "1011AB"}),
        ];
        let err = meet(Kind::Werkzoekende, &docs, &instellingen()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "record 2: veld /mobiliteit: verwacht een object, gevonden een tekst"
        );
    }

    #[test]
    fn without_profiles_the_scores_are_absent() {
        let k = kaart(&[]);
        assert_eq!(k.volledig.score, None);
        let rapport =
            super::super::Rapport::new(&instellingen(), instellingen().peildatum, vec![k]);
        assert!(rapport.json().contains("\"score\": null"));
        assert!(rapport.tekst().contains("Werkzoekenden: geen profielen"));
    }
}
