//! A run of the board over one region: every participant examined, at most `parallel` at once,
//! with an event at the start and end of each for the console.
//!
//! Per participant: no url → not connected; otherwise the connection ([`super::verbinding`]),
//! then, when reachable, the production-safe probes ([`super::peiling`]) or, for an acceptance
//! endpoint in acceptance mode, a full certification run ([`super::acceptatie`]); then its
//! certificate ([`super::certificaatcontrole`]) and its score card as handed in. A production
//! endpoint is only ever probed production-safe, whatever the mode of the board.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use vum_spec::jws::VerifyingKey;

use super::acceptatie;
use super::bestand::{Deelnemer, Regiobestand};
use super::certificaatcontrole;
use super::peiling;
use super::uitslag::{Deelnemeruitslag, Modus, Regiouitslag, Status};
use super::verbinding;

/// How to run the board.
#[derive(Clone, Debug)]
pub struct Opties {
    /// Production-safe probes only, for every endpoint.
    pub productie: bool,
    /// Participants examined at once.
    pub parallel: usize,
    /// Time allowed for one request.
    pub timeout: Duration,
    /// The board's directory: acceptance runs write their reports below it.
    pub uit: PathBuf,
}

/// What happens while the board runs, for the console.
#[derive(Clone, Copy, Debug)]
pub enum Voortgang<'a> {
    /// A participant is being examined.
    Begonnen {
        /// Its name.
        naam: &'a str,
        /// Its url.
        url: Option<&'a str>,
        /// How.
        modus: Modus,
    },
    /// A participant is done.
    Klaar {
        /// What was found.
        uitslag: &'a Deelnemeruitslag,
        /// Participants done so far.
        klaar: usize,
        /// Participants in all.
        totaal: usize,
    },
}

/// A callback for [`Voortgang`] events.
pub type Melder = Arc<dyn Fn(Voortgang<'_>) + Send + Sync>;

/// The board could not be made (the participants' own failures are results, never this).
#[derive(Debug, thiserror::Error)]
pub enum Uitvoeringsfout {
    /// An acceptance run could not be made or its reports written.
    #[error("{deelnemer}: {fout}")]
    Keuring {
        /// The participant.
        deelnemer: String,
        /// Why.
        fout: acceptatie::KeuringFout,
    },
    /// A task of the board ended abnormally.
    #[error("het onderzoek van een deelnemer brak af: {0}")]
    Taak(String),
}

/// A directory name for a participant: lower-case letters and digits, the rest `-`.
pub fn mapnaam(naam: &str) -> String {
    let mut slug = String::new();
    for c in naam.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "deelnemer".to_owned()
    } else {
        slug.to_owned()
    }
}

/// Report directories per participant, unique within the region (relative to the board's).
fn mappen(deelnemers: &[Deelnemer]) -> Vec<String> {
    let mut gezien = BTreeSet::new();
    deelnemers
        .iter()
        .map(|d| {
            let basis = mapnaam(&d.naam);
            let mut naam = basis.clone();
            let mut n = 1;
            while !gezien.insert(naam.clone()) {
                n += 1;
                naam = format!("{basis}-{n}");
            }
            format!("deelnemers/{naam}")
        })
        .collect()
}

/// Runs the board over a region.
pub async fn voer_uit(
    bestand: &Regiobestand,
    opties: &Opties,
    melder: &Melder,
) -> Result<Regiouitslag, Uitvoeringsfout> {
    let gestart = crate::now();
    let klok = Instant::now();
    let nu = OffsetDateTime::now_utc();
    let totaal = bestand.deelnemers.len();
    let semaphore = Arc::new(Semaphore::new(opties.parallel.max(1)));
    let klaar = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut taken = JoinSet::new();
    for (deelnemer, map) in bestand.deelnemers.iter().zip(mappen(&bestand.deelnemers)) {
        let deelnemer = deelnemer.clone();
        let sleutel = bestand.publieke_sleutel.clone();
        let opties = opties.clone();
        let melder = Arc::clone(melder);
        let semaphore = Arc::clone(&semaphore);
        let klaar = Arc::clone(&klaar);
        taken.spawn(async move {
            // The semaphore is never closed, so acquiring it only waits.
            let _permit = semaphore.acquire_owned().await.ok();
            melder(Voortgang::Begonnen {
                naam: &deelnemer.naam,
                url: deelnemer.url.as_deref(),
                modus: Modus::voor(opties.productie, deelnemer.omgeving),
            });
            let uitslag = onderzoek(&deelnemer, sleutel.as_ref(), &opties, &map, nu).await?;
            let gedaan = klaar.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            melder(Voortgang::Klaar {
                uitslag: &uitslag,
                klaar: gedaan,
                totaal,
            });
            Ok::<_, Uitvoeringsfout>(uitslag)
        });
    }
    let mut uitslagen = Vec::with_capacity(totaal);
    while let Some(joined) = taken.join_next().await {
        uitslagen.push(joined.map_err(|e| Uitvoeringsfout::Taak(e.to_string()))??);
    }
    Ok(Regiouitslag::new(
        bestand.regio,
        opties.productie,
        gestart,
        u64::try_from(klok.elapsed().as_millis()).unwrap_or(u64::MAX),
        uitslagen,
    ))
}

/// Examines one participant.
async fn onderzoek(
    deelnemer: &Deelnemer,
    sleutel: Option<&VerifyingKey>,
    opties: &Opties,
    map: &str,
    nu: OffsetDateTime,
) -> Result<Deelnemeruitslag, Uitvoeringsfout> {
    let klok = Instant::now();
    let modus = Modus::voor(opties.productie, deelnemer.omgeving);
    let mut u = Deelnemeruitslag {
        naam: deelnemer.naam.clone(),
        gemeente: deelnemer.gemeente.map(|g| g.code.to_owned()),
        gemeentenaam: deelnemer.gemeente.map(|g| g.naam.to_owned()),
        rol: deelnemer.rol,
        url: deelnemer.url.clone(),
        omgeving: deelnemer.omgeving,
        modus,
        status: Status::NietAangesloten,
        reden: String::new(),
        controles: Vec::new(),
        servercertificaat: None,
        certificaat: None,
        kwaliteit: deelnemer.kwaliteit.clone(),
        signalen: Vec::new(),
        run: None,
        vraag_ms: None,
        millis: 0,
    };
    let mut bereikbaar = false;
    if let Some(target) = deelnemer.target(opties.timeout) {
        let v = verbinding::controleer(deelnemer, &target, nu, modus == Modus::Productie).await;
        bereikbaar = v.bereikbaar;
        u.controles = v.controles;
        u.servercertificaat = v.servercertificaat;
        u.signalen = v.signalen;
        if bereikbaar {
            match modus {
                Modus::Productie => {
                    let p = peiling::peil(deelnemer, &target).await;
                    u.controles.extend(p.controles);
                    u.vraag_ms = p.vraag_ms;
                }
                Modus::Acceptatie => {
                    let dir = opties.uit.join(Path::new(map));
                    let k = acceptatie::keur(deelnemer, target, &dir, map)
                        .await
                        .map_err(|fout| Uitvoeringsfout::Keuring {
                            deelnemer: deelnemer.naam.clone(),
                            fout,
                        })?;
                    u.controles.extend(k.controles);
                    u.run = k.run;
                }
            }
        }
        if let (Some(jws), Some(sleutel)) = (&deelnemer.certificaat, sleutel) {
            let (oordeel, signalen) = certificaatcontrole::toets(
                jws,
                sleutel,
                deelnemer,
                u.servercertificaat.as_ref(),
                nu,
            );
            u.certificaat = Some(oordeel);
            u.signalen.extend(signalen);
        }
    }
    u.millis = u64::try_from(klok.elapsed().as_millis()).unwrap_or(u64::MAX);
    u.beslis(bereikbaar);
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_names_are_plain_and_unique() {
        assert_eq!(
            mapnaam("Gemeente 's-Hertogenbosch"),
            "gemeente-s-hertogenbosch"
        );
        assert_eq!(mapnaam("UWV (Werkbedrijf)"), "uwv-werkbedrijf");
        assert_eq!(mapnaam("///"), "deelnemer");
    }
}
