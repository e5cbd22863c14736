//! The harness as the exchange towards a mediator's application: each step judges what the
//! application sent while it carried out the tasks ([`crate::bemiddelaar::oordeel`]). A task that
//! got no request makes its scenarios inconclusive ("niet uitgevoerd"), never failed.

use std::collections::BTreeMap;

use cucumber::{given, then};

use super::rows;
use crate::bemiddelaar::oordeel::{self, Uitslag};
use crate::bemiddelaar::opname::Opname;
use crate::bemiddelaar::taken::Gedrag;
use crate::result::verdict::{fail, harness_error, inconclusive};
use crate::run::transcript::{Origin, Transcript};
use crate::run::world::VumWorld;

fn opname(world: &VumWorld) -> &Opname {
    match world.run().opname() {
        Some(opname) => opname,
        None => harness_error(
            "dit scenario hoort bij de applicatie van een bemiddelaar: het harnas heeft niet als uitwisselingsvoorziening geluisterd (--listen)",
        ),
    }
}

fn oordeel(uitslag: Uitslag) {
    match uitslag {
        Uitslag::Voldaan => {}
        Uitslag::NietUitgevoerd(waarom) => inconclusive(waarom),
        Uitslag::Bevindingen(bevindingen) => {
            let meer = bevindingen.len().saturating_sub(5);
            let mut tekst = bevindingen
                .into_iter()
                .take(5)
                .collect::<Vec<_>>()
                .join("; ");
            if meer > 0 {
                tekst.push_str(&format!("; en nog {meer}"));
            }
            fail(tekst);
        }
    }
}

fn getal(tekst: &str, wat: &str) -> u32 {
    tekst
        .trim()
        .parse()
        .unwrap_or_else(|_| harness_error(format!("{wat} {tekst:?} is geen getal")))
}

/// The requests the application sent become the scenario's evidence, as if the harness had
/// sent them: what a vendor reads next to the verdict.
#[given("de applicatie van de bemiddelaar heeft de taken uitgevoerd")]
fn taken_uitgevoerd(world: &mut VumWorld) {
    let origin = Origin::Probe(world.id());
    let run = world.run();
    for v in &opname(world).verzoeken {
        run.recorder.record(Transcript {
            origin: origin.clone(),
            method: v.methode.clone(),
            path: match &v.taak {
                Some(taak) => format!("{} (taak {taak})", v.pad),
                None => v.pad.clone(),
            },
            request_headers: v.headers.clone(),
            request_body: (!v.body.is_empty()).then(|| v.body.chars().take(2000).collect()),
            status: Some(v.status),
            response_headers: BTreeMap::new(),
            body: String::new(),
            failure: None,
            error: None,
            sent: true,
            millis: 0,
            server_certificate: None,
        });
    }
}

#[given(
    expr = "de uitwisselingsvoorziening antwoordt op de zoekvraag van taak {int} eerst 429 met Retry-After {int} seconden"
)]
fn taak_429(world: &mut VumWorld, taak: u32, seconden: u64) {
    match opname(world).taak(taak).map(|t| t.gedrag) {
        Some(Gedrag::TeVeelVerzoeken { seconden: s }) if s == seconden => {}
        _ => harness_error(format!(
            "taak {taak} van het harnas antwoordt niet eerst 429 met Retry-After {seconden}"
        )),
    }
}

#[given(
    expr = "de uitwisselingsvoorziening antwoordt op de zoekvraag van taak {int} eerst {int} keer 503"
)]
fn taak_503(world: &mut VumWorld, taak: u32, keren: u32) {
    match opname(world).taak(taak).map(|t| t.gedrag) {
        Some(Gedrag::NietBeschikbaar { keren: k }) if k == keren => {}
        _ => harness_error(format!(
            "taak {taak} van het harnas antwoordt niet eerst {keren} keer 503"
        )),
    }
}

#[given(expr = "taak {int} vraagt het detail op van de eerste {int} matches")]
fn taak_details(world: &mut VumWorld, taak: u32, details: u32) {
    if opname(world).taak(taak).map(|t| t.taak.details) != Some(details) {
        harness_error(format!(
            "taak {taak} van het harnas vraagt niet om {details} details"
        ));
    }
}

#[then("is elke zoekvraag geldig volgens het koppelvlak voor bemiddelaars")]
fn geldig(world: &mut VumWorld) {
    oordeel(oordeel::geldig(opname(world)));
}

#[then("draagt elk verzoek in X-VUM-toParty het OIN van de uitwisselingsvoorziening")]
fn to_party(world: &mut VumWorld) {
    let verwacht = world.run().target.parties.to_party.clone();
    oordeel(oordeel::kopregel(
        opname(world),
        "X-VUM-toParty",
        |_| Some(verwacht.clone()),
        "de uitwisselingsvoorziening",
    ));
}

#[then(
    "draagt elk verzoek in X-VUM-fromParty het OIN van de vragende verwerkingsverantwoordelijke"
)]
fn from_party(world: &mut VumWorld) {
    let verwacht = world.run().target.parties.from_party.clone();
    oordeel(oordeel::kopregel(
        opname(world),
        "X-VUM-fromParty",
        |_| Some(verwacht.clone()),
        "de vragende verwerkingsverantwoordelijke",
    ));
}

#[then("draagt elk verzoek in X-VUM-viaParty het OIN van het clientcertificaat")]
fn via_party(world: &mut VumWorld) {
    let zonder_tls = world.run().target.parties.via_party.clone();
    oordeel(oordeel::kopregel(
        opname(world),
        "X-VUM-viaParty",
        |v| {
            if v.tls {
                v.certificaat_oin.clone()
            } else {
                Some(zonder_tls.clone())
            }
        },
        "het OIN van het clientcertificaat",
    ));
}

#[then("draagt elk verzoek X-VUM-berichtVersie en API-Version met dezelfde bestaande versie")]
fn versies(world: &mut VumWorld) {
    oordeel(oordeel::versies(opname(world)));
}

#[then("draagt elke zoekvraag Content-Type application/json")]
fn content_type(world: &mut VumWorld) {
    oordeel(oordeel::content_type(opname(world)));
}

#[then("kwam elk verzoek over tweezijdig TLS met een clientcertificaat")]
fn tls(world: &mut VumWorld) {
    oordeel(oordeel::tweezijdig_tls(opname(world)));
}

#[then("bevat elke zoekvraag een selectiegebied")]
fn selectiegebied(world: &mut VumWorld) {
    oordeel(oordeel::selectiegebied(opname(world)));
}

#[then("staan de criteria van de taken op deze paden, en op geen andere:")]
fn paden(world: &mut VumWorld, step: &cucumber::gherkin::Step) {
    let paden: Vec<(u32, String)> = rows(step, "| taak | criterium | pad |")
        .iter()
        .map(|row| match row.as_slice() {
            [taak, _, pad] => (getal(taak, "taak"), pad.trim().to_owned()),
            _ => harness_error("elke rij heeft drie kolommen: taak, criterium, pad"),
        })
        .collect();
    oordeel(oordeel::paden(opname(world), &paden));
}

#[then("gebruiken de criteria van de taken deze operatoren:")]
fn operatoren(world: &mut VumWorld, step: &cucumber::gherkin::Step) {
    let operatoren: Vec<(u32, String, String)> = rows(step, "| taak | pad | operator |")
        .iter()
        .map(|row| match row.as_slice() {
            [taak, pad, operator] => (
                getal(taak, "taak"),
                pad.trim().to_owned(),
                operator.trim().to_owned(),
            ),
            _ => harness_error("elke rij heeft drie kolommen: taak, pad, operator"),
        })
        .collect();
    oordeel(oordeel::operatoren(opname(world), &operatoren));
}

#[then("vraagt de applicatie elk detail op met een vumID uit een eerder antwoord")]
fn vum_ids(world: &mut VumWorld) {
    oordeel(oordeel::vum_ids(opname(world)));
}

#[then(expr = "vraagt de applicatie per zoekvraag niet meer dan {int} details op")]
fn tien_details(world: &mut VumWorld, max: usize) {
    if max != vum_spec::taken::MAX_DETAILS_PER_VRAAG {
        harness_error(format!(
            "de standaard staat {} details per zoekvraag toe, niet {max}",
            vum_spec::taken::MAX_DETAILS_PER_VRAAG
        ));
    }
    oordeel(oordeel::tien_details(opname(world)));
}

#[then(
    "stuurt de applicatie voor die zoekvraag geen nieuw verzoek voordat de wachttijd voorbij is"
)]
fn retry_after(world: &mut VumWorld) {
    oordeel(oordeel::retry_after(opname(world)));
}

#[then(
    expr = "herhaalt de applicatie de zoekvraag pas na een wachttijd en hoogstens {int} keer binnen {int} seconden"
)]
fn herhaling(world: &mut VumWorld, keren: usize, seconden: u64) {
    if keren != oordeel::MAX_POGINGEN || seconden != oordeel::HERHAALVENSTER.as_secs() {
        harness_error(format!(
            "het harnas beoordeelt hoogstens {} pogingen binnen {} s",
            oordeel::MAX_POGINGEN,
            oordeel::HERHAALVENSTER.as_secs()
        ));
    }
    oordeel(oordeel::herhaling(opname(world)));
}

#[then("bevat geen URL en geen body een directe identificator")]
fn identificatoren(world: &mut VumWorld) {
    oordeel(oordeel::identificatoren(opname(world)));
}
