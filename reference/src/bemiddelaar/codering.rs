//! A search's intent encoded as the standard's question, built from the typed values of
//! `vum_spec::vraag` (never JSON by hand):
//!
//! | intent | werkzoekenden | vacatures |
//! |---|---|---|
//! | postcode, afstand | `selectiegebied` | `selectiegebied` |
//! | `beroepen` (one of) | `bemiddelingsberoep` `$elemMatch` `$or` `beroep.codeBeroepsnaam` `$eq` | – |
//! | `beroep` | – | `beroep.codeBeroepsnaam` `$eq` |
//! | `contractvormen` (one of) | `contractvorm` `$elemMatch` `$or` `codeTypeArbeidscontract` `$eq` `"O"`/`"B"` | – |
//! | `onregelmatigWerk` | `flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst` `$eq` 1/2 | the same |
//! | `kantoortijden` | `werktijden.indicatieKantoortijden` `$eq` 1/2 | – |
//! | `rijbewijzen` (all) | `arbeidsmarktkwalificatie.rijbewijs` `$all` `$elemMatch` `codeSoortRijbewijs` `$eq` | `rijbewijs` (the same shape) |
//! | `talen` (all) | `arbeidsmarktkwalificatie.taalbeheersing` `$all` `$elemMatch` `codeTaal` `$eq`, levels `$gte` 2/3/4 | `taalbeheersing` (the same shape) |
//! | `beschikbaarUiterlijk` | `datumAanvangBeschikbaarVoorWerk` `$lte` | – |
//! | `aanvangVanaf` | – | `datumAanvangWerkzaamheden` `$gte` |
//! | `werkEnDenkniveau` | – | `codeWerkEnDenkniveauMinimaal`: `{"$lt": "7"}`, `{"$lt": "7", "$gte": "g"}` or `{"$eq": "7"}` |
//! | `urenPerWeek` van / tot | `werktijden.aantalWerkurenPerWeekMaximaal` `$gte` van, `werktijden.aantalWerkurenPerWeekMinimaal` `$lte` tot | the same |
//! | `competentie` (3.1.0) | `competenties` `$elemMatch` `codeCompetentie` `$eq` | – |
//!
//! An empty list is no criterion (the standard's `$all` and `$or` need at least one element).

use vum_spec::berichten::{VacatureMatchesRequest, WerkzoekendeMatchesRequest};
use vum_spec::codes::{
    JaNee, NiveauTaalbeheersingKeuze, TypeArbeidscontract, WerkEnDenkniveauKeuze,
};
use vum_spec::taken::{
    Contractvorm, Niveaueis, Taaleis, Taalniveau, Urenbereik, VacaturesOpdracht, Veldfout,
    WerkzoekendenOpdracht, Zoekopdracht,
};
use vum_spec::vraag::{
    AantalWerkurenMaximaalSelectie, AantalWerkurenMinimaalSelectie, BemiddelingsberoepSelectie,
    CodeBeroepsnaamSelectie, CompetentiesSelectie, ContractvormSelectie, DatumUiterlijkSelectie,
    DatumVanafSelectie, IndicatieSelectie, LaterCriterium, Overige, RijbewijsSelectie,
    Selectiegebied, TaalbeheersingSelectie, TaalbeheersingenSelectie, VacatureVraag,
    WerkEnDenkniveauSelectie, WerkzoekendeVraag,
};
use vum_spec::{Kind, Message, Versie};

/// A question as the client sends it: the request body of its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Zoekvraag {
    /// `POST …/werkzoekendeProfielen/matches`.
    Werkzoekenden(WerkzoekendeMatchesRequest),
    /// `POST …/vacatures/matches`.
    Vacatures(VacatureMatchesRequest),
}

impl Zoekvraag {
    /// The kind asked for.
    pub fn kind(&self) -> Kind {
        match self {
            Self::Werkzoekenden(_) => Kind::Werkzoekende,
            Self::Vacatures(_) => Kind::Vacature,
        }
    }

    /// The message of the body.
    pub fn message(&self) -> Message {
        self.kind().matches_request_message()
    }

    /// The body as sent.
    pub fn json(&self) -> String {
        // Typed values of strings, numbers and maps with string keys: serialising cannot fail.
        match self {
            Self::Werkzoekenden(v) => serde_json::to_string(v),
            Self::Vacatures(v) => serde_json::to_string(v),
        }
        .unwrap_or_default()
    }

    /// The question's `selectiegebied`.
    pub fn selectiegebied(&self) -> &Selectiegebied {
        match self {
            Self::Werkzoekenden(v) => &v.vraag_object.selectiegebied,
            Self::Vacatures(v) => &v.vraag_object.selectiegebied,
        }
    }
}

/// Encodes a search in interface version `versie`, after checking it
/// ([`Zoekopdracht::controleer`]: ranges, forms, criteria the version knows).
pub fn codeer(opdracht: &Zoekopdracht, versie: &Versie) -> Result<Zoekvraag, Veldfout> {
    opdracht.controleer(Some(versie))?;
    Ok(match opdracht {
        Zoekopdracht::Werkzoekenden(o) => Zoekvraag::Werkzoekenden(WerkzoekendeMatchesRequest {
            vraag_object: werkzoekenden(o),
        }),
        Zoekopdracht::Vacatures(o) => Zoekvraag::Vacatures(VacatureMatchesRequest {
            vraag_object: vacatures(o)?,
            overige: Overige::new(),
        }),
    })
}

fn werkzoekenden(o: &WerkzoekendenOpdracht) -> WerkzoekendeVraag {
    let mut vraag =
        WerkzoekendeVraag::in_gebied(Selectiegebied::new(o.postcode.clone(), o.afstand));
    vraag.bemiddelingsberoep = (!o.beroepen.is_empty())
        .then(|| BemiddelingsberoepSelectie::een_van(o.beroepen.iter().cloned()));
    vraag.contractvorm = (!o.contractvormen.is_empty()).then(|| {
        ContractvormSelectie::een_van(o.contractvormen.iter().map(|c| match c {
            Contractvorm::OnbepaaldeTijd => TypeArbeidscontract::OnbepaaldeTijd,
            Contractvorm::BepaaldeTijd => TypeArbeidscontract::BepaaldeTijd,
        }))
    });
    vraag.onregelmatig_werk_of_ploegendienst = o.onregelmatig_werk.map(indicatie);
    vraag.kantoortijden = o.kantoortijden.map(indicatie);
    vraag.rijbewijs =
        (!o.rijbewijzen.is_empty()).then(|| RijbewijsSelectie::alle(o.rijbewijzen.iter().copied()));
    vraag.taalbeheersing = talen(&o.talen);
    vraag.datum_aanvang_beschikbaar_voor_werk = o
        .beschikbaar_uiterlijk
        .clone()
        .map(DatumUiterlijkSelectie::new);
    let (maximaal, minimaal) = uren(o.uren_per_week);
    vraag.aantal_werkuren_maximaal = maximaal;
    vraag.aantal_werkuren_minimaal = minimaal;
    vraag.competenties = o
        .competentie
        .clone()
        .map(|code| LaterCriterium::Getypeerd(CompetentiesSelectie::met_code(code)));
    vraag
}

fn vacatures(o: &VacaturesOpdracht) -> Result<VacatureVraag, Veldfout> {
    let werk_en_denkniveau = match o.werk_en_denkniveau {
        None => None,
        Some(Niveaueis::Bekend) => Some(WerkEnDenkniveauSelectie::bekend(None)),
        Some(Niveaueis::NietBekend) => Some(WerkEnDenkniveauSelectie::niet_bekend()),
        Some(Niveaueis::Minstens(n)) => {
            // The level is a string on the wire ("4"), unlike the job seeker's own integer.
            let keuze = WerkEnDenkniveauKeuze::from_code(&n.to_string()).ok_or_else(|| {
                Veldfout::new(
                    "werkEnDenkniveau.minstens",
                    format!("{n} is geen bekend niveau; kies 1 tot en met 6"),
                )
            })?;
            Some(WerkEnDenkniveauSelectie::bekend(Some(keuze)))
        }
    };
    let (maximaal, minimaal) = uren(o.uren_per_week);
    Ok(VacatureVraag {
        selectiegebied: Selectiegebied::new(o.postcode.clone(), o.afstand),
        beroep: o.beroep.clone().map(CodeBeroepsnaamSelectie::new),
        werk_en_denkniveau,
        datum_aanvang_werkzaamheden: o.aanvang_vanaf.clone().map(DatumVanafSelectie::new),
        onregelmatig_werk_of_ploegendienst: o.onregelmatig_werk.map(indicatie),
        rijbewijs: (!o.rijbewijzen.is_empty())
            .then(|| RijbewijsSelectie::alle(o.rijbewijzen.iter().copied())),
        taalbeheersing: talen(&o.talen),
        aantal_werkuren_maximaal: maximaal,
        aantal_werkuren_minimaal: minimaal,
        overige: Overige::new(),
    })
}

/// Yes is `1`, no is `2` (`0`, unknown, is never asked for).
fn indicatie(ja: bool) -> IndicatieSelectie {
    IndicatieSelectie::new(if ja { JaNee::Ja } else { JaNee::Nee })
}

fn niveau(n: Taalniveau) -> NiveauTaalbeheersingKeuze {
    match n {
        Taalniveau::Redelijk => NiveauTaalbeheersingKeuze::Redelijk,
        Taalniveau::Goed => NiveauTaalbeheersingKeuze::Goed,
        Taalniveau::Uitstekend => NiveauTaalbeheersingKeuze::Uitstekend,
    }
}

fn talen(eisen: &[Taaleis]) -> Option<TaalbeheersingenSelectie> {
    (!eisen.is_empty()).then(|| {
        TaalbeheersingenSelectie::alle(eisen.iter().map(|eis| {
            TaalbeheersingSelectie::new(
                eis.taal.clone(),
                eis.mondeling.map(niveau),
                eis.schriftelijk.map(niveau),
            )
        }))
    })
}

/// Overlap with `[van, tot]`: the profile's maximum at least `van`, its minimum at most `tot`.
fn uren(
    bereik: Option<Urenbereik>,
) -> (
    Option<AantalWerkurenMaximaalSelectie>,
    Option<AantalWerkurenMinimaalSelectie>,
) {
    let Some(bereik) = bereik else {
        return (None, None);
    };
    (
        bereik.van.map(AantalWerkurenMaximaalSelectie::new),
        bereik.tot.map(AantalWerkurenMinimaalSelectie::new),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use vum_spec::validate::violations_for;

    fn versie(naam: &str) -> &'static Versie {
        vum_spec::versie::versie(naam).unwrap()
    }

    /// The body the client sends for a search given as task-file JSON, valid against the
    /// request's schema of the version.
    fn body(zoek: Value, versie_naam: &str) -> Value {
        let opdracht: Zoekopdracht = serde_json::from_value(zoek).unwrap();
        let vraag = codeer(&opdracht, versie(versie_naam)).unwrap();
        let body: Value = serde_json::from_str(&vraag.json()).unwrap();
        let errors = violations_for(versie(versie_naam), vraag.message(), &body).unwrap();
        assert!(errors.is_empty(), "{body}: {errors:#?}");
        body
    }

    #[test]
    fn every_job_seeker_criterion_is_encoded_with_the_path_and_operator_of_the_standard() {
        let b1 = "https://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419";
        let b2 = "https://linkeddata.competentnl.nl/uwv/id/occupation/F380A4DF5A";
        let zoek = json!({"werkzoekenden": {
            "postcode": "1791AA", "afstand": 15,
            "beroepen": [b1, b2],
            "contractvormen": ["onbepaaldeTijd", "bepaaldeTijd"],
            "onregelmatigWerk": true,
            "kantoortijden": false,
            "rijbewijzen": ["C", "CE"],
            "talen": [{"taal": "nld", "mondeling": "goed"}, {"taal": "eng", "schriftelijk": "redelijk", "mondeling": "uitstekend"}],
            "beschikbaarUiterlijk": "2026-12-01",
            "urenPerWeek": {"van": 24, "tot": 32}
        }});
        assert_eq!(
            body(zoek, "3.0.0"),
            json!({"vraagObject": {
                "selectiegebied": {"postcode": "1791AA", "afstand": 15},
                "bemiddelingsberoep": {"$elemMatch": {"$or": [
                    {"beroep.codeBeroepsnaam": {"$eq": b1}},
                    {"beroep.codeBeroepsnaam": {"$eq": b2}}
                ]}},
                "contractvorm": {"$elemMatch": {"$or": [
                    {"codeTypeArbeidscontract": {"$eq": "O"}},
                    {"codeTypeArbeidscontract": {"$eq": "B"}}
                ]}},
                "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 1},
                "werktijden.indicatieKantoortijden": {"$eq": 2},
                "arbeidsmarktkwalificatie.rijbewijs": {"$all": [
                    {"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}},
                    {"$elemMatch": {"codeSoortRijbewijs": {"$eq": "CE"}}}
                ]},
                "arbeidsmarktkwalificatie.taalbeheersing": {"$all": [
                    {"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}},
                    {"$elemMatch": {"codeTaal": {"$eq": "eng"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 4},
                                    "codeNiveauTaalbeheersingSchriftelijk": {"$gte": 2}}}
                ]},
                "datumAanvangBeschikbaarVoorWerk": {"$lte": "2026-12-01"},
                "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 24},
                "werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 32}
            }})
        );
    }

    #[test]
    fn every_vacancy_criterion_is_encoded_with_the_path_and_operator_of_the_standard() {
        let b1 = "https://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419";
        let zoek = json!({"vacatures": {
            "postcode": "8881AA", "afstand": 15,
            "beroep": b1,
            "werkEnDenkniveau": {"minstens": 4},
            "aanvangVanaf": "2026-12-01",
            "onregelmatigWerk": false,
            "rijbewijzen": ["C"],
            "talen": [{"taal": "nld", "mondeling": "goed"}],
            "urenPerWeek": {"tot": 8}
        }});
        assert_eq!(
            body(zoek, "3.0.0"),
            json!({"vraagObject": {
                "selectiegebied": {"postcode": "8881AA", "afstand": 15},
                "beroep.codeBeroepsnaam": {"$eq": b1},
                "codeWerkEnDenkniveauMinimaal": {"$lt": "7", "$gte": "4"},
                "datumAanvangWerkzaamheden": {"$gte": "2026-12-01"},
                "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst": {"$eq": 2},
                "rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}]},
                "taalbeheersing": {"$all": [
                    {"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}}
                ]},
                "werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 8}
            }})
        );
        for (eis, verwacht) in [
            (json!("bekend"), json!({"$lt": "7"})),
            (json!("nietBekend"), json!({"$eq": "7"})),
            (json!({"minstens": 1}), json!({"$lt": "7", "$gte": "1"})),
        ] {
            let zoek = json!({"vacatures": {"postcode": "8881AA", "afstand": 15, "werkEnDenkniveau": eis}});
            assert_eq!(
                body(zoek, "3.0.0")["vraagObject"]["codeWerkEnDenkniveauMinimaal"],
                verwacht
            );
        }
    }

    #[test]
    fn selectiegebied_is_always_there_and_empty_lists_are_no_criterion() {
        let zoek = json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 0, "rijbewijzen": [], "talen": [], "beroepen": [], "contractvormen": []}});
        assert_eq!(
            body(zoek, "3.0.0"),
            json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 0}}})
        );
    }

    #[test]
    fn a_competence_is_asked_only_in_a_version_that_has_it() {
        let code = "https://linkeddata.competentnl.nl/uwv/id/skill/176C167229";
        let zoek =
            json!({"werkzoekenden": {"postcode": "1791AA", "afstand": 15, "competentie": code}});
        assert_eq!(
            body(zoek.clone(), "3.1.0")["vraagObject"]["competenties"],
            json!({"$elemMatch": {"codeCompetentie": {"$eq": code}}})
        );
        let opdracht: Zoekopdracht = serde_json::from_value(zoek).unwrap();
        let fout = codeer(&opdracht, versie("3.0.0")).unwrap_err();
        assert_eq!(fout.veld, "competentie");
    }
}
