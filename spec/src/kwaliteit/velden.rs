//! Which fields of each kind of profile the rules read: the searchable fields with their weights,
//! the coded values, occupation codes, dates, free texts and the postcode.
//!
//! Paths are data paths (see [`super::pad`]); the weights are documented and argued in the module
//! documentation of [`super`].

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Kind;
use crate::codes::{
    CodeSollicitatiewijze, CodeVervoermiddel, CodeWebadres, Indicatie, IndicatieDiploma, JaNee,
    NiveauOpleiding, NiveauTaalbeheersing, SoortRijbewijs, StatusOpleiding, TypeArbeidscontract,
    TypeOvereenkomst, WerkEnDenkniveau, WerkEnDenkniveauMinimaal,
};

/// A field the selection question can select on.
#[derive(Clone, Copy, Debug)]
pub(super) struct Zoekveld {
    /// The data path.
    pub veld: &'static str,
    /// The criterion of the question that selects on it (its wire key).
    pub criterium: &'static str,
    /// Its weight in *volledig* (the weights of a kind add up to 100).
    pub gewicht: u32,
    /// Whether `0` (onbekend) counts as empty: a question can only ask for 1 (ja) or 2 (nee).
    pub indicatie: bool,
}

/// A coded or bounded value and its domain.
#[derive(Clone, Copy, Debug)]
pub(super) struct Codeveld {
    /// The data path.
    pub pad: &'static str,
    /// Whether a (filled) value is in the domain.
    pub geldig: fn(&Value) -> bool,
}

/// What a date says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rol {
    /// Something that happened (education, work experience, courses).
    Historie,
    /// When availability or the work starts.
    Aanvang,
    /// When availability, the work or the vacancy ends.
    Einde,
}

/// A date field.
#[derive(Clone, Copy, Debug)]
pub(super) struct Datumveld {
    /// The data path.
    pub pad: &'static str,
    /// What it says.
    pub rol: Rol,
}

/// Two dates of one object where the end may not lie before the start.
#[derive(Clone, Copy, Debug)]
pub(super) struct Periode {
    /// The path of the object(s).
    pub pad: &'static str,
    /// The start field in it.
    pub aanvang: &'static str,
    /// The end field in it.
    pub einde: &'static str,
}

/// Everything the rules read of one kind.
#[derive(Debug)]
pub(super) struct Tabel {
    pub zoekvelden: &'static [Zoekveld],
    pub postcode: &'static str,
    pub codes: &'static [Codeveld],
    pub beroepen: &'static [&'static str],
    pub datums: &'static [Datumveld],
    pub perioden: &'static [Periode],
    pub teksten: &'static [&'static str],
}

/// The table of a kind.
pub(super) fn tabel(soort: Kind) -> &'static Tabel {
    match soort {
        Kind::Werkzoekende => &WERKZOEKENDE,
        Kind::Vacature => &VACATURE,
    }
}

const fn zoekveld(veld: &'static str, criterium: &'static str, gewicht: u32) -> Zoekveld {
    Zoekveld {
        veld,
        criterium,
        gewicht,
        indicatie: false,
    }
}

const fn indicatieveld(veld: &'static str, gewicht: u32) -> Zoekveld {
    Zoekveld {
        veld,
        criterium: veld,
        gewicht,
        indicatie: true,
    }
}

const fn code(pad: &'static str, geldig: fn(&Value) -> bool) -> Codeveld {
    Codeveld { pad, geldig }
}

const fn datum(pad: &'static str, rol: Rol) -> Datumveld {
    Datumveld { pad, rol }
}

/// Whether a value is a member of code list `L` (by the list's own deserialisation: the right
/// JSON type and a listed value).
fn in_lijst<L: DeserializeOwned>(value: &Value) -> bool {
    L::deserialize(value).is_ok()
}

fn in_bereik(value: &Value, max: u64) -> bool {
    value.as_u64().is_some_and(|n| n <= max)
}

fn bereik_99(value: &Value) -> bool {
    in_bereik(value, 99)
}

fn bereik_999(value: &Value) -> bool {
    in_bereik(value, 999)
}

fn bereik_99999(value: &Value) -> bool {
    in_bereik(value, 99_999)
}

/// ISO 639-3 in form: three lower-case letters (`TaalCode3`).
fn taalcode(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_lowercase()))
}

/// SuwiML `CdOpleidingsnaam` in form: one to ten digits as text (`Integer10AsString`).
fn opleidingsnaam(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| (1..=10).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
}

/// Weights: see the table in the module documentation of `kwaliteit`.
const WERKZOEKENDE_ZOEKVELDEN: [Zoekveld; 10] = [
    zoekveld("mobiliteit.bemiddelingspostcode", "selectiegebied", 30),
    zoekveld(
        "bemiddelingsberoep[].codeBeroepsnaam",
        "bemiddelingsberoep",
        15,
    ),
    zoekveld(
        "flexibiliteit.datumAanvangBeschikbaarVoorWerk",
        "datumAanvangBeschikbaarVoorWerk",
        10,
    ),
    zoekveld(
        "werktijden.aantalWerkurenPerWeekMaximaal",
        "werktijden.aantalWerkurenPerWeekMaximaal",
        8,
    ),
    zoekveld(
        "werktijden.aantalWerkurenPerWeekMinimaal",
        "werktijden.aantalWerkurenPerWeekMinimaal",
        8,
    ),
    zoekveld("contractvorm[].codeTypeArbeidscontract", "contractvorm", 8),
    zoekveld(
        "arbeidsmarktkwalificatie.taalbeheersing[].codeTaal",
        "arbeidsmarktkwalificatie.taalbeheersing",
        7,
    ),
    zoekveld(
        "arbeidsmarktkwalificatie.rijbewijs[].codeSoortRijbewijs",
        "arbeidsmarktkwalificatie.rijbewijs",
        6,
    ),
    indicatieveld("flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst", 4),
    indicatieveld("werktijden.indicatieKantoortijden", 4),
];

const VACATURE_ZOEKVELDEN: [Zoekveld; 9] = [
    zoekveld("adres.postcode", "selectiegebied", 30),
    zoekveld("beroep.codeBeroepsnaam", "beroep.codeBeroepsnaam", 20),
    zoekveld(
        "codeWerkEnDenkniveauMinimaal",
        "codeWerkEnDenkniveauMinimaal",
        10,
    ),
    zoekveld(
        "arbeidsVoorwaarden.datumAanvangWerkzaamheden",
        "datumAanvangWerkzaamheden",
        8,
    ),
    zoekveld(
        "werktijden.aantalWerkurenPerWeekMaximaal",
        "werktijden.aantalWerkurenPerWeekMaximaal",
        8,
    ),
    zoekveld(
        "werktijden.aantalWerkurenPerWeekMinimaal",
        "werktijden.aantalWerkurenPerWeekMinimaal",
        8,
    ),
    zoekveld("taalbeheersing[].codeTaal", "taalbeheersing", 6),
    zoekveld("rijbewijs[].codeSoortRijbewijs", "rijbewijs", 6),
    indicatieveld("flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst", 4),
];

static WERKZOEKENDE: Tabel = Tabel {
    zoekvelden: &WERKZOEKENDE_ZOEKVELDEN,
    postcode: "mobiliteit.bemiddelingspostcode",
    codes: &[
        code(
            "arbeidsmarktkwalificatie.codeWerkEnDenkniveauWerkzoekende",
            in_lijst::<WerkEnDenkniveau>,
        ),
        code(
            "arbeidsmarktkwalificatie.cursus[].indicatieCertificaat",
            in_lijst::<IndicatieDiploma>,
        ),
        code(
            "arbeidsmarktkwalificatie.opleiding[].codeNiveauOpleiding",
            in_lijst::<NiveauOpleiding>,
        ),
        code(
            "arbeidsmarktkwalificatie.opleiding[].codeOpleidingsnaam",
            opleidingsnaam,
        ),
        code(
            "arbeidsmarktkwalificatie.opleiding[].codeStatusOpleiding",
            in_lijst::<StatusOpleiding>,
        ),
        code(
            "arbeidsmarktkwalificatie.opleiding[].indicatieDiploma",
            in_lijst::<IndicatieDiploma>,
        ),
        code(
            "arbeidsmarktkwalificatie.rijbewijs[].codeSoortRijbewijs",
            in_lijst::<SoortRijbewijs>,
        ),
        code(
            "arbeidsmarktkwalificatie.taalbeheersing[].codeNiveauTaalbeheersingLezen",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code(
            "arbeidsmarktkwalificatie.taalbeheersing[].codeNiveauTaalbeheersingLuisteren",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code(
            "arbeidsmarktkwalificatie.taalbeheersing[].codeNiveauTaalbeheersingMondeling",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code(
            "arbeidsmarktkwalificatie.taalbeheersing[].codeNiveauTaalbeheersingSchriftelijk",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code(
            "arbeidsmarktkwalificatie.taalbeheersing[].codeTaal",
            taalcode,
        ),
        code(
            "contractvorm[].codeTypeArbeidscontract",
            in_lijst::<TypeArbeidscontract>,
        ),
        code(
            "contractvorm[].codeTypeOvereenkomst",
            in_lijst::<TypeOvereenkomst>,
        ),
        code(
            "eisAanWerk.indicatieAanpassingWerkomgeving",
            in_lijst::<Indicatie>,
        ),
        code("eisAanWerk.indicatieBegeleiding", in_lijst::<Indicatie>),
        code("eisAanWerk.indicatieWerkvariatie", in_lijst::<Indicatie>),
        code(
            "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
            in_lijst::<Indicatie>,
        ),
        code("indicatieBeschikbaarheidContactgegevens", in_lijst::<JaNee>),
        code("indicatieLdrRegistratie", in_lijst::<JaNee>),
        code("mobiliteit.maximaleReisafstand", bereik_999),
        code("mobiliteit.maximaleReistijd", bereik_999),
        code("sector[].codeSbi", bereik_99999),
        code(
            "vervoermiddel[].codeVervoermiddel",
            in_lijst::<CodeVervoermiddel>,
        ),
        code(
            "vervoermiddel[].indicatieBeschikbaarVoorUitvoeringWerk",
            in_lijst::<Indicatie>,
        ),
        code(
            "vervoermiddel[].indicatieBeschikbaarVoorWoonWerkverkeer",
            in_lijst::<Indicatie>,
        ),
        code("webadres[].codeWebadres", in_lijst::<CodeWebadres>),
        code("werktijden.aantalWerkurenPerWeekMaximaal", bereik_99),
        code("werktijden.aantalWerkurenPerWeekMinimaal", bereik_99),
        code("werktijden.indicatieKantoortijden", in_lijst::<Indicatie>),
    ],
    beroepen: &[
        "bemiddelingsberoep[].codeBeroepsnaam",
        "arbeidsmarktkwalificatie.werkervaring[].beroep.codeBeroepsnaam",
    ],
    datums: &[
        datum(
            "flexibiliteit.datumAanvangBeschikbaarVoorWerk",
            Rol::Aanvang,
        ),
        datum("flexibiliteit.datumEindeBeschikbaarVoorWerk", Rol::Einde),
        datum(
            "arbeidsmarktkwalificatie.cursus[].datumAanvangVolgenCursus",
            Rol::Historie,
        ),
        datum(
            "arbeidsmarktkwalificatie.cursus[].datumCertificaat",
            Rol::Historie,
        ),
        datum(
            "arbeidsmarktkwalificatie.cursus[].datumEindeVolgenCursus",
            Rol::Historie,
        ),
        datum(
            "arbeidsmarktkwalificatie.opleiding[].datumAanvangVolgenOpleiding",
            Rol::Historie,
        ),
        datum(
            "arbeidsmarktkwalificatie.opleiding[].datumDiploma",
            Rol::Historie,
        ),
        datum(
            "arbeidsmarktkwalificatie.opleiding[].datumEindeVolgenOpleiding",
            Rol::Historie,
        ),
        datum(
            "arbeidsmarktkwalificatie.werkervaring[].datumAanvangWerkzaamheden",
            Rol::Historie,
        ),
        datum(
            "arbeidsmarktkwalificatie.werkervaring[].datumEindeWerkzaamheden",
            Rol::Historie,
        ),
    ],
    perioden: &[
        Periode {
            pad: "flexibiliteit",
            aanvang: "datumAanvangBeschikbaarVoorWerk",
            einde: "datumEindeBeschikbaarVoorWerk",
        },
        Periode {
            pad: "arbeidsmarktkwalificatie.cursus[]",
            aanvang: "datumAanvangVolgenCursus",
            einde: "datumEindeVolgenCursus",
        },
        Periode {
            pad: "arbeidsmarktkwalificatie.opleiding[]",
            aanvang: "datumAanvangVolgenOpleiding",
            einde: "datumEindeVolgenOpleiding",
        },
        Periode {
            pad: "arbeidsmarktkwalificatie.werkervaring[]",
            aanvang: "datumAanvangWerkzaamheden",
            einde: "datumEindeWerkzaamheden",
        },
    ],
    teksten: &[
        "persoonlijkePresentatie",
        "arbeidsmarktkwalificatie.cursus[].naamCursus",
        "arbeidsmarktkwalificatie.cursus[].naamOpleidingsinstituut",
        "arbeidsmarktkwalificatie.cursus[].toelichtingCursus",
        "arbeidsmarktkwalificatie.interesse[].naamInteresse",
        "arbeidsmarktkwalificatie.opleiding[].naamOpleidingsinstituut",
        "arbeidsmarktkwalificatie.opleiding[].toelichtingOpleiding",
        "arbeidsmarktkwalificatie.werkervaring[].naamOrganisatie",
        "arbeidsmarktkwalificatie.werkervaring[].toelichtingWerkervaring",
    ],
};

static VACATURE: Tabel = Tabel {
    zoekvelden: &VACATURE_ZOEKVELDEN,
    postcode: "adres.postcode",
    codes: &[
        code("adres.huisnummer", bereik_99999),
        code(
            "codeWerkEnDenkniveauMinimaal",
            in_lijst::<WerkEnDenkniveauMinimaal>,
        ),
        code(
            "contractvorm[].codeTypeArbeidscontract",
            in_lijst::<TypeArbeidscontract>,
        ),
        code(
            "contractvorm[].codeTypeOvereenkomst",
            in_lijst::<TypeOvereenkomst>,
        ),
        code(
            "cursus[].indicatieCertificaat",
            in_lijst::<IndicatieDiploma>,
        ),
        code(
            "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
            in_lijst::<Indicatie>,
        ),
        code(
            "opleiding[].codeNiveauOpleiding",
            in_lijst::<NiveauOpleiding>,
        ),
        code("opleiding[].codeOpleidingsnaam", opleidingsnaam),
        code("opleiding[].indicatieDiploma", in_lijst::<IndicatieDiploma>),
        code("rijbewijs[].codeSoortRijbewijs", in_lijst::<SoortRijbewijs>),
        code("sector.codeSbi", bereik_99999),
        code(
            "sollicitatiewijze[].codeSollicitatiewijze",
            in_lijst::<CodeSollicitatiewijze>,
        ),
        code(
            "sollicitatiewijze[].webadres.codeWebadres",
            in_lijst::<CodeWebadres>,
        ),
        code(
            "taalbeheersing[].codeNiveauTaalbeheersingLezen",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code(
            "taalbeheersing[].codeNiveauTaalbeheersingLuisteren",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code(
            "taalbeheersing[].codeNiveauTaalbeheersingMondeling",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code(
            "taalbeheersing[].codeNiveauTaalbeheersingSchriftelijk",
            in_lijst::<NiveauTaalbeheersing>,
        ),
        code("taalbeheersing[].codeTaal", taalcode),
        code(
            "vervoermiddel[].codeVervoermiddel",
            in_lijst::<CodeVervoermiddel>,
        ),
        code(
            "vervoermiddel[].indicatieBeschikbaarVoorUitvoeringWerk",
            in_lijst::<Indicatie>,
        ),
        code(
            "vervoermiddel[].indicatieBeschikbaarVoorWoonWerkverkeer",
            in_lijst::<Indicatie>,
        ),
        code("werkervaring[].aantalJarenWerkzaamInBeroep", bereik_99),
        code("werkgever.sector[].codeSbi", bereik_99999),
        code(
            "werkgever.webadres[].codeWebadres",
            in_lijst::<CodeWebadres>,
        ),
        code("werktijden.aantalWerkurenPerWeekMaximaal", bereik_99),
        code("werktijden.aantalWerkurenPerWeekMinimaal", bereik_99),
        code("werktijden.indicatieKantoortijden", in_lijst::<Indicatie>),
    ],
    beroepen: &["beroep.codeBeroepsnaam"],
    datums: &[
        datum("arbeidsVoorwaarden.datumAanvangWerkzaamheden", Rol::Aanvang),
        datum("arbeidsVoorwaarden.datumEindeWerkzaamheden", Rol::Einde),
        datum("flexibiliteit.datumEindeBeschikbaarVoorWerk", Rol::Einde),
        datum("sluitingsdatumVacature", Rol::Einde),
    ],
    perioden: &[Periode {
        pad: "arbeidsVoorwaarden",
        aanvang: "datumAanvangWerkzaamheden",
        einde: "datumEindeWerkzaamheden",
    }],
    teksten: &[
        "naamVacature",
        "omschrijvingVacature",
        "arbeidsVoorwaarden.omschrijvingArbeidsvoorwaarden",
        "arbeidsVoorwaarden.salarisIndicatie",
        "cursus[].naamCursus",
        "cursus[].toelichtingCursus",
        "opleiding[].toelichtingOpleiding",
        "werkgever.handelsnaamOrganisatie",
    ],
};

/// Whether an occupation code is a CompetentNL occupation URI in form:
/// `https://linkeddata.competentnl.nl/<publisher>/id/occupation/<id>`, publisher lower-case
/// letters, id letters and digits, at most 200 characters (`URI`). The 3.0.0 test data of the
/// standard and this project's test set use exactly this form; a 2.x numeric UWV code or a free
/// text is not an occupation the questions of 3.0.0 can ask for.
pub(super) fn is_beroep_uri(value: &Value) -> bool {
    let Some(uri) = value.as_str() else {
        return false;
    };
    let Some(rest) = uri.strip_prefix("https://linkeddata.competentnl.nl/") else {
        return false;
    };
    let Some((publisher, id)) = rest.split_once("/id/occupation/") else {
        return false;
    };
    uri.len() <= 200
        && !publisher.is_empty()
        && publisher.bytes().all(|b| b.is_ascii_lowercase())
        && !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_weights_of_each_kind_add_up_to_100() {
        for soort in Kind::ALL {
            let sum: u32 = tabel(soort).zoekvelden.iter().map(|z| z.gewicht).sum();
            assert_eq!(sum, 100, "{soort:?}");
        }
    }

    #[test]
    fn the_searchable_fields_are_exactly_the_criteria_of_the_question() {
        fn properties<T: schemars::JsonSchema>() -> Vec<String> {
            let schema = crate::schema::settings()
                .into_generator()
                .into_root_schema_for::<T>();
            let mut keys: Vec<String> = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            keys
        }
        for (soort, question) in [
            (
                Kind::Werkzoekende,
                properties::<crate::vraag::WerkzoekendeVraag>(),
            ),
            (Kind::Vacature, properties::<crate::vraag::VacatureVraag>()),
        ] {
            let mut criteria: Vec<String> = tabel(soort)
                .zoekvelden
                .iter()
                .map(|z| z.criterium.to_owned())
                .collect();
            criteria.sort();
            assert_eq!(criteria, question, "{soort:?}");
        }
    }

    #[test]
    fn domains_follow_the_code_lists() {
        assert!(in_lijst::<SoortRijbewijs>(&json!("B+")));
        assert!(!in_lijst::<SoortRijbewijs>(&json!("b")));
        assert!(!in_lijst::<SoortRijbewijs>(&json!(5)));
        assert!(in_lijst::<Indicatie>(&json!(0)));
        assert!(!in_lijst::<Indicatie>(&json!(3)));
        assert!(!in_lijst::<Indicatie>(&json!("1")));
        assert!(!in_lijst::<Indicatie>(&json!(1.5)));
        assert!(in_lijst::<WerkEnDenkniveauMinimaal>(&json!("7")));
        assert!(!in_lijst::<WerkEnDenkniveauMinimaal>(&json!(7)));
        assert!(bereik_99(&json!(99)) && !bereik_99(&json!(100)) && !bereik_99(&json!(-1)));
        assert!(taalcode(&json!("nld")) && !taalcode(&json!("NLD")) && !taalcode(&json!("nl")));
        assert!(opleidingsnaam(&json!("1234")) && !opleidingsnaam(&json!("12a")));
    }

    #[test]
    fn occupation_uris_in_form() {
        assert!(is_beroep_uri(&json!(
            "https://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419"
        )));
        for bad in [
            json!("1234567"),
            json!("http://linkeddata.competentnl.nl/uwv/id/occupation/511E7EA419"),
            json!("https://linkeddata.competentnl.nl/uwv/id/skill/176C167229"),
            json!("https://linkeddata.competentnl.nl/uwv/id/occupation/"),
            json!("https://linkeddata.competentnl.nl/uwv/id/occupation/511E 7EA419"),
            json!(42),
        ] {
            assert!(!is_beroep_uri(&bad), "{bad}");
        }
    }
}
