//! One request to the exchange: the headers of §3.2, the retry policy of [`super::herhaling`], and
//! a journal of every attempt.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use vum_spec::Kind;
use vum_spec::error::ErrorBody;
use vum_spec::headers::{
    API_VERSION, X_VUM_BERICHT_VERSIE, X_VUM_FROM_PARTY, X_VUM_TO_PARTY, X_VUM_VIA_PARTY,
};
use vum_spec::identificatoren;

use super::afwijking::{self, Afwijking, STORM_POGINGEN};
use super::codering::Zoekvraag;
use super::fout::BemiddelaarFout;
use super::herhaling::{Herhaalbeleid, retry_after};
use super::{BemiddelaarConfig, Partijen};

/// The largest answer the client reads.
const ANTWOORD_LIMIET: usize = 64 * 1024 * 1024;
/// The longest `vumID` the contract allows.
const VUM_ID_MAX: usize = 500;

/// One attempt of a request, as the journal keeps it: what was sent and how it ended, never what
/// came back (an answer may hold personal data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poging {
    /// `POST` or `GET`.
    pub methode: &'static str,
    /// The path below the exchange's base URL (`/werkzoekendeProfielen/matches`).
    pub pad: String,
    /// The body as sent (a question), if any.
    pub body: Option<String>,
    /// How long the client waited before this attempt (`Retry-After`, back-off).
    pub gewacht: Duration,
    /// How it ended.
    pub uitkomst: Uitkomst,
}

/// How an attempt ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Uitkomst {
    /// An answer with this status.
    Status {
        /// The HTTP status.
        status: u16,
        /// Its `Retry-After`, if any.
        retry_after: Option<String>,
    },
    /// No answer (timeout, no connection), in Dutch.
    GeenAntwoord(String),
}

impl std::fmt::Display for Poging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.gewacht.is_zero() {
            write!(f, "(na {:.1} s wachten) ", self.gewacht.as_secs_f64())?;
        }
        write!(f, "{} {} → ", self.methode, self.pad)?;
        match &self.uitkomst {
            Uitkomst::Status {
                status,
                retry_after: Some(wacht),
            } => write!(f, "{status}, Retry-After {wacht}"),
            Uitkomst::Status { status, .. } => write!(f, "{status}"),
            Uitkomst::GeenAntwoord(reden) => write!(f, "geen antwoord: {reden}"),
        }
    }
}

/// An answer as read.
struct Antwoord {
    status: u16,
    retry_after: Option<String>,
    tekst: String,
}

/// Sends the client's requests to one exchange.
#[derive(Debug)]
pub struct Verzender {
    client: reqwest::Client,
    basis: String,
    partijen: Partijen,
    versie: String,
    beleid: Herhaalbeleid,
    timeout: Duration,
    afwijking: Option<Afwijking>,
    journaal: Mutex<Vec<Poging>>,
    /// No request of this client before this moment (the latest `Retry-After`).
    niet_voor: Mutex<Option<Instant>>,
}

impl Verzender {
    /// Checks the configuration and builds the HTTP client.
    pub fn new(config: BemiddelaarConfig) -> Result<Self, BemiddelaarFout> {
        let instelling = |reden: String| BemiddelaarFout::Instelling(reden);
        let adres = &config.uitwisseling;
        let mut url = reqwest::Url::parse(adres)
            .map_err(|e| instelling(format!("{adres} is geen URL ({e})")))?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(instelling(format!(
                "{adres}: het adres van de uitwisselingsvoorziening heeft geen ? of #"
            )));
        }
        if url.path().trim_end_matches('/').is_empty() {
            url.set_path(&config.versie.basispad());
        }
        let basis = url.as_str().trim_end_matches('/').to_owned();
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.timeout)
            .timeout(config.timeout)
            .pool_idle_timeout(Duration::from_secs(20))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        match (url.scheme(), &config.tls) {
            ("http", None) => {}
            ("http", Some(_)) => {
                return Err(instelling(format!(
                    "{adres} is plain http: gebruik https voor mutual TLS, of laat het TLS-materiaal weg"
                )));
            }
            ("https", None) => {
                return Err(instelling(format!(
                    "{adres} is https: mutual TLS vraagt een clientcertificaat, de sleutel en de CA"
                )));
            }
            ("https", Some(tls)) => {
                let oin = vum_spec::certificaat::oin_of_pem(&tls.certificate_pem).map_err(|e| {
                    instelling(format!("het clientcertificaat is onbruikbaar: {e}"))
                })?;
                if oin != config.partijen.via_party {
                    return Err(instelling(format!(
                        "X-VUM-viaParty {} is niet het OIN van het clientcertificaat ({oin})",
                        config.partijen.via_party
                    )));
                }
                let ca = reqwest::Certificate::from_pem(tls.ca_pem.as_bytes())
                    .map_err(|_| instelling("de CA is geen PEM-certificaat".to_owned()))?;
                let identiteit = reqwest::Identity::from_pem(
                    format!("{}\n{}", tls.certificate_pem, tls.key_pem).as_bytes(),
                )
                .map_err(|_| {
                    instelling(
                        "het clientcertificaat of de sleutel is geen bruikbare PEM".to_owned(),
                    )
                })?;
                builder = builder
                    .tls_certs_only([ca])
                    .identity(identiteit)
                    .https_only(true);
            }
            (schema, _) => {
                return Err(instelling(format!(
                    "{adres}: {schema} wordt niet ondersteund; gebruik http of https"
                )));
            }
        }
        let client = builder
            .build()
            .map_err(|_| instelling("de HTTP-client kan niet worden gemaakt".to_owned()))?;
        Ok(Self {
            client,
            basis,
            partijen: config.partijen,
            versie: config.versie.naam(),
            beleid: config.herhaling,
            timeout: config.timeout,
            afwijking: config.afwijking,
            journaal: Mutex::new(Vec::new()),
            niet_voor: Mutex::new(None),
        })
    }

    /// The parties on every request.
    pub fn partijen(&self) -> &Partijen {
        &self.partijen
    }

    /// The exchange's base URL as used (`…/api/v3`).
    pub fn basis(&self) -> &str {
        &self.basis
    }

    /// Every attempt since the last call (the journal is emptied).
    pub fn journaal(&self) -> Vec<Poging> {
        std::mem::take(
            &mut *self
                .journaal
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// Asks a question; the text of the `200` answer.
    pub async fn vraag(
        &self,
        vraag: &Zoekvraag,
        niet_voor: &mut Option<Instant>,
    ) -> Result<String, BemiddelaarFout> {
        let body = afwijking::vraag_body(self.afwijking, vraag.json());
        self.verstuur(
            reqwest::Method::POST,
            &vraag.kind().matches_path(),
            Some(&body),
            niet_voor,
        )
        .await
    }

    /// Asks the detail of a `vumID` (whose form is checked first); the text of the `200` answer.
    pub async fn detail(
        &self,
        kind: Kind,
        vum_id: &str,
        niet_voor: &mut Option<Instant>,
    ) -> Result<String, BemiddelaarFout> {
        let welgevormd = !vum_id.is_empty()
            && vum_id.len() <= VUM_ID_MAX
            && vum_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !welgevormd {
            return Err(BemiddelaarFout::OngeldigVumId(vum_id.to_owned()));
        }
        self.verstuur(
            reqwest::Method::GET,
            &kind.detail_path(vum_id),
            None,
            niet_voor,
        )
        .await
    }

    /// Sends with retries: at most [`Herhaalbeleid::pogingen`] attempts, each after every
    /// `Retry-After` this question or this client has been given.
    async fn verstuur(
        &self,
        methode: reqwest::Method,
        pad: &str,
        body: Option<&str>,
        vraag_niet_voor: &mut Option<Instant>,
    ) -> Result<String, BemiddelaarFout> {
        if let Some(vondst) = identificatoren::vind(pad).first() {
            return Err(BemiddelaarFout::Identificator {
                waar: "het adres",
                soort: vondst.soort,
            });
        }
        if let Some(vondst) = body.and_then(|b| identificatoren::vind(b).into_iter().next()) {
            return Err(BemiddelaarFout::Identificator {
                waar: "de zoekvraag",
                soort: vondst.soort,
            });
        }
        let storm = self.afwijking == Some(Afwijking::HerhaalstormNa503);
        let direct_na_429 = self.afwijking == Some(Afwijking::DirecteHerhalingNa429);
        let mut pogingen = self.beleid.pogingen.max(1);
        let mut terugval: Option<Instant> = None;
        let mut laatste = String::new();
        let mut poging = 0;
        while poging < pogingen {
            poging += 1;
            let gewacht = self.wacht(*vraag_niet_voor, terugval).await;
            let uitkomst = self.poging(methode.clone(), pad, body).await;
            self.noteer(Poging {
                methode: if methode == reqwest::Method::POST {
                    "POST"
                } else {
                    "GET"
                },
                pad: pad.to_owned(),
                body: body.map(str::to_owned),
                gewacht,
                uitkomst: match &uitkomst {
                    Ok(a) => Uitkomst::Status {
                        status: a.status,
                        retry_after: a.retry_after.clone(),
                    },
                    Err(reden) => Uitkomst::GeenAntwoord(reden.clone()),
                },
            });
            let wacht_gevraagd = match &uitkomst {
                // The faults: a 429's or a 503's Retry-After is not heard.
                Ok(a) if direct_na_429 && a.status == 429 => None,
                Ok(a) if storm && a.status == 503 => None,
                Ok(a) => match a.retry_after.as_deref() {
                    Some(w) => retry_after(w, SystemTime::now()),
                    None => None,
                },
                Err(_) => None,
            };
            if let Some(wacht) = wacht_gevraagd {
                if wacht > self.beleid.langste_retry_after {
                    return Err(BemiddelaarFout::TeLangWachten {
                        seconden: wacht.as_secs(),
                        max: self.beleid.langste_retry_after.as_secs(),
                    });
                }
                let tot = Instant::now() + wacht;
                *vraag_niet_voor = Some(vraag_niet_voor.map_or(tot, |t| t.max(tot)));
                self.niet_voor_tot(tot);
            }
            match uitkomst {
                Ok(a) if a.status == 200 => return Ok(a.tekst),
                Ok(a) if a.status == 429 => {
                    if wacht_gevraagd.is_none() && !direct_na_429 {
                        // A limit that waiting does not lift: never retried.
                        return Err(fout_van(&a));
                    }
                    laatste = format!("429 ({})", melding_van(&a));
                }
                Ok(a) if a.status == 503 => {
                    laatste = format!("503 ({})", melding_van(&a));
                    if storm {
                        // The fault: again at once, far beyond the policy's tries.
                        pogingen = STORM_POGINGEN;
                    } else {
                        terugval =
                            Some(Instant::now() + self.beleid.wachttijd_met_spreiding(poging));
                    }
                }
                Ok(a) => return Err(fout_van(&a)),
                Err(reden) => {
                    laatste = reden;
                    terugval = Some(Instant::now() + self.beleid.wachttijd_met_spreiding(poging));
                }
            }
        }
        Err(BemiddelaarFout::Opgegeven { pogingen, laatste })
    }

    /// Waits until every moment that holds the next attempt back has passed; how long.
    async fn wacht(&self, vraag: Option<Instant>, terugval: Option<Instant>) -> Duration {
        let client = *self
            .niet_voor
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(tot) = [client, vraag, terugval].into_iter().flatten().max() else {
            return Duration::ZERO;
        };
        let nu = Instant::now();
        if tot <= nu {
            return Duration::ZERO;
        }
        tokio::time::sleep_until(tokio::time::Instant::from_std(tot)).await;
        tot - nu
    }

    fn niet_voor_tot(&self, tot: Instant) {
        let mut niet_voor = self
            .niet_voor
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *niet_voor = Some(niet_voor.map_or(tot, |t| t.max(tot)));
    }

    fn noteer(&self, poging: Poging) {
        self.journaal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(poging);
    }

    /// One attempt: the request with its headers, the whole answer read.
    async fn poging(
        &self,
        methode: reqwest::Method,
        pad: &str,
        body: Option<&str>,
    ) -> Result<Antwoord, String> {
        let mut request = self
            .client
            .request(methode, format!("{}{pad}", self.basis))
            .header(X_VUM_BERICHT_VERSIE, &self.versie)
            .header(API_VERSION, &self.versie)
            .header(X_VUM_FROM_PARTY, self.partijen.from_party.as_str())
            .header(
                X_VUM_TO_PARTY,
                afwijking::to_party(self.afwijking, &self.partijen.to_party),
            )
            .header(
                X_VUM_VIA_PARTY,
                afwijking::via_party(
                    self.afwijking,
                    &self.partijen.from_party,
                    &self.partijen.via_party,
                ),
            )
            .header("accept", "application/json");
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_owned());
        }
        let werk = async {
            let mut response = request
                .send()
                .await
                .map_err(|e| oorzaak(&e, self.timeout))?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let mut bytes = Vec::new();
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| oorzaak(&e, self.timeout))?
            {
                if bytes.len() + chunk.len() > ANTWOORD_LIMIET {
                    return Err(format!("antwoord groter dan {ANTWOORD_LIMIET} bytes"));
                }
                bytes.extend_from_slice(&chunk);
            }
            let tekst =
                String::from_utf8(bytes).map_err(|_| "het antwoord is geen UTF-8".to_owned())?;
            Ok(Antwoord {
                status,
                retry_after,
                tekst,
            })
        };
        // reqwest's own timeout covers the whole request; this one also bounds a body that
        // trickles in.
        tokio::time::timeout(self.timeout + Duration::from_millis(100), werk)
            .await
            .unwrap_or_else(|_| {
                Err(format!(
                    "geen antwoord binnen {:.1} s",
                    self.timeout.as_secs_f64()
                ))
            })
    }
}

/// Why a request got no answer, in Dutch (the causes a tester can act on named).
fn oorzaak(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("geen antwoord binnen {:.1} s", timeout.as_secs_f64());
    }
    let mut keten = String::new();
    let mut bron: Option<&dyn std::error::Error> = Some(e);
    while let Some(fout) = bron {
        keten.push_str(&fout.to_string());
        keten.push(' ');
        bron = fout.source();
    }
    let bekend = [
        (
            "UnknownIssuer",
            "het servercertificaat is niet uitgegeven door de opgegeven CA",
        ),
        (
            "NotValidForName",
            "het servercertificaat hoort niet bij deze host",
        ),
        ("Expired", "het servercertificaat is verlopen"),
        (
            "Connection refused",
            "verbinding geweigerd (luistert er iets op dit adres?)",
        ),
        (
            "connection refused",
            "verbinding geweigerd (luistert er iets op dit adres?)",
        ),
        ("dns error", "de host is onbekend"),
        (
            "certificate required",
            "de server vraagt een clientcertificaat",
        ),
    ];
    if let Some((_, uitleg)) = bekend.iter().find(|(teken, _)| keten.contains(teken)) {
        return (*uitleg).to_owned();
    }
    if e.is_connect() {
        "geen verbinding".to_owned()
    } else if e.is_body() || e.is_decode() {
        "het antwoord kwam onvolledig binnen".to_owned()
    } else {
        "de verbinding mislukte".to_owned()
    }
}

/// The error body's code and text, if it has a valid one.
fn foutbody(a: &Antwoord) -> Option<ErrorBody> {
    serde_json::from_str::<ErrorBody>(&a.tekst).ok()
}

fn melding_van(a: &Antwoord) -> String {
    match foutbody(a) {
        Some(body) => format!("{} {}", body.code, body.message),
        None => "zonder foutbericht".to_owned(),
    }
}

fn fout_van(a: &Antwoord) -> BemiddelaarFout {
    let body = foutbody(a);
    BemiddelaarFout::Antwoord {
        status: a.status,
        code: body.as_ref().map(|b| b.code.clone()),
        melding: body.map(|b| match b.details {
            Some(details) => format!("{} ({details})", b.message),
            None => b.message,
        }),
    }
}
