//! Judging a mediator's requests, one rule at a time: each judgement says which requests broke
//! the rule (by number, task and field, in words a vendor reads), or that the tasks it needs were
//! not carried out.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;
use vum_spec::Kind;
use vum_spec::headers::{API_VERSION, X_VUM_BERICHT_VERSIE};
use vum_spec::message::Message;

use super::opname::{Opname, Soort, Verzoek};
use super::taken::{Certificatietaak, Gedrag};

/// The margin allowed on a `Retry-After`: a request this much early still counts as waiting
/// (clocks and the harness's own answering time), far from an immediate retry.
pub const MARGE_RETRY_AFTER: Duration = Duration::from_millis(500);
/// The least wait before another try after a `503`.
pub const MINSTE_WACHTTIJD_503: Duration = Duration::from_millis(500);
/// The most tries of one question within [`HERHAALVENSTER`].
pub const MAX_POGINGEN: usize = 5;
/// The window in which [`MAX_POGINGEN`] counts.
pub const HERHAALVENSTER: Duration = Duration::from_secs(60);

/// The outcome of one judgement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Uitslag {
    /// Every request keeps the rule.
    Voldaan,
    /// The requests that break it, one line each.
    Bevindingen(Vec<String>),
    /// The tasks the judgement needs were not carried out ("niet uitgevoerd").
    NietUitgevoerd(String),
}

fn uitslag(bevindingen: Vec<String>) -> Uitslag {
    if bevindingen.is_empty() {
        Uitslag::Voldaan
    } else {
        Uitslag::Bevindingen(bevindingen)
    }
}

fn wie(v: &Verzoek) -> String {
    match v.taak {
        Some(taak) => format!("{} (taak {taak})", v.regel()),
        None => format!("{} (geen taak)", v.regel()),
    }
}

fn vragen(opname: &Opname) -> impl Iterator<Item = &Verzoek> {
    opname
        .verzoeken
        .iter()
        .filter(|v| matches!(v.soort, Soort::Vraag(_)))
}

/// `NietUitgevoerd` when nothing came at all.
fn iets(opname: &Opname) -> Option<Uitslag> {
    opname.verzoeken.is_empty().then(|| {
        Uitslag::NietUitgevoerd(
            "geen enkele taak is uitgevoerd: er kwam geen verzoek binnen".to_owned(),
        )
    })
}

/// `NietUitgevoerd` when a task that `past` received no request.
fn taak_met(
    opname: &Opname,
    past: impl Fn(&Certificatietaak) -> bool,
) -> Result<Vec<u32>, Uitslag> {
    let taken: Vec<u32> = opname
        .taken
        .iter()
        .filter(|t| past(t))
        .map(|t| t.taak.nummer)
        .collect();
    let niet = opname.niet_uitgevoerd();
    match taken.iter().find(|n| niet.contains(n)) {
        Some(n) => Err(Uitslag::NietUitgevoerd(format!(
            "taak {n} is niet uitgevoerd: er kwam geen verzoek voor binnen"
        ))),
        None => Ok(taken),
    }
}

/// Every question valid against the mediator contract of the version asked in, every request on
/// a path of the interface.
pub fn geldig(opname: &Opname) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for v in &opname.verzoeken {
        match &v.soort {
            Soort::Anders => bevindingen.push(format!(
                "{}: {} {} is geen verzoek van het koppelvlak voor bemiddelaars",
                wie(v),
                v.methode,
                v.pad
            )),
            Soort::Detail(_, _) => {}
            Soort::Vraag(kind) => {
                let Ok(document) = serde_json::from_str::<Value>(&v.body) else {
                    bevindingen.push(format!("{}: de body is geen JSON", wie(v)));
                    continue;
                };
                let message = match kind {
                    Kind::Werkzoekende => Message::WerkzoekendeMatchesRequest,
                    Kind::Vacature => Message::VacatureMatchesRequest,
                };
                let versie = v
                    .header(X_VUM_BERICHT_VERSIE)
                    .and_then(|n| vum_spec::versie::versie(n).ok())
                    .or_else(|| vum_spec::versie::nieuwste_actieve().ok());
                let Some(versie) = versie else {
                    continue;
                };
                match vum_spec::validate::validator_for(versie, message) {
                    Ok(validator) => {
                        for fout in vum_spec::validate::violations_of(validator, &document) {
                            bevindingen.push(format!(
                                "{}: de zoekvraag wijkt af van {} {}: veld {}: {}",
                                wie(v),
                                message.name(),
                                versie.naam(),
                                if fout.instance_path.is_empty() {
                                    "(de hele body)".to_owned()
                                } else {
                                    fout.instance_path.clone()
                                },
                                fout.masked_message
                            ));
                        }
                    }
                    Err(e) => bevindingen.push(format!("{}: {e}", wie(v))),
                }
            }
        }
    }
    uitslag(bevindingen)
}

/// Every request carries `header` equal to `verwacht(request)`.
pub fn kopregel(
    opname: &Opname,
    header: &str,
    verwacht: impl Fn(&Verzoek) -> Option<String>,
    wat: &str,
) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for v in &opname.verzoeken {
        let Some(verwacht) = verwacht(v) else {
            continue;
        };
        match v.header(header) {
            Some(waarde) if waarde == verwacht => {}
            Some(waarde) => bevindingen.push(format!(
                "{}: {header} is {waarde}, verwacht {verwacht} ({wat})",
                wie(v)
            )),
            None => bevindingen.push(format!(
                "{}: {header} ontbreekt, verwacht {verwacht} ({wat})",
                wie(v)
            )),
        }
    }
    uitslag(bevindingen)
}

/// Both version headers on every request, equal, naming a version of the register.
pub fn versies(opname: &Opname) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for v in &opname.verzoeken {
        let bericht = v.header(X_VUM_BERICHT_VERSIE);
        let api = v.header(API_VERSION);
        match (bericht, api) {
            (Some(b), Some(a)) if a == b => {
                if vum_spec::versie::versie(b).is_err() {
                    bevindingen.push(format!("{}: versie {b} bestaat niet", wie(v)));
                }
            }
            (Some(b), Some(a)) => bevindingen.push(format!(
                "{}: {X_VUM_BERICHT_VERSIE} is {b} maar {API_VERSION} is {a}",
                wie(v)
            )),
            (None, _) => bevindingen.push(format!("{}: {X_VUM_BERICHT_VERSIE} ontbreekt", wie(v))),
            (_, None) => bevindingen.push(format!("{}: {API_VERSION} ontbreekt", wie(v))),
        }
    }
    uitslag(bevindingen)
}

/// `Content-Type: application/json` on every question.
pub fn content_type(opname: &Opname) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let bevindingen = vragen(opname)
        .filter(|v| {
            !v.header("content-type").is_some_and(|c| {
                c.trim()
                    .to_ascii_lowercase()
                    .starts_with("application/json")
            })
        })
        .map(|v| {
            format!(
                "{}: Content-Type is {}, verwacht application/json",
                wie(v),
                v.header("content-type").unwrap_or("(afwezig)")
            )
        })
        .collect();
    uitslag(bevindingen)
}

/// Every request over mutual TLS with a client certificate.
pub fn tweezijdig_tls(opname: &Opname) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let bevindingen = opname
        .verzoeken
        .iter()
        .filter(|v| !v.tls || v.certificaat_oin.is_none())
        .map(|v| format!("{}: zonder clientcertificaat met OIN", wie(v)))
        .collect();
    uitslag(bevindingen)
}

/// A `selectiegebied` in every question.
pub fn selectiegebied(opname: &Opname) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let bevindingen = vragen(opname)
        .filter(|v| {
            !v.vraag_object()
                .and_then(|o| o.get("selectiegebied").cloned())
                .is_some_and(|g| g.is_object())
        })
        .map(|v| format!("{}: de zoekvraag heeft geen selectiegebied", wie(v)))
        .collect();
    uitslag(bevindingen)
}

/// The criteria of every question of an executed task: exactly the paths of `paden` for that
/// task (`selectiegebied` aside; a task not named has no criteria).
pub fn paden(opname: &Opname, paden: &[(u32, String)]) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for v in vragen(opname) {
        let Some(taak) = v.taak else {
            continue;
        };
        let verwacht: BTreeSet<&str> = paden
            .iter()
            .filter(|(t, _)| *t == taak)
            .map(|(_, p)| p.as_str())
            .collect();
        let gekregen: BTreeSet<String> = v
            .vraag_object()
            .and_then(|o| o.as_object().map(|m| m.keys().cloned().collect()))
            .unwrap_or_default();
        let gekregen: BTreeSet<&str> = gekregen
            .iter()
            .map(String::as_str)
            .filter(|k| *k != "selectiegebied")
            .collect();
        for pad in verwacht.difference(&gekregen) {
            bevindingen.push(format!(
                "{}: het criterium van de taak hoort op pad {pad}, maar de zoekvraag heeft dat pad niet",
                wie(v)
            ));
        }
        for pad in gekregen.difference(&verwacht) {
            bevindingen.push(format!(
                "{}: de zoekvraag heeft een criterium op pad {pad}, dat de taak niet vraagt",
                wie(v)
            ));
        }
    }
    uitslag(bevindingen)
}

fn bevat_sleutel(value: &Value, sleutel: &str) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k == sleutel || bevat_sleutel(v, sleutel)),
        Value::Array(items) => items.iter().any(|v| bevat_sleutel(v, sleutel)),
        _ => false,
    }
}

/// The criterion at each path of `operatoren` (task, path, operator) uses that operator, in every
/// question of the task that has the path.
pub fn operatoren(opname: &Opname, operatoren: &[(u32, String, String)]) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for v in vragen(opname) {
        let (Some(taak), Some(object)) = (v.taak, v.vraag_object()) else {
            continue;
        };
        for (_, pad, operator) in operatoren.iter().filter(|(t, _, _)| *t == taak) {
            if let Some(waarde) = object.get(pad)
                && !bevat_sleutel(waarde, operator)
            {
                bevindingen.push(format!(
                    "{}: het criterium op pad {pad} gebruikt niet de operator {operator}: {waarde}",
                    wie(v)
                ));
            }
        }
    }
    uitslag(bevindingen)
}

/// Every detail asked by a `vumID` from an earlier answer of the harness.
pub fn vum_ids(opname: &Opname) -> Uitslag {
    let details: Vec<&Verzoek> = opname
        .verzoeken
        .iter()
        .filter(|v| matches!(v.soort, Soort::Detail(_, _)))
        .collect();
    if details.is_empty() {
        return Uitslag::NietUitgevoerd(
            "er is geen detail opgevraagd (taken 1, 2, 4, 6 en 7 vragen erom)".to_owned(),
        );
    }
    let bevindingen = details
        .into_iter()
        .filter(|v| !v.bekend_vum_id)
        .map(|v| match &v.soort {
            Soort::Detail(_, id) => format!(
                "{}: detail gevraagd met {id}, geen vumID uit een eerder antwoord",
                wie(v)
            ),
            _ => wie(v),
        })
        .collect();
    uitslag(bevindingen)
}

/// At most 10 distinct details per question.
pub fn tien_details(opname: &Opname) -> Uitslag {
    if let Err(u) = taak_met(opname, |t| {
        t.taak.details as usize > vum_spec::taken::MAX_DETAILS_PER_VRAAG
    }) {
        return u;
    }
    let bevindingen = opname
        .taken
        .iter()
        .filter_map(|t| {
            let n = opname.details_van(t.taak.nummer).len();
            (n > vum_spec::taken::MAX_DETAILS_PER_VRAAG).then(|| {
                format!(
                    "taak {}: {n} verschillende details van één zoekvraag opgevraagd; de standaard staat er {} toe",
                    t.taak.nummer,
                    vum_spec::taken::MAX_DETAILS_PER_VRAAG
                )
            })
        })
        .collect();
    uitslag(bevindingen)
}

/// No request of a task sooner after a `429` with `Retry-After` than it asked.
pub fn retry_after(opname: &Opname) -> Uitslag {
    if let Err(u) = taak_met(opname, |t| {
        matches!(t.gedrag, Gedrag::TeVeelVerzoeken { .. })
    }) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for v in opname.verzoeken.iter().filter(|v| v.status == 429) {
        let (Some(taak), Some(seconden)) = (v.taak, v.retry_after) else {
            continue;
        };
        let wacht = Duration::from_secs(seconden);
        if let Some(volgende) = opname
            .van_taak(taak)
            .into_iter()
            .find(|n| n.volgnummer > v.volgnummer)
        {
            let na = volgende.ontvangen.saturating_sub(v.ontvangen);
            if na + MARGE_RETRY_AFTER < wacht {
                bevindingen.push(format!(
                    "{}: al {:.1} s na de 429 van verzoek {}, die Retry-After: {seconden} gaf",
                    wie(volgende),
                    na.as_secs_f64(),
                    v.volgnummer
                ));
            }
        }
    }
    uitslag(bevindingen)
}

/// After a `503` another try only after a wait, and at most [`MAX_POGINGEN`] questions of a task
/// within [`HERHAALVENSTER`].
pub fn herhaling(opname: &Opname) -> Uitslag {
    if let Err(u) = taak_met(opname, |t| {
        matches!(t.gedrag, Gedrag::NietBeschikbaar { .. })
    }) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for taak in &opname.taken {
        let eigen: Vec<&Verzoek> = opname
            .van_taak(taak.taak.nummer)
            .into_iter()
            .filter(|v| matches!(v.soort, Soort::Vraag(_)))
            .collect();
        for paar in eigen.windows(2) {
            let [vorige, volgende] = paar else { continue };
            let na = volgende.ontvangen.saturating_sub(vorige.ontvangen);
            if vorige.status == 503 && na < MINSTE_WACHTTIJD_503 {
                bevindingen.push(format!(
                    "{}: al {:.2} s na de 503 van verzoek {}, zonder wachttijd",
                    wie(volgende),
                    na.as_secs_f64(),
                    vorige.volgnummer
                ));
            }
        }
        for (i, eerste) in eigen.iter().enumerate() {
            let binnen = eigen[i..]
                .iter()
                .take_while(|v| v.ontvangen.saturating_sub(eerste.ontvangen) < HERHAALVENSTER)
                .count();
            if binnen > MAX_POGINGEN {
                bevindingen.push(format!(
                    "taak {}: {binnen} pogingen van de zoekvraag binnen {} s vanaf verzoek {}; ten hoogste {MAX_POGINGEN}",
                    taak.taak.nummer,
                    HERHAALVENSTER.as_secs(),
                    eerste.volgnummer
                ));
                break;
            }
        }
    }
    uitslag(bevindingen)
}

/// No direct identifier in any URL or body.
pub fn identificatoren(opname: &Opname) -> Uitslag {
    if let Some(u) = iets(opname) {
        return u;
    }
    let mut bevindingen = Vec::new();
    for v in &opname.verzoeken {
        let url = match &v.query {
            Some(q) => format!("{}?{q}", v.pad),
            None => v.pad.clone(),
        };
        for (waar, tekst) in [("de URL", url.as_str()), ("de body", v.body.as_str())] {
            let soorten: BTreeSet<&str> = vum_spec::identificatoren::vind(tekst)
                .iter()
                .map(|f| f.soort.naam())
                .collect();
            for soort in soorten {
                bevindingen.push(format!("{}: {waar} bevat een {soort}", wie(v)));
            }
        }
    }
    uitslag(bevindingen)
}

/// The pre-flight of a mediator certification: did the application send anything, and which
/// tasks did it carry out.
pub fn preflight(opname: Option<&Opname>) -> crate::preflight::Preflight {
    let Some(opname) = opname else {
        return crate::preflight::Preflight::stopped(
            "taken",
            "de harnas-uitwisselingsvoorziening heeft niet geluisterd",
            "Start de certificering van een bemiddelaar met --listen ADRES.",
        );
    };
    if opname.verzoeken.is_empty() {
        return crate::preflight::Preflight::stopped(
            "taken",
            "er kwam geen enkel verzoek binnen",
            "Laat de applicatie de taken uitvoeren tegen het adres van --listen (met --taken FILE voor een testdriver).",
        );
    }
    let niet = opname.niet_uitgevoerd();
    let uitgevoerd = opname.taken.len() - niet.len();
    let mut detail = format!(
        "{uitgevoerd} van {} taken uitgevoerd, {} verzoeken ontvangen",
        opname.taken.len(),
        opname.verzoeken.len()
    );
    if !niet.is_empty() {
        detail.push_str(&format!(
            "; niet uitgevoerd: taak {}",
            niet.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    crate::preflight::Preflight {
        checks: vec![crate::preflight::PreflightCheck {
            name: "taken".to_owned(),
            ok: niet.is_empty(),
            detail,
        }],
        failure: None,
        // For an application the node's certificate is its client certificate.
        server_certificate: opname.clientcertificaat.clone(),
    }
}
