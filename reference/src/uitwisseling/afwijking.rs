//! Deliberate faults of the exchange, one at a time, for the harness's fault matrix
//! (`tests/src/faults`): each restores a way an exchange can break a connection condition, so that
//! the suite proves it catches that way. `vum-node` never sets one; only a test that builds an
//! [`UitwisselingConfig`](super::UitwisselingConfig) in code can.

use std::collections::HashMap;
use std::sync::Mutex;

/// One deliberate fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Afwijking {
    /// The `vumID` is the source's own id.
    VumIdIsBronId,
    /// The `vumID` is the SHA-256 of the source's id (derivable: anyone can compute it).
    VumIdIsHashVanBronId,
    /// The same profile gets the same `vumID` in every question (opaque, but it links questions).
    VumIdVast,
    /// `vumID`s are not bound to the asking mediator: another mediator can use them.
    VumIdOngebonden,
    /// A `vumID` the exchange cannot open is passed to a source as if it were the source's id.
    OnbekendVumIdNaarBron,
    /// No limit on the details of a question.
    GeenDetailLimiet,
    /// `maximumAantalResultatenBereikt` of the sources is dropped: the answer always says false.
    VlagVergeten,
    /// `X-VUM-SUWIparty` towards the sources is taken from the caller when it sends one.
    SuwiVanVrager,
    /// A source's answer outside the contract is passed on instead of left out.
    BuitenContractDoorgegeven,
    /// Error answers name the sources' addresses.
    NoemtBronadres,
    /// `X-VUM-fromParty` is not bound to the certificate (the hole of before): any registered
    /// mediator's certificate may ask as any other.
    FromPartyOngebonden,
    /// `X-VUM-viaParty` is not compared with the certificate's OIN.
    ViaPartyOngecontroleerd,
    /// A caller outside the participant registry is served.
    OnbekendeVrager,
    /// Every source is asked, but only the first one's matches are passed on.
    AlleenEersteBron,
    /// Every answer shows the first question's `vraagID`.
    ZelfdeVraagId,
    /// The detail carries a `bronID` other than the source's.
    AnderBronId,
    /// Towards the sources, `X-VUM-fromParty` is the exchange's own OIN.
    EigenFromParty,
    /// Towards a source, `X-VUM-toParty` and `X-VUM-viaParty` are swapped.
    PartijenVerwisseld,
    /// The question is rewritten from what the exchange knows: unknown criteria are dropped.
    VraagHerschreven,
    /// When every source fails, the answer is 500 instead of 503.
    Serverfout,
}

/// The pseudonyms shown instead of the real `vumID`s by [`Afwijking::VumIdIsBronId`] and
/// [`Afwijking::VumIdIsHashVanBronId`], so that details can still be asked with them.
#[derive(Debug, Default)]
pub(super) struct Getoond {
    echt: Mutex<HashMap<String, String>>,
}

impl Getoond {
    /// What to show for `vum_id` of the profile with the source's `id`, under `afwijking`.
    pub(super) fn toon(&self, afwijking: Option<Afwijking>, vum_id: String, id: &str) -> String {
        let shown = match afwijking {
            Some(Afwijking::VumIdIsBronId) => id.to_owned(),
            Some(Afwijking::VumIdIsHashVanBronId) => hex(id.as_bytes()),
            // Keyed by a text of the exchange's own, so not derivable from the id alone; it
            // resolves to the profile's newest real vumID.
            Some(Afwijking::VumIdVast) => {
                format!("vast-{}", hex(format!("uitwisseling\0{id}").as_bytes()))
            }
            _ => return vum_id,
        };
        if let Ok(mut echt) = self.echt.lock() {
            echt.insert(shown.clone(), vum_id);
        }
        shown
    }

    /// The real `vumID` behind a shown one.
    pub(super) fn echt(&self, shown: &str) -> String {
        self.echt
            .lock()
            .ok()
            .and_then(|echt| echt.get(shown).cloned())
            .unwrap_or_else(|| shown.to_owned())
    }
}

/// SHA-256 in hex.
fn hex(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}
