//! Re-certification for a new version of the standard, from the certificates the programme office
//! holds: each certificate is verified with the issuer's public key, must be for the old version,
//! and names the requirements its node was certified on; the plan itself is
//! [`vum_spec::hercertificering`]'s (the changelog of the two versions' contracts, mapped to the
//! requirements and to the scenarios of the harness's own features).

use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use vum_spec::diff::{self, Committed, ContractSet, Traceability, Versions};
use vum_spec::hercertificering::{Certificering, Plan};
use vum_spec::jws::VerifyingKey;
use vum_spec::requirements::catalogue_for;
use vum_spec::versie;

use crate::certificaat::Claims;
use crate::certificaat::verify;
use crate::features::EMBEDDED;

/// Why no plan could be made. Every message names the file or version at fault.
#[derive(Debug, thiserror::Error)]
pub enum HercertificeringFout {
    /// A version that is not in the registry, or has no contracts or catalogue here.
    #[error("versie {versie}: {reden}")]
    Versie {
        /// The version as given.
        versie: String,
        /// Why.
        reden: String,
    },
    /// A certificate file that cannot be read.
    #[error("{}: {reden}", .pad.display())]
    Bestand {
        /// The file.
        pad: PathBuf,
        /// Why.
        reden: String,
    },
    /// A certificate that does not verify, or is for another version.
    #[error("{}: {reden}", .pad.display())]
    Certificaat {
        /// The file.
        pad: PathBuf,
        /// Why, in words.
        reden: String,
    },
}

/// Reads and verifies one certificate (`certificaat.jws`) with the issuer's key on `at`; it must
/// be for version `van`.
pub fn lees(
    pad: &Path,
    key: &VerifyingKey,
    at: OffsetDateTime,
    van: &str,
) -> Result<Claims, HercertificeringFout> {
    let jws = std::fs::read_to_string(pad).map_err(|e| HercertificeringFout::Bestand {
        pad: pad.to_owned(),
        reden: e.to_string(),
    })?;
    let claims = verify::certificate(jws.trim(), key, at).map_err(|e| {
        HercertificeringFout::Certificaat {
            pad: pad.to_owned(),
            reden: format!("ongeldig: {e}"),
        }
    })?;
    if claims.vum.spec_versie != van {
        return Err(HercertificeringFout::Certificaat {
            pad: pad.to_owned(),
            reden: format!(
                "het certificaat is voor versie {}, niet voor --van {van}",
                claims.vum.spec_versie
            ),
        });
    }
    Ok(claims)
}

/// How a certified node is named in the plan: its URL and OIN, and the file.
pub fn naam(pad: &Path, claims: &Claims) -> String {
    format!(
        "{} (OIN {}, profiel {}, {})",
        claims.vum.knooppunt.url,
        claims.vum.knooppunt.oin,
        claims.vum.profiel,
        pad.display()
    )
}

/// The requirements a certificate lists: those judged by scenario and those declared.
pub fn certificering(pad: &Path, claims: &Claims) -> Certificering {
    let mut eisen: Vec<String> = claims.vum.eisen.iter().map(|e| e.id.clone()).collect();
    eisen.extend(claims.vum.verklaringen.iter().map(|v| v.eis.clone()));
    eisen.sort();
    eisen.dedup();
    Certificering {
        node: naam(pad, claims),
        eisen,
    }
}

fn contracts(versie: &str) -> Result<ContractSet, HercertificeringFout> {
    let fout = |reden: String| HercertificeringFout::Versie {
        versie: versie.to_owned(),
        reden,
    };
    let documents = Committed
        .documents(versie)
        .ok_or_else(|| fout("geen contracten in deze werkruimte".to_owned()))?
        .map_err(|e| fout(e.to_string()))?;
    ContractSet::load(versie, documents).map_err(|e| fout(e.to_string()))
}

/// The plan from `van` to `naar` for these certified nodes.
pub fn plan(van: &str, naar: &str, nodes: &[Certificering]) -> Result<Plan, HercertificeringFout> {
    let version = |nummer: &str| {
        versie::versie(nummer).map_err(|e| HercertificeringFout::Versie {
            versie: nummer.to_owned(),
            reden: e.to_string(),
        })
    };
    let (oud_versie, nieuw_versie) = (version(van)?, version(naar)?);
    let catalogue = |v: &versie::Versie| {
        catalogue_for(v).map_err(|e| HercertificeringFout::Versie {
            versie: v.naam(),
            reden: e.to_string(),
        })
    };
    let (oud, nieuw) = (catalogue(oud_versie)?, catalogue(nieuw_versie)?);
    let scenarios: Vec<diff::Scenario> = EMBEDDED
        .iter()
        .flat_map(|(file, text)| diff::scenarios(file, text))
        .collect();
    let report = diff::diff(
        &contracts(van)?,
        &contracts(naar)?,
        Traceability {
            catalogue: &nieuw,
            scenarios: &scenarios,
        },
    );
    Ok(vum_spec::hercertificering::plan(
        oud_versie,
        nieuw_versie,
        &report,
        &oud,
        &nieuw,
        nodes,
    ))
}
