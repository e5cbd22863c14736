//! The certificate: a JWS (RFC 7515, EdDSA with Ed25519) that binds a complete, passed run to the
//! node that earned it, issued by whoever holds the signing key, verifiable offline with the
//! public key alone.
//!
//! Issued only for a complete run (see [`crate::result::conclusion`]) whose every MUST passed, over
//! mutual TLS, with the node's server certificate seen. The claims name the node (OIN from its
//! server certificate, base URL, the certificate's SHA-256), the profile, spec and harness
//! versions, the hashes of features, catalogue, test set and profiles, the verdict of every
//! requirement of the profile, the declarations, and the hashes of the evidence package
//! ([`bewijs`]) the certificate travels with.
//!
//! Signing uses [`vum_spec::jws`] (ring, already the workspace's one crypto provider through
//! rustls, and base64): compact serialisation needs no JOSE crate, and no second crypto stack
//! enters the build.

pub mod bewijs;
mod claims;
pub mod html;
pub mod live;
pub mod verify;

use time::{Duration, OffsetDateTime};
use vum_spec::jws::SigningKey;
use vum_spec::requirements::Verificatie;

use crate::result::RunResult;
use crate::result::model::RequirementVerdict;
use crate::target::Transport;

pub use claims::{
    Bewijshashes, Certificering, Claims, Eisuitslag, Hashes, Knooppunt, VerklaardeEis,
};

/// The `typ` of the JWS header.
pub const TYP: &str = "vum-certificaat+jwt";

/// Why no certificate can be issued for a run, in words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IssueError {
    /// The run did not pass completely.
    #[error("geen certificaat: {0}")]
    NotCertifying(String),
    /// No server certificate was seen (not over TLS, or the handshake did not show it).
    #[error("geen certificaat: het servercertificaat van de node is niet gezien")]
    NoServerCertificate,
    /// The server certificate names no OIN.
    #[error(
        "geen certificaat: het servercertificaat van de node bevat geen OIN (subject serialNumber)"
    )]
    NoOin,
    /// The validity would end before it starts.
    #[error("geen certificaat: {0}")]
    Validity(String),
}

/// How to issue.
#[derive(Clone, Debug)]
pub struct IssueOptions {
    /// The issuer (`iss`), e.g. the programme office or a test lab.
    pub issuer: String,
    /// Days of validity (default 365; never beyond the end date of the spec version).
    pub days: u32,
    /// A test certificate (the embedded demo): marked TEST in claims and page.
    pub test: bool,
    /// The moment of issue.
    pub now: OffsetDateTime,
}

impl IssueOptions {
    /// One year from now, by the given issuer.
    pub fn new(issuer: &str) -> Self {
        Self {
            issuer: issuer.to_owned(),
            days: 365,
            test: false,
            now: OffsetDateTime::now_utc(),
        }
    }
}

/// An issued certificate.
#[derive(Clone, Debug)]
pub struct Issued {
    /// The claims.
    pub claims: Claims,
    /// The compact JWS (no line break).
    pub jws: String,
}

/// Issues the certificate of a run, with the hashes of its evidence package.
pub fn issue(
    result: &RunResult,
    evidence: &bewijs::Inhoud,
    key: &SigningKey,
    options: &IssueOptions,
) -> Result<Issued, IssueError> {
    if result.exit_code() != 0 || !result.conclusion.complete {
        return Err(IssueError::NotCertifying(result.conclusion.reason.clone()));
    }
    if result.scope.transport != Transport::MutualTls {
        return Err(IssueError::NotCertifying(
            "de run ging niet over tweezijdig TLS".to_owned(),
        ));
    }
    let server = result
        .preflight
        .server_certificate
        .clone()
        .ok_or(IssueError::NoServerCertificate)?;
    let oin = server.oin.clone().ok_or(IssueError::NoOin)?;
    let versie = vum_spec::versie::versie(&result.scope.spec_version)
        .map_err(|e| IssueError::Validity(e.to_string()))?;
    if !versie.certificeerbaar() {
        return Err(IssueError::Validity(format!(
            "op specificatieversie {} ({}) wordt niet gecertificeerd",
            versie.nummer, versie.status
        )));
    }
    let spec_end = versie
        .einddatum
        .and_then(|end| crate::verklaringen::date(&end.to_string()));
    let now = options.now.replace_nanosecond(0).unwrap_or(options.now);
    let mut exp = now + Duration::days(i64::from(options.days.max(1)));
    if let Some(end) = spec_end {
        let end_of_version = end.next_day().unwrap_or(end).midnight().assume_utc();
        exp = exp.min(end_of_version);
    }
    if exp <= now {
        return Err(IssueError::Validity(format!(
            "de specificatieversie {} is niet meer geldig",
            result.scope.spec_version
        )));
    }
    let eisen = result
        .requirements
        .iter()
        .filter(|r| r.eis.verificatie == Verificatie::Scenario)
        .filter(|r| {
            vum_spec::profielen::profiel(&result.scope.profile).is_ok_and(|p| p.omvat(&r.eis))
        })
        .map(|r| Eisuitslag {
            id: r.eis.id.clone(),
            niveau: r.eis.niveau.to_string(),
            uitslag: match r.verdict {
                RequirementVerdict::Judged(verdict) => verdict.label().to_owned(),
                other => other.label().to_owned(),
            },
        })
        .collect();
    let verklaringen = result
        .declarations
        .iter()
        .filter_map(|d| match &d.dekking {
            crate::verklaringen::Dekking::Geldig {
                verklaring,
                geldig_tot,
            } => Some(VerklaardeEis {
                eis: d.eis.clone(),
                uitspraak: verklaring.uitspraak,
                verklaring: verklaring.verklaring.clone(),
                ondertekend_door: verklaring.ondertekend_door.clone(),
                datum: verklaring.datum.clone(),
                geldig_tot: geldig_tot.clone(),
            }),
            _ => None,
        })
        .collect();
    let scope = &result.scope;
    let claims = Claims {
        iss: options.issuer.clone(),
        kid: key.key_id(),
        sub: oin.clone(),
        jti: random_id(),
        iat: now.unix_timestamp(),
        nbf: now.unix_timestamp(),
        exp: exp.unix_timestamp(),
        vum: Certificering {
            test: options.test,
            organisatie: result.declaring_organisation.clone().unwrap_or_default(),
            knooppunt: Knooppunt {
                url: scope.target.clone(),
                oin,
                servercertificaat: server,
            },
            profiel: scope.profile.clone(),
            profiel_titel: scope.profile_title.clone(),
            spec_versie: scope.spec_version.clone(),
            harnas_versie: scope.harness_version.clone(),
            hashes: Hashes {
                features: scope.features_sha256.clone(),
                catalogus: scope.catalogue_sha256.clone(),
                testset: scope.testset_sha256.clone(),
                profielen: scope.profiles_sha256.clone(),
            },
            eisen,
            verklaringen,
            bewijs: evidence.hashes(),
        },
    };
    let mut header = serde_json::Map::new();
    header.insert("typ".to_owned(), serde_json::Value::from(TYP));
    let payload = serde_json::to_vec(&claims).map_err(|e| IssueError::Validity(e.to_string()))?;
    Ok(Issued {
        jws: key.sign(header, &payload),
        claims,
    })
}

fn random_id() -> String {
    let mut bytes = [0u8; 16];
    // Without randomness the id is zero: it names the certificate, it protects nothing.
    let _ = getrandom::fill(&mut bytes);
    crate::features::hex(&bytes)
}

/// A moment as a date and time in UTC, for people (`2026-11-29 14:05 UTC`).
pub fn moment(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix).map_or_else(
        |_| unix.to_string(),
        |t| format!("{} {:02}:{:02} UTC", t.date(), t.hour(), t.minute()),
    )
}
