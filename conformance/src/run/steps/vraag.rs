//! Building the question and the request: selectiegebied, criteria, headers, identity.

use cucumber::gherkin::Step;
use cucumber::given;
use serde_json::{Value, json};

use vum_spec::Kind;

use super::{list, rows};
use crate::result::verdict::harness_error;
use crate::run::client::{HeaderCase, Presented};
use crate::run::world::VumWorld;
use crate::target::SpecialCert;

#[given("de bron heeft de certificeringstestset geladen")]
fn testset_geladen(_world: &mut VumWorld) {
    // The pre-flight checks this once per run with a known question and its known answer.
}

fn gebied(world: &mut VumWorld, kind: Kind, afstand: u16, postcode: String) {
    world.kind = kind;
    world.vraag.insert(
        "selectiegebied".to_owned(),
        json!({"postcode": postcode, "afstand": afstand}),
    );
}

/// A question in the area of the known question of the first kind in scope: for the scenarios that
/// hold for every kind (headers, errors, security), whichever kinds the node offers.
#[given("een zoekvraag naar profielen van de bron")]
fn zoekvraag_profielen(world: &mut VumWorld) {
    let kind = world.run().kind();
    let (postcode, afstand) = crate::testset::known(kind).area;
    gebied(world, kind, afstand, postcode.to_owned());
}

#[given(expr = "een zoekvraag naar profielen van de bron binnen {int} km van postcode {string}")]
fn zoekvraag_profielen_gebied(world: &mut VumWorld, afstand: u16, postcode: String) {
    let kind = world.run().kind();
    gebied(world, kind, afstand, postcode);
}

#[given("een zoekvraag over het hele land naar profielen van de bron")]
fn zoekvraag_land(world: &mut VumWorld) {
    let kind = world.run().kind();
    let (postcode, afstand) = crate::testset::COUNTRY;
    gebied(world, kind, afstand, postcode.to_owned());
}

#[given(expr = "een zoekvraag naar werkzoekenden binnen {int} km van postcode {string}")]
fn zoekvraag_werkzoekenden(world: &mut VumWorld, afstand: u16, postcode: String) {
    gebied(world, Kind::Werkzoekende, afstand, postcode);
}

#[given(expr = "een zoekvraag naar vacatures binnen {int} km van postcode {string}")]
fn zoekvraag_vacatures(world: &mut VumWorld, afstand: u16, postcode: String) {
    gebied(world, Kind::Vacature, afstand, postcode);
}

fn uri(code: &str) -> String {
    vum_spec::testdata::beroep_uri(code)
        .unwrap_or_else(|| harness_error(format!("onbekende beroepscode {code}")))
}

#[given(expr = "het bemiddelingsberoep is een van {string}")]
fn bemiddelingsberoep(world: &mut VumWorld, codes: String) {
    let or: Vec<Value> = list(&codes)
        .iter()
        .map(|c| json!({"beroep.codeBeroepsnaam": {"$eq": uri(c)}}))
        .collect();
    world.vraag.insert(
        "bemiddelingsberoep".to_owned(),
        json!({"$elemMatch": {"$or": or}}),
    );
}

/// A competence of the 3.1.0 test set's README (`C1`…) as its URI; a URI stays as it is.
fn competentie(code: &str) -> String {
    vum_spec::testdata::competentie_uri(code)
        .unwrap_or_else(|| harness_error(format!("onbekende competentiecode {code}")))
}

#[given(expr = "de werkzoekende heeft de competentie {string}")]
fn competentie_gevraagd(world: &mut VumWorld, code: String) {
    world.vraag.insert(
        "competenties".to_owned(),
        json!({"$elemMatch": {"codeCompetentie": {"$eq": competentie(&code)}}}),
    );
}

#[given(expr = "de contractvorm is een van {string}")]
fn contractvorm(world: &mut VumWorld, typen: String) {
    let or: Vec<Value> = list(&typen)
        .iter()
        .map(|t| json!({"codeTypeArbeidscontract": {"$eq": t}}))
        .collect();
    world.vraag.insert(
        "contractvorm".to_owned(),
        json!({"$elemMatch": {"$or": or}}),
    );
}

fn ja_nee(keuze: &str) -> u8 {
    match keuze {
        "ja" => 1,
        "nee" => 2,
        other => harness_error(format!("verwacht ja of nee, niet {other}")),
    }
}

#[given(expr = "onregelmatig werk of ploegendienst is {string}")]
fn onregelmatig(world: &mut VumWorld, keuze: String) {
    world.vraag.insert(
        "flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst".to_owned(),
        json!({"$eq": ja_nee(&keuze)}),
    );
}

#[given(expr = "werken binnen kantoortijden is {string}")]
fn kantoortijden(world: &mut VumWorld, keuze: String) {
    world.vraag.insert(
        "werktijden.indicatieKantoortijden".to_owned(),
        json!({"$eq": ja_nee(&keuze)}),
    );
}

#[given(expr = "de rijbewijzen {string} zijn vereist")]
fn rijbewijzen(world: &mut VumWorld, soorten: String) {
    let all: Vec<Value> = list(&soorten)
        .iter()
        .map(|s| json!({"$elemMatch": {"codeSoortRijbewijs": {"$eq": s}}}))
        .collect();
    let key = match world.kind {
        Kind::Werkzoekende => "arbeidsmarktkwalificatie.rijbewijs",
        Kind::Vacature => "rijbewijs",
    };
    world.vraag.insert(key.to_owned(), json!({"$all": all}));
}

#[given("de talen zijn vereist:")]
fn talen(world: &mut VumWorld, step: &Step) {
    let mut all = Vec::new();
    for row in rows(step, "taal | mondeling | schriftelijk") {
        let mut condition = serde_json::Map::new();
        condition.insert("codeTaal".to_owned(), json!({"$eq": row[0]}));
        for (column, key) in [
            (1, "codeNiveauTaalbeheersingMondeling"),
            (2, "codeNiveauTaalbeheersingSchriftelijk"),
        ] {
            if let Some(level) = row.get(column).filter(|v| v.as_str() != "-") {
                let level: u8 = level
                    .parse()
                    .unwrap_or_else(|_| harness_error(format!("het niveau {level} is geen getal")));
                condition.insert(key.to_owned(), json!({"$gte": level}));
            }
        }
        all.push(json!({"$elemMatch": condition}));
    }
    let key = match world.kind {
        Kind::Werkzoekende => "arbeidsmarktkwalificatie.taalbeheersing",
        Kind::Vacature => "taalbeheersing",
    };
    world.vraag.insert(key.to_owned(), json!({"$all": all}));
}

#[given(expr = "de werkzoekende is uiterlijk op {string} beschikbaar")]
fn beschikbaar(world: &mut VumWorld, datum: String) {
    world.vraag.insert(
        "datumAanvangBeschikbaarVoorWerk".to_owned(),
        json!({"$lte": datum}),
    );
}

#[given(expr = "het maximaal aantal werkuren per week is minstens {int}")]
fn uren_maximaal(world: &mut VumWorld, uren: u8) {
    world.vraag.insert(
        "werktijden.aantalWerkurenPerWeekMaximaal".to_owned(),
        json!({"$gte": uren}),
    );
}

#[given(expr = "het minimaal aantal werkuren per week is hoogstens {int}")]
fn uren_minimaal(world: &mut VumWorld, uren: u8) {
    world.vraag.insert(
        "werktijden.aantalWerkurenPerWeekMinimaal".to_owned(),
        json!({"$lte": uren}),
    );
}

#[given(expr = "het beroep van de vacature is {string}")]
fn beroep(world: &mut VumWorld, code: String) {
    world.vraag.insert(
        "beroep.codeBeroepsnaam".to_owned(),
        json!({"$eq": uri(&code)}),
    );
}

#[given(expr = "het werk- en denkniveau is bekend en minstens {string}")]
fn niveau_minstens(world: &mut VumWorld, niveau: String) {
    world.vraag.insert(
        "codeWerkEnDenkniveauMinimaal".to_owned(),
        json!({"$lt": "7", "$gte": niveau}),
    );
}

#[given("het werk- en denkniveau is bekend")]
fn niveau_bekend(world: &mut VumWorld) {
    world.vraag.insert(
        "codeWerkEnDenkniveauMinimaal".to_owned(),
        json!({"$lt": "7"}),
    );
}

#[given("het werk- en denkniveau is niet bekend")]
fn niveau_niet_bekend(world: &mut VumWorld) {
    world.vraag.insert(
        "codeWerkEnDenkniveauMinimaal".to_owned(),
        json!({"$eq": "7"}),
    );
}

#[given(expr = "de werkzaamheden beginnen op of na {string}")]
fn aanvang(world: &mut VumWorld, datum: String) {
    world.vraag.insert(
        "datumAanvangWerkzaamheden".to_owned(),
        json!({"$gte": datum}),
    );
}

#[given("de zoekvraag bevat ook:")]
fn ook(world: &mut VumWorld, step: &Step) {
    if let Some(table) = &step.table {
        // A table of criteria: the column "criterium" names the field, "waarde" holds its JSON.
        for row in table.rows.iter().skip(1) {
            let [criterium, waarde] = row.as_slice() else {
                harness_error("de tabel heeft twee kolommen: criterium en waarde".to_owned())
            };
            let waarde: Value = serde_json::from_str(waarde).unwrap_or_else(|e| {
                harness_error(format!(
                    "de waarde van criterium {criterium} is geen JSON: {e}"
                ))
            });
            world.vraag.insert(criterium.clone(), waarde);
        }
        return;
    }
    let text = step.docstring.as_deref().unwrap_or_default();
    let extra: serde_json::Map<String, Value> = serde_json::from_str(text)
        .unwrap_or_else(|e| harness_error(format!("de criteria zijn geen JSON-object: {e}")));
    world.vraag.extend(extra);
}

#[given("de vraagsteller neemt niet deel aan SUWI")]
fn niet_suwi(world: &mut VumWorld) {
    world.suwi = false;
}

#[given(expr = "de header {string} ontbreekt")]
fn header_ontbreekt(world: &mut VumWorld, naam: String) {
    world.header_changes.push((naam, None));
}

#[given(expr = "de header {string} is {string}")]
fn header_is(world: &mut VumWorld, naam: String, waarde: String) {
    world.header_changes.push((naam, Some(waarde)));
}

#[given(expr = "de vraag draagt de traceparent {string}")]
fn traceparent(world: &mut VumWorld, waarde: String) {
    world.traceparent = Some(waarde);
}

#[given(expr = "de vraagsteller gebruikt het clientcertificaat {string}")]
fn certificaat(world: &mut VumWorld, naam: String) {
    let own = world.run().target.rol.identity_name();
    world.presented = match naam.as_str() {
        name if name == own => Presented::Configured,
        "zelfondertekend" => Presented::SelfSigned,
        "vreemd" => Presented::ForeignCa,
        other => Presented::Special(
            SpecialCert::named(other)
                .unwrap_or_else(|| harness_error(format!("onbekend clientcertificaat {other}"))),
        ),
    };
}

#[given("de vraagsteller gebruikt geen clientcertificaat")]
fn geen_certificaat(world: &mut VumWorld) {
    world.presented = Presented::None;
}

#[given("de vraagsteller schrijft de headernamen met hoofdletters")]
fn hoofdletters(world: &mut VumWorld) {
    world.header_case = HeaderCase::Title;
}
