//! Production-safe probes of a source: questions that cannot match anyone and error paths. Never
//! a detail request: the only paths this module sends to are the matches paths of the
//! participant's kinds, and every question it sends asks for an occupation that does not exist,
//! within 0 km of one postcode, for at least 99 hours a week.
//!
//! | probe | request | holds when |
//! |---|---|---|
//! | `vraag zonder treffers (…)` | the question above, three times per kind | `200`, `matches` empty; its median time is the latency the board shows |
//! | `versieheaders` | (the first answer above) | `X-VUM-berichtVersie` and `API-Version` are the version asked for |
//! | `ongeldige vraag` | `{"vraagObject": {}}` (no `selectiegebied`) | `400` with error code `400.02` |
//! | `onbekende versie` | the question with both version headers `9.9.9` | `400` with an error body |
//! | `ontbrekende header` | the question without `X-VUM-fromParty` | `400` with error code `400.02` or `400.01` |
//!
//! Should a broken source answer one of these questions with profiles all the same, the board
//! counts them and drops the answer: nothing of it is kept, printed or stored.

use serde_json::{Value, json};
use vum_spec::Kind;
use vum_spec::error::ErrorBody;
use vum_spec::headers::{
    API_VERSION, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_SUWI_PARTY, X_VUM_TO_PARTY,
    X_VUM_VIA_PARTY,
};

use super::bestand::{Deelnemer, Rol};
use super::uitslag::Controle;
use crate::run::client::{self, HeaderCase};
use crate::run::transcript::{Origin, Request, Transcript, send, status_text};
use crate::target::Target;

/// An occupation URI of the right form that CompetentNL does not have.
pub const GEEN_BEROEP: &str =
    "https://linkeddata.competentnl.nl/vum/id/occupation/regiobord-bestaat-niet";

/// The centre of the question: a known PC4 area (Stitswerd), 0 km around it.
pub const POSTCODE: &str = "9999AA";

/// How often the question without matches is asked per kind.
pub const HERHALINGEN: usize = 3;

/// What the probes found.
#[derive(Clone, Debug, Default)]
pub struct Peiling {
    /// The checks, in order.
    pub controles: Vec<Controle>,
    /// The median time of the question without matches, in milliseconds.
    pub vraag_ms: Option<u64>,
}

/// The question that cannot match anyone, for a kind.
pub fn vraag_zonder_treffers(kind: Kind) -> Value {
    let selectiegebied = json!({"postcode": POSTCODE, "afstand": 0});
    let uren = json!({"$gte": 99});
    let vraag = match kind {
        Kind::Werkzoekende => json!({
            "selectiegebied": selectiegebied,
            "bemiddelingsberoep": {"$elemMatch": {"$or": [
                {"beroep.codeBeroepsnaam": {"$eq": GEEN_BEROEP}}
            ]}},
            "werktijden.aantalWerkurenPerWeekMaximaal": uren,
        }),
        Kind::Vacature => json!({
            "selectiegebied": selectiegebied,
            "beroep.codeBeroepsnaam": {"$eq": GEEN_BEROEP},
            "werktijden.aantalWerkurenPerWeekMaximaal": uren,
        }),
    };
    json!({ "vraagObject": vraag })
}

fn headers(target: &Target, versie: &str, zonder: Option<&str>) -> Vec<(String, String)> {
    [
        (X_VUM_BERICHT_VERSIE, versie.to_owned()),
        (API_VERSION, versie.to_owned()),
        (X_VUM_FROM_PARTY, target.parties.from_party.clone()),
        (X_VUM_TO_PARTY, target.parties.to_party.clone()),
        (X_VUM_VIA_PARTY, target.parties.via_party.clone()),
        (X_VUM_SUWI_PARTY, "true".to_owned()),
        ("Content-Type", "application/json".to_owned()),
    ]
    .into_iter()
    .filter(|(name, _)| Some(*name) != zonder)
    .map(|(name, value)| (name.to_owned(), value))
    .collect()
}

/// A question to the matches path of `kind`; the only kind of request this module sends.
async fn vraag(
    client: &reqwest::Client,
    target: &Target,
    kind: Kind,
    headers: Vec<(String, String)>,
    body: &Value,
) -> Transcript {
    let request = Request {
        method: reqwest::Method::POST,
        path: kind.matches_path(),
        headers,
        body: Some(body.to_string()),
    };
    let url = target.url(&request.path);
    send(client, &url, Origin::Preflight, request, target.timeout).await
}

fn ms(t: &Transcript) -> u64 {
    u64::try_from(t.millis).unwrap_or(u64::MAX)
}

/// The number of profiles in an answer, if it has a list `matches`; the answer itself is not
/// kept.
fn aantal_matches(t: &Transcript) -> Option<usize> {
    t.json()
        .and_then(|b| b.get("matches").and_then(Value::as_array).map(Vec::len))
}

/// Probes `deelnemer` at `target`, production-safe.
pub async fn peil(deelnemer: &Deelnemer, target: &Target) -> Peiling {
    let mut p = Peiling::default();
    if deelnemer.rol != Rol::Bron {
        p.controles.push(Controle::niet_getoetst(
            "vragen",
            format!(
                "rol {}: het harnas stelt alleen bronnen vragen; de verbinding is gecontroleerd",
                deelnemer.rol.as_str()
            ),
        ));
        return p;
    }
    let client = match client::build(target, target.tls.identity.as_ref(), HeaderCase::Lower) {
        Ok(c) => c,
        Err(e) => {
            p.controles.push(Controle::fout("TLS-instellingen", e));
            return p;
        }
    };
    let versie = vum_spec::VERSION;
    let mut tijden = Vec::new();
    let mut eerste: Option<Transcript> = None;
    for kind in &deelnemer.profiel.soorten {
        let body = vraag_zonder_treffers(*kind);
        let naam = format!("vraag zonder treffers ({})", kind.plural());
        let mut fout = None;
        let mut mijn = Vec::new();
        for _ in 0..HERHALINGEN {
            let t = vraag(&client, target, *kind, headers(target, versie, None), &body).await;
            mijn.push(ms(&t));
            fout = fout.or_else(|| zonder_treffers(&t));
            if eerste.is_none() {
                eerste = Some(t);
            }
            if fout.is_some() {
                break;
            }
        }
        let mediaan = mediaan(&mut mijn);
        tijden.extend(mijn);
        p.controles.push(match fout {
            Some(detail) => Controle::fout(&naam, detail),
            None => Controle::ok(
                &naam,
                format!("200 zonder profielen, mediaan {mediaan} ms over {HERHALINGEN} vragen"),
            )
            .in_ms(mediaan),
        });
    }
    p.vraag_ms = (!tijden.is_empty()).then(|| mediaan(&mut tijden));
    if let Some(t) = &eerste {
        p.controles.push(versieheaders(t, versie));
    }
    let Some(kind) = deelnemer.profiel.soorten.first().copied() else {
        return p;
    };
    let leeg = json!({"vraagObject": {}});
    let t = vraag(&client, target, kind, headers(target, versie, None), &leeg).await;
    p.controles.push(foutpad(
        "ongeldige vraag",
        &t,
        &["400.02"],
        "zonder selectiegebied",
    ));
    let body = vraag_zonder_treffers(kind);
    let t = vraag(&client, target, kind, headers(target, "9.9.9", None), &body).await;
    p.controles.push(foutpad(
        "onbekende versie",
        &t,
        &[],
        "met versie 9.9.9 in beide versieheaders",
    ));
    let t = vraag(
        &client,
        target,
        kind,
        headers(target, versie, Some(X_VUM_FROM_PARTY)),
        &body,
    )
    .await;
    p.controles.push(foutpad(
        "ontbrekende header",
        &t,
        &["400.02", "400.01"],
        "zonder X-VUM-fromParty",
    ));
    p
}

/// Why an answer to the question without matches is wrong, if it is.
fn zonder_treffers(t: &Transcript) -> Option<String> {
    if let Some(e) = &t.error {
        return Some(e.clone());
    }
    if t.status != Some(200) {
        return Some(format!("status {}, niet 200", status_text(t.status)));
    }
    match aantal_matches(t) {
        None => Some("het antwoord heeft geen lijst matches".to_owned()),
        Some(0) => None,
        Some(n) => Some(format!(
            "de vraag die niemand kan treffen gaf {n} profielen terug (het bord bewaart ze niet): de bron past de criteria niet toe"
        )),
    }
}

fn versieheaders(t: &Transcript, versie: &str) -> Controle {
    let bericht = t.header(X_VUM_BERICHT_VERSIE);
    let api = t.header(API_VERSION);
    let gevonden = format!(
        "X-VUM-berichtVersie {}, API-Version {}",
        bericht.unwrap_or("ontbreekt"),
        api.unwrap_or("ontbreekt")
    );
    if !t.answered() {
        Controle::fout("versieheaders", "geen antwoord om te controleren")
    } else if bericht == Some(versie) && api == Some(versie) {
        Controle::ok("versieheaders", gevonden)
    } else {
        Controle::fout(
            "versieheaders",
            format!("{gevonden}; gevraagd was {versie}"),
        )
    }
}

/// An error path: `400` with an error body, and one of `codes` when given.
fn foutpad(naam: &str, t: &Transcript, codes: &[&str], wat: &str) -> Controle {
    let millis = ms(t);
    if let Some(e) = &t.error {
        return Controle::fout(naam, format!("een vraag {wat}: {e}")).in_ms(millis);
    }
    let status = t.status.unwrap_or_default();
    if status != 400 {
        let extra = match aantal_matches(t) {
            Some(n) if status == 200 => format!(" met {n} profielen (niet bewaard)"),
            _ => String::new(),
        };
        return Controle::fout(
            naam,
            format!("een vraag {wat} gaf status {status}{extra}, niet 400"),
        )
        .in_ms(millis);
    }
    let Ok(fout) = serde_json::from_str::<ErrorBody>(&t.body) else {
        return Controle::fout(
            naam,
            format!("een vraag {wat} gaf 400 zonder foutbericht (code, message)"),
        )
        .in_ms(millis);
    };
    if !codes.is_empty() && !codes.contains(&fout.code.as_str()) {
        return Controle::fout(
            naam,
            format!(
                "een vraag {wat} gaf 400 met foutcode {}, verwacht {}",
                fout.code,
                codes.join(" of ")
            ),
        )
        .in_ms(millis);
    }
    Controle::ok(
        naam,
        format!("een vraag {wat} gaf 400 met foutcode {}", fout.code),
    )
    .in_ms(millis)
}

/// The lower median (0 for none).
fn mediaan(tijden: &mut [u64]) -> u64 {
    tijden.sort_unstable();
    tijden
        .get(tijden.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_questions_without_matches_are_valid_questions_of_the_standard() {
        for kind in Kind::ALL {
            let question = vraag_zonder_treffers(kind);
            let validator = vum_spec::validate::validator(kind.matches_request_message()).unwrap();
            let violations = vum_spec::validate::violations_of(validator, &question);
            assert!(violations.is_empty(), "{kind:?}: {violations:?}");
            assert!(vum_spec::geo::pc4_table().centroid(POSTCODE).is_some());
        }
    }

    #[test]
    fn the_lower_median() {
        assert_eq!(mediaan(&mut [5, 1, 9]), 5);
        assert_eq!(mediaan(&mut [4, 1]), 1);
        assert_eq!(mediaan(&mut []), 0);
    }
}
