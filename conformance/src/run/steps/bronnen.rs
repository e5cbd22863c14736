//! The sources the harness plays for an exchange: what they answer (`Gegeven bron "bron-a"
//! antwoordt met …`) and what they received (`Dan ontvingen de bronnen deze headers: …`).

use std::time::Duration;

use cucumber::gherkin::Step;
use cucumber::{given, then};
use serde_json::Value;
use vum_spec::Kind;

use super::list;
use crate::check;
use crate::result::verdict::{fail, harness_error};
use crate::run::world::VumWorld;
use crate::simulatie::{Gedrag, GesimuleerdeBron, Ontvangen, Simulatie};

/// How long a hanging source waits: longer than any exchange may wait for it (AV-BET-007).
const HANGT: Duration = Duration::from_secs(30);

/// A bigger body than any exchange should read: 1 GiB.
const ENORM: u64 = 1024 * 1024 * 1024;

pub(crate) fn simulatie(world: &VumWorld) -> &Simulatie {
    match world.run().simulatie() {
        Some(simulatie) => simulatie,
        None => harness_error(
            "dit scenario hoort bij een uitwisselingsvoorziening: er zijn geen gesimuleerde bronnen",
        ),
    }
}

fn bron<'a>(world: &'a VumWorld, bron_id: &str) -> &'a GesimuleerdeBron {
    simulatie(world)
        .bron(bron_id)
        .unwrap_or_else(|| harness_error(format!("er is geen gesimuleerde bron {bron_id}")))
}

fn antwoord(world: &mut VumWorld, bron_id: &str, kind: Kind, ids: &str, meer: bool) {
    bron(world, bron_id).antwoord_met(kind, list(ids), meer);
}

#[given(expr = "bron {string} antwoordt met de werkzoekenden {string}")]
fn werkzoekenden(world: &mut VumWorld, bron_id: String, ids: String) {
    antwoord(world, &bron_id, Kind::Werkzoekende, &ids, false);
}

#[given(expr = "bron {string} antwoordt met de werkzoekenden {string} en meldt dat er meer waren")]
fn werkzoekenden_meer(world: &mut VumWorld, bron_id: String, ids: String) {
    antwoord(world, &bron_id, Kind::Werkzoekende, &ids, true);
}

#[given(expr = "bron {string} antwoordt met de vacatures {string}")]
fn vacatures(world: &mut VumWorld, bron_id: String, ids: String) {
    antwoord(world, &bron_id, Kind::Vacature, &ids, false);
}

#[given(expr = "bron {string} antwoordt met status {int}")]
fn met_status(world: &mut VumWorld, bron_id: String, code: u16) {
    bron(world, &bron_id).gedraag(Gedrag::Status(code));
}

#[given(expr = "bron {string} is onbereikbaar")]
fn onbereikbaar(world: &mut VumWorld, bron_id: String) {
    bron(world, &bron_id).gedraag(Gedrag::Onbereikbaar);
}

#[given(expr = "bron {string} antwoordt buiten het contract")]
fn buiten_contract(world: &mut VumWorld, bron_id: String) {
    bron(world, &bron_id).gedraag(Gedrag::BuitenContract);
}

#[given(expr = "bron {string} antwoordt met onzin")]
fn onzin(world: &mut VumWorld, bron_id: String) {
    bron(world, &bron_id).gedraag(Gedrag::Onzin);
}

#[given(expr = "bron {string} antwoordt met een bericht van 1 GiB")]
fn enorm(world: &mut VumWorld, bron_id: String) {
    bron(world, &bron_id).gedraag(Gedrag::Enorm(ENORM));
}

#[given(expr = "bron {string} blijft hangen")]
fn hangt(world: &mut VumWorld, bron_id: String) {
    bron(world, &bron_id).gedraag(Gedrag::Hangt(HANGT));
}

/// What the sources received of one sort.
fn ontvangen(world: &VumWorld, welke: fn(&Ontvangen) -> bool) -> Vec<(String, Ontvangen)> {
    simulatie(world)
        .alles_ontvangen()
        .into_iter()
        .filter(|(_, o)| welke(o))
        .collect()
}

fn beschrijf(ontvangen: &[(String, Ontvangen)]) -> String {
    ontvangen
        .iter()
        .map(|(bron, o)| format!("{bron}: {} {}", o.method, o.path))
        .collect::<Vec<_>>()
        .join("; ")
}

#[then("heeft geen bron een detailverzoek ontvangen")]
fn geen_detailverzoek(world: &mut VumWorld) {
    let found = ontvangen(world, Ontvangen::is_detail);
    check!(
        found.is_empty(),
        "de uitwisselingsvoorziening vroeg toch een bron: {}",
        beschrijf(&found)
    );
}

#[then("heeft geen bron een zoekvraag ontvangen")]
fn geen_zoekvraag(world: &mut VumWorld) {
    let found = ontvangen(world, Ontvangen::is_matches);
    check!(
        found.is_empty(),
        "de uitwisselingsvoorziening stelde de zoekvraag toch aan een bron: {}",
        beschrijf(&found)
    );
}

#[then(expr = "hebben de bronnen samen {int} detailverzoeken ontvangen")]
fn detailverzoeken(world: &mut VumWorld, expected: usize) {
    let found = ontvangen(world, Ontvangen::is_detail);
    check!(
        found.len() == expected,
        "de bronnen kregen {} detailverzoeken, verwacht {expected}: {}",
        found.len(),
        beschrijf(&found)
    );
}

/// The question each source received, per source.
fn zoekvragen(world: &VumWorld) -> Vec<(String, Ontvangen)> {
    let found = ontvangen(world, Ontvangen::is_matches);
    for b in simulatie(world).bronnen() {
        if !found.iter().any(|(id, _)| *id == b.opzet.bron_id) {
            fail(format!("bron {} kreeg de zoekvraag niet", b.opzet.bron_id));
        }
    }
    found
}

#[then("ontvingen de bronnen deze headers:")]
fn headers(world: &mut VumWorld, step: &Step) {
    let Some(table) = &step.table else {
        harness_error("de stap heeft een tabel nodig: bron en headers");
    };
    let Some((_, names)) = table.rows.first().and_then(|r| r.split_first()) else {
        harness_error("de tabel heeft een kopregel nodig: bron en headers");
    };
    let received = zoekvragen(world);
    let mut wrong = Vec::new();
    for row in table.rows.iter().skip(1) {
        let Some((bron_id, values)) = row.split_first() else {
            continue;
        };
        for (bron, o) in received.iter().filter(|(b, _)| b == bron_id) {
            for (name, expected) in names.iter().zip(values) {
                let actual = o.header(&name.to_ascii_lowercase());
                if actual != Some(expected.as_str()) {
                    wrong.push(format!(
                        "{bron} kreeg {name} {}, verwacht {expected}",
                        actual.map_or_else(|| "niet".to_owned(), |v| format!("\"{v}\""))
                    ));
                }
            }
        }
    }
    check!(wrong.is_empty(), "{}", wrong.join("; "));
}

#[then("ontving elke bron de zoekvraag zoals de bemiddelaar haar stelde")]
fn zoekvraag_ongewijzigd(world: &mut VumWorld) {
    let sent: Value = world
        .zoekantwoorden
        .last()
        .and_then(|t| t.request_body.as_deref())
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or_else(|| harness_error("in dit scenario is geen zoekvraag gesteld"));
    let mut changed = Vec::new();
    for (bron, o) in zoekvragen(world) {
        let received: Option<Value> = serde_json::from_str(&o.body).ok();
        if received.as_ref() != Some(&sent) {
            changed.push(format!("{bron} kreeg {}", o.body));
        }
    }
    check!(
        changed.is_empty(),
        "de zoekvraag kwam gewijzigd aan (gesteld: {sent}): {}",
        changed.join("; ")
    );
}

#[then(
    expr = "meldde de uitwisselingsvoorziening zich bij elke bron met een certificaat met OIN {string}"
)]
fn certificaat_naar_bron(world: &mut VumWorld, oin: String) {
    let mut wrong = Vec::new();
    for (bron, o) in zoekvragen(world) {
        if o.certificaat_oin.as_deref() != Some(oin.as_str()) {
            wrong.push(format!(
                "{bron}: {}",
                o.certificaat_oin.as_deref().map_or_else(
                    || "geen clientcertificaat".to_owned(),
                    |c| format!("OIN {c}")
                )
            ));
        }
    }
    check!(
        wrong.is_empty(),
        "verwacht OIN {oin}, kreeg {}",
        wrong.join("; ")
    );
}

#[then("noemt het antwoord geen adres van een bron")]
fn geen_adres(world: &mut VumWorld) {
    let transcript = world.antwoord();
    let text = format!(
        "{}\n{}",
        transcript
            .response_headers
            .values()
            .cloned()
            .collect::<Vec<_>>()
            .join("\n"),
        transcript.body
    );
    let found: Vec<String> = simulatie(world)
        .bronnen()
        .iter()
        .flat_map(|b| {
            let port = b
                .opzet
                .adres
                .rsplit(':')
                .next()
                .unwrap_or_default()
                .to_owned();
            [
                b.opzet.adres.clone(),
                format!("localhost:{port}"),
                format!(":{port}/"),
            ]
        })
        .filter(|needle| text.contains(needle.as_str()))
        .collect();
    check!(
        found.is_empty(),
        "het antwoord noemt het adres van een bron ({}): {}",
        found.join(", "),
        transcript.excerpt()
    );
}
