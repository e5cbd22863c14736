//! Executing a task file: each task's search, then the details of its first matches, with a
//! report of what was sent and what came back.
//!
//! A task that asks for more details than the standard allows per question gets the first
//! [`MAX_DETAILS_PER_VRAAG`] and a remark; a detail the exchange does not know (`404`) is
//! skipped; any other failed detail ends the task's details, so that a failing exchange is not
//! asked again and again.

use vum_spec::primitives::VumId;
use vum_spec::taken::{MAX_DETAILS_PER_VRAAG, Taak, Takenlijst};

use super::Bemiddelaar;
use super::fout::BemiddelaarFout;
use super::resultaat::Detail;
use super::verzending::Poging;

/// What came back for a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Samenvatting {
    /// The exchange's id of the question.
    pub vraag_id: String,
    /// The number of matches.
    pub aantal: usize,
    /// `maximumAantalResultatenBereikt`.
    pub maximum_aantal_resultaten_bereikt: bool,
}

/// One detail of a task.
#[derive(Clone, Debug, PartialEq)]
pub struct Detailverslag {
    /// Its place in the answer (1-based).
    pub plaats: usize,
    /// The `vumID`.
    pub vum_id: VumId,
    /// The detail, or why not.
    pub uitkomst: Result<Detail, BemiddelaarFout>,
}

/// What happened to one task.
#[derive(Clone, Debug, PartialEq)]
pub struct Taakverslag {
    /// The task's number.
    pub nummer: u32,
    /// Its description.
    pub omschrijving: String,
    /// The search, as a Dutch phrase.
    pub zoekopdracht: String,
    /// The answer to the question, if there was one.
    pub resultaat: Option<Samenvatting>,
    /// The details asked for.
    pub details: Vec<Detailverslag>,
    /// Remarks (fewer details than asked, and why).
    pub opmerkingen: Vec<String>,
    /// Every request attempt of the task, in order.
    pub pogingen: Vec<Poging>,
    /// Why the task did not complete, if it did not.
    pub fout: Option<BemiddelaarFout>,
}

impl Taakverslag {
    /// Whether the question was answered and every detail asked for was given or skipped as
    /// unknown (`404`).
    pub fn voltooid(&self) -> bool {
        self.fout.is_none()
            && self.details.iter().all(|d| match &d.uitkomst {
                Ok(_) => true,
                Err(BemiddelaarFout::Antwoord { status, .. }) => *status == 404,
                Err(_) => false,
            })
    }
}

/// Executes one task with `bemiddelaar` (whose journal it empties).
pub async fn voer_uit(bemiddelaar: &Bemiddelaar, taak: &Taak) -> Taakverslag {
    let _eerder = bemiddelaar.journaal();
    let mut verslag = Taakverslag {
        nummer: taak.nummer,
        omschrijving: taak.omschrijving.clone(),
        zoekopdracht: taak.zoek.to_string(),
        resultaat: None,
        details: Vec::new(),
        opmerkingen: Vec::new(),
        pogingen: Vec::new(),
        fout: None,
    };
    match bemiddelaar.zoek(&taak.zoek).await {
        Err(fout) => verslag.fout = Some(fout),
        Ok(mut resultaat) => {
            verslag.resultaat = Some(Samenvatting {
                vraag_id: resultaat.vraag_id().to_string(),
                aantal: resultaat.matches().len(),
                maximum_aantal_resultaten_bereikt: resultaat.maximum_aantal_resultaten_bereikt(),
            });
            let gevraagd = usize::try_from(taak.details).unwrap_or(usize::MAX);
            let max = bemiddelaar.max_details();
            if gevraagd > max {
                verslag.opmerkingen.push(format!(
                    "de taak vraagt {gevraagd} details; de standaard staat er {MAX_DETAILS_PER_VRAAG} per zoekvraag toe, dus alleen de eerste {max}"
                ));
            }
            let aantal = gevraagd.min(max).min(resultaat.matches().len());
            if aantal < gevraagd.min(max) {
                verslag.opmerkingen.push(format!(
                    "het antwoord heeft {} match(es): {aantal} detail(s) opgevraagd",
                    resultaat.matches().len()
                ));
            }
            let vum_ids: Vec<VumId> = resultaat.matches()[..aantal]
                .iter()
                .map(|m| m.vum_id().clone())
                .collect();
            for (i, vum_id) in vum_ids.into_iter().enumerate() {
                let uitkomst = bemiddelaar.detail(&mut resultaat, &vum_id).await;
                let stop = matches!(
                    &uitkomst,
                    Err(fout) if !matches!(fout, BemiddelaarFout::Antwoord { status: 404, .. })
                );
                verslag.details.push(Detailverslag {
                    plaats: i + 1,
                    vum_id,
                    uitkomst,
                });
                if stop {
                    verslag
                        .opmerkingen
                        .push("de overige details van deze taak zijn niet opgevraagd".to_owned());
                    break;
                }
            }
        }
    }
    verslag.pogingen = bemiddelaar.journaal();
    verslag
}

/// Executes every task of the list, in order.
pub async fn voer_alle_uit(bemiddelaar: &Bemiddelaar, lijst: &Takenlijst) -> Vec<Taakverslag> {
    let mut verslagen = Vec::with_capacity(lijst.taken.len());
    for taak in &lijst.taken {
        verslagen.push(voer_uit(bemiddelaar, taak).await);
    }
    verslagen
}
