//! The sources the harness plays when it certifies an exchange: two simulated sources on loopback
//! (plain HTTP, or mutual TLS with the certificates of their [`opzet`]), each answering what the
//! scenario tells it to, misbehaving on cue, and recording every request the exchange sends it.
//!
//! The exchange under test is configured with the directory `vum-conformance bronnen` writes
//! ([`opzet::schrijf`]); `vum-conformance run --profiel uitwisseling --bronnen DIR` starts the
//! sources at the addresses written there. A simulated source does not evaluate a question: the
//! scenario says which profiles of the certification test set it answers with, so every
//! expectation about the exchange's answer rests on what the sources were told to send and what
//! they recorded. Scenarios of this profile run one at a time, as the sources are shared.

mod antwoord;
mod dienst;
mod gedrag;
pub mod opzet;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use gedrag::{Gedrag, Ontvangen};
pub use opzet::{Opzet, OpzetFout, SimulatieBron};

use self::gedrag::Toestand;

/// One simulated source, running.
#[derive(Debug)]
pub struct GesimuleerdeBron {
    /// How the exchange knows it.
    pub opzet: SimulatieBron,
    toestand: Arc<Mutex<Toestand>>,
    _server: dienst::Server,
}

impl GesimuleerdeBron {
    fn toestand(&self) -> MutexGuard<'_, Toestand> {
        self.toestand.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// From now on, answer a question with these profiles of the test set (ids of the kind).
    pub fn antwoord_met(&self, kind: vum_spec::Kind, ids: Vec<String>, meer: bool) {
        let mut toestand = self.toestand();
        toestand.antwoord.insert(kind, (ids, meer));
    }

    /// From now on, behave so.
    pub fn gedraag(&self, gedrag: Gedrag) {
        self.toestand().gedrag = gedrag;
    }

    /// Every request received since the last [`Simulatie::reset`].
    pub fn ontvangen(&self) -> Vec<Ontvangen> {
        self.toestand().ontvangen.clone()
    }
}

/// The simulated sources of a run.
#[derive(Debug)]
pub struct Simulatie {
    bronnen: Vec<GesimuleerdeBron>,
}

impl Simulatie {
    /// Starts every source of `opzet` at its address.
    pub async fn start(opzet: &Opzet) -> Result<Self, String> {
        let tls = opzet.tls_config()?;
        let mut bronnen = Vec::new();
        for bron in &opzet.bronnen {
            let toestand = Arc::new(Mutex::new(Toestand::default()));
            let server = dienst::Server::start(bron, tls.clone(), Arc::clone(&toestand)).await?;
            bronnen.push(GesimuleerdeBron {
                opzet: bron.clone(),
                toestand,
                _server: server,
            });
        }
        Ok(Self { bronnen })
    }

    /// The sources, in the order of the setup.
    pub fn bronnen(&self) -> &[GesimuleerdeBron] {
        &self.bronnen
    }

    /// A source by its `bronID`.
    pub fn bron(&self, bron_id: &str) -> Option<&GesimuleerdeBron> {
        self.bronnen.iter().find(|b| b.opzet.bron_id == bron_id)
    }

    /// Before a scenario: every source answers without matches, behaves, and has received
    /// nothing.
    pub fn reset(&self) {
        for bron in &self.bronnen {
            *bron.toestand() = Toestand::default();
        }
    }

    /// Every request any source received, with the source's id.
    pub fn alles_ontvangen(&self) -> Vec<(String, Ontvangen)> {
        self.bronnen
            .iter()
            .flat_map(|b| {
                b.ontvangen()
                    .into_iter()
                    .map(|o| (b.opzet.bron_id.clone(), o))
            })
            .collect()
    }
}
