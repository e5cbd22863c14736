//! A participant's certificate (`certificaat.jws`) on the board: valid when its signature holds
//! under the issuer's public key, it is within its dates, it is no test certificate, its profile
//! covers the participant's, its version of the standard is still served, it names the
//! participant's URL, and the node still presents the certified server certificate. One that
//! expires within [`VERLOOPT_BINNEN_DAGEN`] days is flagged.

use time::OffsetDateTime;
use vum_spec::certificaat::Certificaatgegevens;
use vum_spec::jws::VerifyingKey;

use super::bestand::Deelnemer;
use super::uitslag::{Certificaatoordeel, VERLOOPT_BINNEN_DAGEN};
use super::verbinding::dagen_tot;
use crate::certificaat::{Claims, moment, verify};

/// Checks `jws` for `deelnemer`; `live` is the server certificate the node presents now, when it
/// was seen. Returns the judgement and what expires soon.
pub fn toets(
    jws: &str,
    sleutel: &VerifyingKey,
    deelnemer: &Deelnemer,
    live: Option<&Certificaatgegevens>,
    nu: OffsetDateTime,
) -> (Certificaatoordeel, Vec<String>) {
    let claims = match verify::certificate(jws, sleutel, nu) {
        Ok(claims) => claims,
        Err(e) => {
            return (
                Certificaatoordeel {
                    geldig: false,
                    reden: e.to_string(),
                    profiel: None,
                    spec_versie: None,
                    uitgever: None,
                    geldig_tot: None,
                    dagen_resterend: None,
                    servercertificaat_gelijk: None,
                    test: false,
                },
                Vec::new(),
            );
        }
    };
    let dagen = dagen_tot(nu, claims.exp);
    let gelijk = live.map(|found| verify::live(&claims, found));
    let bezwaar = bezwaar(&claims, deelnemer).or_else(|| match &gelijk {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    });
    let vum = &claims.vum;
    let reden = bezwaar.clone().unwrap_or_else(|| {
        format!(
            "geldig tot {}: {} ({}), VUM {}, uitgegeven door {}; {}",
            moment(claims.exp),
            vum.profiel_titel,
            vum.profiel,
            vum.spec_versie,
            claims.iss,
            if gelijk.is_some() {
                "de node toont het gecertificeerde servercertificaat"
            } else {
                "het servercertificaat van de node is niet gezien"
            }
        )
    });
    let mut signalen = Vec::new();
    if bezwaar.is_none() && dagen < VERLOOPT_BINNEN_DAGEN {
        signalen.push(format!(
            "het certificaat verloopt over {dagen} dagen ({})",
            moment(claims.exp)
        ));
    }
    (
        Certificaatoordeel {
            geldig: bezwaar.is_none(),
            reden,
            profiel: Some(vum.profiel.clone()),
            spec_versie: Some(vum.spec_versie.clone()),
            uitgever: Some(claims.iss.clone()),
            geldig_tot: Some(claims.exp),
            dagen_resterend: Some(dagen),
            servercertificaat_gelijk: gelijk.map(|g| g.is_ok()),
            test: vum.test,
        },
        signalen,
    )
}

/// What keeps a certificate whose signature and dates hold from counting for this participant.
fn bezwaar(claims: &Claims, deelnemer: &Deelnemer) -> Option<String> {
    let vum = &claims.vum;
    if vum.test {
        return Some(
            "een testcertificaat (gemaakt met een demo-sleutel) telt niet voor de aansluiting"
                .to_owned(),
        );
    }
    let eigen = &deelnemer.profiel;
    match vum_spec::profielen::profiel(&vum.profiel) {
        Ok(p) if p.rol == eigen.rol && eigen.soorten.iter().all(|k| p.soorten.contains(k)) => {}
        _ => {
            return Some(format!(
                "het certificaat geldt voor profiel {}, dat profiel {} van de deelnemer niet dekt",
                vum.profiel, eigen.naam
            ));
        }
    }
    match vum_spec::versie::versie(&vum.spec_versie) {
        Ok(v) if v.bediend(false) => {}
        Ok(v) => {
            return Some(format!(
                "het certificaat geldt voor VUM {}, een versie met status {} die niet meer wordt bediend",
                vum.spec_versie, v.status
            ));
        }
        Err(_) => {
            return Some(format!(
                "het certificaat noemt VUM {}, een onbekende versie",
                vum.spec_versie
            ));
        }
    }
    let url = deelnemer.url.as_deref().unwrap_or_default();
    if vum.knooppunt.url.trim_end_matches('/') != url {
        return Some(format!(
            "het certificaat geldt voor {}, niet voor {url}",
            vum.knooppunt.url
        ));
    }
    None
}
