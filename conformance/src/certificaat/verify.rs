//! Verifying a certificate offline: signature, validity on a date, internal consistency, and, for
//! an evidence package, that the certificate matches its evidence. With the live server
//! certificate of the node ([`super::live`]), that it is still the certified one.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use time::OffsetDateTime;
use vum_spec::certificaat::Certificaatgegevens;
use vum_spec::jws::{JwsError, VerifyingKey};
use vum_spec::requirements::{Niveau, Verificatie};

use super::TYP;
use super::bewijs::{self, BewijsError};
use super::claims::Claims;
use crate::verklaringen::Uitspraak;

/// Why a certificate is not valid, in words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// Not a compact JWS without stray bytes, or the header is not a certificate's.
    #[error("geen VUM-certificaat: {0}")]
    Form(String),
    /// Signed with another key.
    #[error(
        "ondertekend met een andere sleutel (kid {found}), niet met deze publieke sleutel (kid {expected})"
    )]
    OtherKey {
        /// The key id in the certificate.
        found: String,
        /// The key id of the key given.
        expected: String,
    },
    /// The signature does not verify.
    #[error(
        "de handtekening klopt niet: het certificaat is gewijzigd of met een andere sleutel ondertekend"
    )]
    Signature,
    /// Expired on the date checked.
    #[error("verlopen: geldig tot {until}, gecontroleerd op {at}")]
    Expired {
        /// The end of validity.
        until: String,
        /// The moment checked.
        at: String,
    },
    /// Not yet valid on the date checked.
    #[error("nog niet geldig: geldig vanaf {from}, gecontroleerd op {at}")]
    NotYetValid {
        /// The start of validity.
        from: String,
        /// The moment checked.
        at: String,
    },
    /// The profile is not one this harness knows.
    #[error("onbekend profiel {0}")]
    UnknownProfile(String),
    /// The spec version is not one this harness knows.
    #[error("onbekende specificatieversie {0}")]
    UnknownSpecVersion(String),
    /// The claims contradict each other.
    #[error("het certificaat spreekt zichzelf tegen: {0}")]
    Inconsistent(String),
    /// The evidence package cannot be read or was altered.
    #[error("bewijspakket: {0}")]
    Package(#[from] BewijsError),
    /// The certificate does not match its evidence.
    #[error("het certificaat past niet bij zijn bewijs: {0}")]
    Evidence(String),
    /// The node now presents another server certificate.
    #[error("het servercertificaat is gewijzigd: gecertificeerd {certified}, nu {live}")]
    ServerCertificateChanged {
        /// SHA-256 in the certificate.
        certified: String,
        /// SHA-256 of what the node presents now.
        live: String,
    },
}

/// Checks a certificate (`certificaat.jws`) with the public key on `at`.
pub fn certificate(
    jws: &str,
    key: &VerifyingKey,
    at: OffsetDateTime,
) -> Result<Claims, VerifyError> {
    if let Some(stray) = jws
        .bytes()
        .find(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')))
    {
        return Err(VerifyError::Form(format!(
            "het bestand bevat een teken dat in een JWS niet voorkomt (byte 0x{stray:02x})"
        )));
    }
    // The key id first, from the header as it stands: a certificate of another issuer is named
    // as such, not as a broken signature.
    let kid = jws
        .split('.')
        .next()
        .and_then(|header| URL_SAFE_NO_PAD.decode(header).ok())
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|header| header.get("kid").and_then(Value::as_str).map(str::to_owned));
    if let Some(kid) = kid
        && kid != key.key_id()
    {
        return Err(VerifyError::OtherKey {
            found: kid,
            expected: key.key_id(),
        });
    }
    let verified = key.verify(jws).map_err(|e| match e {
        JwsError::Signature => VerifyError::Signature,
        other => VerifyError::Form(other.to_string()),
    })?;
    if verified.header.get("kid").and_then(Value::as_str) != Some(key.key_id().as_str()) {
        return Err(VerifyError::Form(
            "de header noemt geen sleutel (kid)".to_owned(),
        ));
    }
    if verified.header.get("typ").and_then(Value::as_str) != Some(TYP) {
        return Err(VerifyError::Form(format!("de header noemt niet typ {TYP}")));
    }
    let claims: Claims = serde_json::from_slice(&verified.payload)
        .map_err(|e| VerifyError::Form(format!("de inhoud is geen certificaat ({e})")))?;
    consistent(&claims, key)?;
    let now = at.unix_timestamp();
    if now >= claims.exp {
        return Err(VerifyError::Expired {
            until: super::moment(claims.exp),
            at: super::moment(now),
        });
    }
    if now < claims.nbf {
        return Err(VerifyError::NotYetValid {
            from: super::moment(claims.nbf),
            at: super::moment(now),
        });
    }
    Ok(claims)
}

fn consistent(claims: &Claims, key: &VerifyingKey) -> Result<(), VerifyError> {
    let bad = |what: String| Err(VerifyError::Inconsistent(what));
    let vum = &claims.vum;
    if claims.kid != key.key_id() {
        return bad(format!(
            "kid {} in de inhoud, {} in de header",
            claims.kid,
            key.key_id()
        ));
    }
    if claims.sub != vum.knooppunt.oin
        || vum.knooppunt.servercertificaat.oin.as_deref() != Some(claims.sub.as_str())
    {
        return bad(format!(
            "het OIN {} is niet dat van het servercertificaat",
            claims.sub
        ));
    }
    if !(claims.iat <= claims.nbf && claims.nbf < claims.exp) {
        return bad("de geldigheid eindigt voor ze begint".to_owned());
    }
    let versie = vum_spec::versie::versie(&vum.spec_versie)
        .map_err(|_| VerifyError::UnknownSpecVersion(vum.spec_versie.clone()))?;
    let profiel = vum_spec::profielen::profiel_for(versie, &vum.profiel)
        .map_err(|_| VerifyError::UnknownProfile(vum.profiel.clone()))?;
    let catalogue_text = vum_spec::requirements::text_for(versie).unwrap_or_default();
    if vum.hashes.catalogus != crate::scope::sha256(&[catalogue_text]) {
        // Another catalogue: which requirements the profile held then is not known here.
        return Ok(());
    }
    let catalogue = vum_spec::requirements::catalogue_for(versie)
        .map_err(|e| VerifyError::Inconsistent(e.to_string()))?;
    for eis in profiel.eisen(&catalogue) {
        match eis.verificatie {
            Verificatie::Scenario => {
                let found = vum.eisen.iter().filter(|e| e.id == eis.id).count();
                if found != 1 {
                    return bad(format!("eis {} staat er {found} keer in", eis.id));
                }
                let passed = vum
                    .eisen
                    .iter()
                    .any(|e| e.id == eis.id && e.uitslag == "voldaan");
                if eis.niveau == Niveau::Must && !passed {
                    return bad(format!("MUST-eis {} is niet voldaan", eis.id));
                }
            }
            Verificatie::Verklaring => {
                let declared = vum.verklaringen.iter().find(|v| v.eis == eis.id);
                match declared {
                    None => return bad(format!("eis {} heeft geen verklaring", eis.id)),
                    Some(v)
                        if eis.niveau == Niveau::Must && v.uitspraak == Uitspraak::NietVoldaan =>
                    {
                        return bad(format!("MUST-eis {} is verklaard als niet voldaan", eis.id));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    Ok(())
}

/// Checks an evidence package (`bewijs.zip`): the certificate inside, and that it matches the
/// report and transcripts beside it.
pub fn package(
    bytes: &[u8],
    key: &VerifyingKey,
    at: OffsetDateTime,
) -> Result<Claims, VerifyError> {
    let pakket = bewijs::read(bytes)?;
    let claims = certificate(&pakket.jws, key, at)?;
    let evidence = |what: String| Err(VerifyError::Evidence(what));
    if pakket.inhoud.hashes() != claims.vum.bewijs {
        return evidence(
            "report.json of transcripts.jsonl is niet wat het certificaat noemt".to_owned(),
        );
    }
    let hashes: Value = serde_json::from_str(&pakket.inhoud.hashes)
        .map_err(|_| VerifyError::Evidence("hashes.json is geen JSON".to_owned()))?;
    let h = &claims.vum.hashes;
    for (name, expected) in [
        ("features", &h.features),
        ("catalogus", &h.catalogus),
        ("testset", &h.testset),
        ("profielen", &h.profielen),
        ("report.json", &claims.vum.bewijs.rapport),
        ("transcripts.jsonl", &claims.vum.bewijs.transcripten),
    ] {
        if hashes.get(name).and_then(Value::as_str) != Some(expected.as_str()) {
            return evidence(format!(
                "hashes.json noemt voor {name} niet wat het certificaat noemt"
            ));
        }
    }
    let report: Value = serde_json::from_str(&pakket.inhoud.report)
        .map_err(|_| VerifyError::Evidence("report.json is geen JSON".to_owned()))?;
    let scope = &report["scope"];
    for (field, expected) in [
        ("target", &claims.vum.knooppunt.url),
        ("profile", &claims.vum.profiel),
        ("spec_version", &claims.vum.spec_versie),
        ("features_sha256", &h.features),
    ] {
        if scope.get(field).and_then(Value::as_str) != Some(expected.as_str()) {
            return evidence(format!(
                "report.json: scope.{field} is niet wat het certificaat noemt"
            ));
        }
    }
    if report["conclusion"]["exit_code"].as_u64() != Some(0) {
        return evidence("report.json beschrijft geen geslaagde volledige run".to_owned());
    }
    if report["preflight"]["server_certificate"]["sha256"].as_str()
        != Some(claims.vum.knooppunt.servercertificaat.sha256.as_str())
    {
        return evidence("report.json noemt een ander servercertificaat".to_owned());
    }
    bewijs::exact(bytes, &pakket)?;
    Ok(claims)
}

/// Checks that the node presents the certified server certificate.
pub fn live(claims: &Claims, found: &Certificaatgegevens) -> Result<(), VerifyError> {
    let certified = &claims.vum.knooppunt.servercertificaat.sha256;
    if &found.sha256 == certified {
        Ok(())
    } else {
        Err(VerifyError::ServerCertificateChanged {
            certified: certified.clone(),
            live: found.sha256.clone(),
        })
    }
}
