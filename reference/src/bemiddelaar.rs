//! The reference mediator client (*bemiddelaar*): the minimal application that asks an exchange
//! correctly. It is what testers use to poke an exchange and what the mediator profile of the
//! harness certifies.
//!
//! * A search is given as its intent ([`vum_spec::taken::Zoekopdracht`]) and encoded by
//!   [`codering`] into the typed question of `vum_spec::vraag`: the path and operator the
//!   standard prescribes for each criterion, `selectiegebied` always.
//! * Every request carries the headers of §3.2 ([`Partijen`]): `X-VUM-toParty` the exchange,
//!   `X-VUM-fromParty` the asking controller, `X-VUM-viaParty` its processor, which over mutual
//!   TLS is the OIN of the client certificate (checked when the client is made); both version
//!   headers; `Content-Type: application/json` on a question.
//! * A detail is asked only for a `vumID` of an earlier answer ([`Zoekresultaat`]), at most
//!   [`MAX_DETAILS_PER_VRAAG`] distinct ones per question; an 11th is refused without a request.
//! * `429` with `Retry-After`: no new request for that question (nor any other) before it, then
//!   one more try within the [`Herhaalbeleid`]; `429` without it (a limit that waiting does not
//!   lift) is not retried. `503`, timeouts and lost connections: a bounded number of tries with
//!   growing waits ([`herhaling`]). Nothing else is retried.
//! * Nothing that looks like a direct identifier (BSN, IBAN, e-mail address, phone number;
//!   [`vum_spec::identificatoren`]) is ever put in a URL or body: such a request is not sent.
//! * Every answer is checked against the mediator contract of the version asked in before it is
//!   used.
//!
//! [`taken`] executes a task file; [`verzending`] sends one request with its retries and keeps a
//! journal of every attempt ([`Poging`]). [`afwijking`] makes a client break one of these rules on
//! purpose ([`BemiddelaarConfig::afwijking`]), for the fault matrix of the harness.
//!
//! ```no_run
//! # async fn voorbeeld(tls: vum_reference::bemiddelaar::Tls) -> Result<(), Box<dyn std::error::Error>> {
//! use vum_reference::bemiddelaar::{Bemiddelaar, BemiddelaarConfig, voer_alle_uit};
//! use vum_spec::taken::Takenlijst;
//!
//! let config = BemiddelaarConfig::met_tls("https://localhost:8443/api/v3", tls)?;
//! let client = Bemiddelaar::new(config)?;
//! let lijst = Takenlijst::lees(&std::fs::read_to_string("taken.json")?)?;
//! for verslag in voer_alle_uit(&client, &lijst).await {
//!     println!("taak {}: {}", verslag.nummer, if verslag.voltooid() { "voltooid" } else { "niet voltooid" });
//! }
//! # Ok(())
//! # }
//! ```

pub mod afwijking;
pub mod codering;
pub mod fout;
pub mod herhaling;
pub mod resultaat;
pub mod taken;
pub mod verzending;

use std::time::Duration;

use vum_spec::headers::Oin;
use vum_spec::primitives::VumId;
use vum_spec::taken::Zoekopdracht;
use vum_spec::testdata::oins;
use vum_spec::{Kind, Versie};

pub use self::afwijking::{Afwijking, OnbekendeAfwijking};
pub use self::codering::{Zoekvraag, codeer};
pub use self::fout::BemiddelaarFout;
pub use self::herhaling::Herhaalbeleid;
pub use self::resultaat::{Detail, DetailAntwoord, Match, Zoekresultaat};
pub use self::taken::{Detailverslag, Samenvatting, Taakverslag, voer_alle_uit, voer_uit};
pub use self::verzending::{Poging, Uitkomst, Verzender};
pub use vum_spec::taken::MAX_DETAILS_PER_VRAAG;

/// The parties of §3.2 on every request to the exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partijen {
    /// `X-VUM-fromParty`: the asking controller (e.g. a municipality).
    pub from_party: Oin,
    /// `X-VUM-viaParty`: its processor; over mutual TLS the OIN of the client certificate. A
    /// controller without a processor fills in its own OIN.
    pub via_party: Oin,
    /// `X-VUM-toParty`: the exchange.
    pub to_party: Oin,
}

impl Partijen {
    /// The test set's SUWI mediator without a separate processor, asking the test exchange.
    pub fn test() -> Self {
        let oin = |text: &str| {
            text.parse::<Oin>()
                .unwrap_or_else(|_| unreachable!("the test OINs of vum-spec are well-formed"))
        };
        Self {
            from_party: oin(oins::BEMIDDELAAR),
            via_party: oin(oins::BEMIDDELAAR),
            to_party: oin(oins::UITWISSELING),
        }
    }
}

/// The client side of mutual TLS, as PEM texts.
#[derive(Clone, PartialEq, Eq)]
pub struct Tls {
    /// The mediator's certificate chain (its subject `serialNumber` is the viaParty's OIN).
    pub certificate_pem: String,
    /// Its private key.
    pub key_pem: String,
    /// Trust anchor for the exchange's server certificate.
    pub ca_pem: String,
}

impl Tls {
    /// The OIN of the client certificate (its subject `serialNumber`): the viaParty.
    pub fn oin(&self) -> Result<Oin, BemiddelaarFout> {
        vum_spec::certificaat::oin_of_pem(&self.certificate_pem).map_err(|e| {
            BemiddelaarFout::Instelling(format!("het clientcertificaat is onbruikbaar: {e}"))
        })
    }
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tls(…)")
    }
}

/// How the client reaches the exchange.
#[derive(Clone, Debug)]
pub struct BemiddelaarConfig {
    /// The exchange's base URL (`https://host:port/api/v3`; without a path the base path of the
    /// version is added).
    pub uitwisseling: String,
    /// The parties of §3.2.
    pub partijen: Partijen,
    /// The interface version asked in (both version headers, the criteria it knows, the
    /// contract the answers are checked against).
    pub versie: &'static Versie,
    /// Mutual TLS (required for an `https` exchange, refused for `http`).
    pub tls: Option<Tls>,
    /// How long one attempt may take, connecting included.
    pub timeout: Duration,
    /// Retries and waits.
    pub herhaling: Herhaalbeleid,
    /// A deliberate fault, for the fault matrix only ([`afwijking`]); `None` for a correct
    /// client.
    pub afwijking: Option<Afwijking>,
}

impl BemiddelaarConfig {
    /// The test parties, the newest active version, 15 s per attempt and the default retries.
    pub fn new(uitwisseling: impl Into<String>) -> Result<Self, BemiddelaarFout> {
        let versie = vum_spec::versie::nieuwste_actieve()
            .map_err(|e| BemiddelaarFout::Instelling(e.to_string()))?;
        Ok(Self {
            uitwisseling: uitwisseling.into(),
            partijen: Partijen::test(),
            versie,
            tls: None,
            timeout: Duration::from_secs(15),
            herhaling: Herhaalbeleid::default(),
            afwijking: None,
        })
    }
}

impl BemiddelaarConfig {
    /// A client over mutual TLS with `tls` of a mediator asking for itself: fromParty and
    /// viaParty the certificate's OIN; otherwise as [`Self::new`]. For a processor asking for a
    /// controller, set [`Partijen::from_party`] after.
    pub fn met_tls(uitwisseling: impl Into<String>, tls: Tls) -> Result<Self, BemiddelaarFout> {
        let oin = tls.oin()?;
        let mut config = Self::new(uitwisseling)?;
        config.partijen.from_party = oin.clone();
        config.partijen.via_party = oin;
        config.tls = Some(tls);
        Ok(config)
    }
}

/// A mediator client of one exchange. Cheap to share by reference; not `Clone`, so that its
/// journal and its `Retry-After` bookkeeping are one.
#[derive(Debug)]
pub struct Bemiddelaar {
    verzender: Verzender,
    versie: &'static Versie,
    afwijking: Option<Afwijking>,
}

impl Bemiddelaar {
    /// A client: checks the configuration (URL and scheme, TLS material, viaParty equal to the
    /// certificate's OIN) and builds its HTTP client.
    pub fn new(config: BemiddelaarConfig) -> Result<Self, BemiddelaarFout> {
        let versie = config.versie;
        let afwijking = config.afwijking;
        Ok(Self {
            verzender: Verzender::new(config)?,
            versie,
            afwijking,
        })
    }

    /// The interface version asked in.
    pub fn versie(&self) -> &'static Versie {
        self.versie
    }

    /// The deliberate fault of this client, if it has one.
    pub fn afwijking(&self) -> Option<Afwijking> {
        self.afwijking
    }

    /// The most distinct details this client asks of one question: [`MAX_DETAILS_PER_VRAAG`],
    /// one more under [`Afwijking::ElfdeDetail`].
    pub fn max_details(&self) -> usize {
        if self.afwijking == Some(Afwijking::ElfdeDetail) {
            MAX_DETAILS_PER_VRAAG + 1
        } else {
            MAX_DETAILS_PER_VRAAG
        }
    }

    /// The parties on every request.
    pub fn partijen(&self) -> &Partijen {
        self.verzender.partijen()
    }

    /// Every attempt since the last call, oldest first (the journal is emptied).
    pub fn journaal(&self) -> Vec<Poging> {
        self.verzender.journaal()
    }

    /// Encodes and asks a search; the answer, checked against the contract, with what the
    /// client needs to ask details of it.
    pub async fn zoek(&self, opdracht: &Zoekopdracht) -> Result<Zoekresultaat, BemiddelaarFout> {
        let vraag = codeer(opdracht, self.versie).map_err(BemiddelaarFout::Zoekopdracht)?;
        let mut niet_voor = None;
        let tekst = self.verzender.vraag(&vraag, &mut niet_voor).await?;
        Zoekresultaat::lees(opdracht, vraag, &tekst, self.versie, niet_voor)
    }

    /// The detail of a match of `resultaat`: only a `vumID` of that answer, and at most
    /// [`MAX_DETAILS_PER_VRAAG`] distinct ones (asking one again does not count).
    pub async fn detail(
        &self,
        resultaat: &mut Zoekresultaat,
        vum_id: &VumId,
    ) -> Result<Detail, BemiddelaarFout> {
        resultaat.reserveer(vum_id, self.max_details())?;
        let kind = resultaat.kind();
        let uitkomst = self
            .verzender
            .detail(kind, vum_id.as_str(), resultaat.niet_voor_mut())
            .await;
        let detail = match uitkomst {
            Ok(tekst) => Detail::lees(kind, vum_id.clone(), &tekst, self.versie)?,
            Err(fout) => {
                resultaat.geef_terug(vum_id, &fout);
                return Err(fout);
            }
        };
        if self.afwijking == Some(Afwijking::DetailOpBronId)
            && let Some(sleutel) = detail.bron_sleutel()
        {
            // The fault: the same detail again by the source's own key. Its outcome is in the
            // journal; the detail given is the one of the vumID.
            let _ = self
                .verzender
                .detail(kind, sleutel, resultaat.niet_voor_mut())
                .await;
        }
        Ok(detail)
    }

    /// The detail of a `vumID` that a person took from an earlier answer of this exchange (the
    /// command line's `vum-node detail`): this process cannot check that it was, so the caller
    /// vouches for it. Its form is checked before anything is sent; a task or program uses
    /// [`Self::detail`].
    pub async fn detail_van(&self, kind: Kind, vum_id: &VumId) -> Result<Detail, BemiddelaarFout> {
        let mut niet_voor = None;
        let tekst = self
            .verzender
            .detail(kind, vum_id.as_str(), &mut niet_voor)
            .await?;
        Detail::lees(kind, vum_id.clone(), &tekst, self.versie)
    }
}
