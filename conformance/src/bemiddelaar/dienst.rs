//! The harness as the exchange: the mediator API on one address (plain HTTP or mutual TLS),
//! every request recorded and attributed to its task ([`Opname`]), answered by the task's
//! behaviour ([`Gedrag`]) with its published answer.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use vum_spec::Kind;
use vum_spec::headers::{API_VERSION, X_VUM_BERICHT_VERSIE};
use vum_spec::taken::MAX_DETAILS_PER_VRAAG;

use super::antwoord::{self, Testset};
use super::opname::{Opname, Soort, Verzoek};
use super::taken::{Certificatietaak, Gedrag};

/// The largest request body the harness reads.
const MAX_BODY: usize = 256 * 1024;

/// The server side of mutual TLS, as PEM texts.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerTls {
    /// The harness's server certificate chain.
    pub certificaat_pem: String,
    /// Its key.
    pub sleutel_pem: String,
    /// The CA whose client certificates are accepted.
    pub ca_pem: String,
}

impl std::fmt::Debug for ServerTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerTls(…)")
    }
}

impl ServerTls {
    fn config(&self) -> Result<Arc<rustls::ServerConfig>, String> {
        let chain: Vec<CertificateDer<'static>> =
            CertificateDer::pem_slice_iter(self.certificaat_pem.as_bytes())
                .collect::<Result<_, _>>()
                .map_err(|_| "het servercertificaat is geen leesbaar PEM".to_owned())?;
        let key = PrivateKeyDer::from_pem_slice(self.sleutel_pem.as_bytes())
            .map_err(|_| "de sleutel van het servercertificaat is geen leesbaar PEM".to_owned())?;
        let mut roots = rustls::RootCertStore::empty();
        for certificate in CertificateDer::pem_slice_iter(self.ca_pem.as_bytes()) {
            let certificate =
                certificate.map_err(|_| "de vertrouwde CA is geen leesbaar PEM".to_owned())?;
            roots
                .add(certificate)
                .map_err(|_| "de vertrouwde CA is geen bruikbaar stamcertificaat".to_owned())?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        // A client without a certificate is let in, so that its requests are recorded and
        // judged (AV-BEM-007 fails) rather than lost in a refused handshake; a certificate that
        // is presented must be of the trusted CA.
        let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
            Arc::new(roots),
            Arc::clone(&provider),
        )
        .allow_unauthenticated()
        .build()
        .map_err(|e| format!("de vertrouwde CA: {e}"))?;
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_client_cert_verifier(verifier)
            .with_single_cert(chain, key)
            .map_err(|e| format!("het servercertificaat: {e}"))?;
        Ok(Arc::new(config))
    }
}

/// A running exchange of the harness; stops when dropped.
#[derive(Debug)]
pub struct Dienst {
    adres: SocketAddr,
    toestand: Arc<Mutex<Toestand>>,
    task: JoinHandle<()>,
}

impl Drop for Dienst {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[derive(Debug)]
struct Toestand {
    opname: Opname,
    begin: Instant,
    laatste: Option<Instant>,
}

#[derive(Clone)]
struct Verbinding {
    toestand: Arc<Mutex<Toestand>>,
    tls: bool,
    certificaat_oin: Option<String>,
    certificaat: Option<vum_spec::certificaat::Certificaatgegevens>,
}

impl Dienst {
    /// Binds `adres` and serves the mediator API for `taken` in the background, over mutual TLS
    /// when `tls` is given.
    pub async fn start(
        adres: &str,
        tls: Option<&ServerTls>,
        taken: Vec<Certificatietaak>,
    ) -> Result<Self, String> {
        let config = tls.map(ServerTls::config).transpose()?;
        let listener = TcpListener::bind(adres)
            .await
            .map_err(|e| format!("--listen {adres}: het adres kan niet worden geopend: {e}"))?;
        let adres = listener
            .local_addr()
            .map_err(|e| format!("--listen {adres}: {e}"))?;
        let toestand = Arc::new(Mutex::new(Toestand {
            opname: Opname::new(taken, config.is_some()),
            begin: Instant::now(),
            laatste: None,
        }));
        let acceptor = config.map(TlsAcceptor::from);
        let gedeeld = Arc::clone(&toestand);
        let task = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                let acceptor = acceptor.clone();
                let mut verbinding = Verbinding {
                    toestand: Arc::clone(&gedeeld),
                    tls: acceptor.is_some(),
                    certificaat_oin: None,
                    certificaat: None,
                };
                tokio::spawn(async move {
                    let builder =
                        hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                    match acceptor {
                        Some(acceptor) => {
                            let Ok(stream) = acceptor.accept(tcp).await else {
                                return;
                            };
                            let leaf = stream
                                .get_ref()
                                .1
                                .peer_certificates()
                                .and_then(|chain| chain.first())
                                .map(|c| c.as_ref().to_vec());
                            if let Some(der) = leaf {
                                verbinding.certificaat_oin =
                                    vum_spec::certificaat::oin_of_der(&der)
                                        .ok()
                                        .map(|oin| oin.to_string());
                                verbinding.certificaat = vum_spec::certificaat::gegevens(&der).ok();
                            }
                            let service = TowerToHyperService::new(router(verbinding));
                            let _ = builder
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                        }
                        None => {
                            let service = TowerToHyperService::new(router(verbinding));
                            let _ = builder.serve_connection(TokioIo::new(tcp), service).await;
                        }
                    }
                });
            }
        });
        Ok(Self {
            adres,
            toestand,
            task,
        })
    }

    /// The address it listens on.
    pub fn adres(&self) -> SocketAddr {
        self.adres
    }

    fn toestand(&self) -> std::sync::MutexGuard<'_, Toestand> {
        self.toestand.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What was received so far.
    pub fn opname(&self) -> Opname {
        self.toestand().opname.clone()
    }

    /// Interactive mode: the requests from now on serve this task.
    pub fn toon(&self, nummer: Option<u32>) {
        self.toestand().opname.toon(nummer);
    }

    /// How long ago the last request came, if any came.
    pub fn stil_sinds(&self) -> Option<Duration> {
        self.toestand().laatste.map(|t| t.elapsed())
    }
}

fn router(verbinding: Verbinding) -> Router {
    Router::new().fallback(handle).with_state(verbinding)
}

/// The version asked in, if the request names a known one.
fn versie_van(headers: &BTreeMap<String, String>) -> &'static vum_spec::Versie {
    headers
        .get(&X_VUM_BERICHT_VERSIE.to_ascii_lowercase())
        .and_then(|naam| vum_spec::versie::versie(naam).ok())
        .or_else(|| vum_spec::versie::nieuwste_actieve().ok())
        .unwrap_or_else(|| {
            // The committed version register always has an active version (checked by
            // vum-spec's tests); without one no answer can be built at all.
            unreachable!("the committed version register has an active version")
        })
}

fn antwoord(status: u16, body: String, versie: &str, retry_after: Option<u64>) -> Response {
    let mut response = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(value) = HeaderValue::from_str(versie) {
        headers.insert(X_VUM_BERICHT_VERSIE, value.clone());
        headers.insert(API_VERSION, value);
    }
    if let Some(seconden) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconden));
    }
    response
}

async fn handle(State(verbinding): State<Verbinding>, request: Request) -> Response {
    let crate::ontvangen::Ontvangen {
        methode,
        pad,
        query,
        headers,
        body,
    } = crate::ontvangen::lees(request, MAX_BODY).await;
    let versie = versie_van(&headers);
    let sub = pad
        .strip_prefix(versie.basispad().as_str())
        .unwrap_or(&pad)
        .to_owned();
    let kind = Kind::of_path(&sub);
    let soort = match (methode.as_str(), kind) {
        ("POST", Some(kind)) if sub == kind.matches_path() => Soort::Vraag(kind),
        ("GET", Some(kind)) => match sub.strip_prefix(&format!("/{}/", kind.collection())) {
            Some(id) if !id.is_empty() && !id.contains('/') && id != "matches" => {
                Soort::Detail(kind, id.to_owned())
            }
            _ => Soort::Anders,
        },
        _ => Soort::Anders,
    };
    let mut toestand = verbinding
        .toestand
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let ontvangen = toestand.begin.elapsed();
    if toestand.opname.clientcertificaat.is_none() {
        toestand
            .opname
            .clientcertificaat
            .clone_from(&verbinding.certificaat);
    }
    toestand.laatste = Some(Instant::now());
    let mut verzoek = Verzoek {
        volgnummer: toestand.opname.verzoeken.len() + 1,
        taak: None,
        ontvangen,
        methode,
        pad,
        query,
        headers,
        body,
        tls: verbinding.tls,
        certificaat_oin: verbinding.certificaat_oin.clone(),
        soort,
        status: 0,
        retry_after: None,
        bekend_vum_id: false,
    };
    let gebied = verzoek.gebied();
    verzoek.taak = toestand
        .opname
        .wijs_toe(&verzoek.soort, &verzoek.body, gebied.as_ref());
    let (status, body) = beantwoord(&mut toestand.opname, &mut verzoek, versie);
    verzoek.status = status;
    let retry_after = verzoek.retry_after;
    toestand.opname.verzoeken.push(verzoek);
    drop(toestand);
    antwoord(status, body, &versie.naam(), retry_after)
}

/// The status and body for a request, by its task's behaviour.
fn beantwoord(
    opname: &mut Opname,
    verzoek: &mut Verzoek,
    versie: &vum_spec::Versie,
) -> (u16, String) {
    let Some(taak) = verzoek.taak.and_then(|n| opname.taak(n)).cloned() else {
        return (
            404,
            antwoord::fout(404, Some("geen taak van deze certificering")),
        );
    };
    let nummer = taak.taak.nummer;
    match verzoek.soort.clone() {
        Soort::Vraag(kind) => {
            if serde_json::from_str::<serde_json::Value>(&verzoek.body).is_err() {
                return (400, antwoord::fout(400, Some("de body is geen JSON")));
            }
            let eerdere = opname
                .van_taak(nummer)
                .into_iter()
                .filter(|v| matches!(v.soort, Soort::Vraag(_)))
                .count();
            match taak.gedrag {
                Gedrag::TeVeelVerzoeken { seconden } if eerdere == 0 => {
                    verzoek.retry_after = Some(seconden);
                    return (429, antwoord::fout(429, Some("te veel verzoeken; wacht")));
                }
                Gedrag::NietBeschikbaar { keren } if eerdere < keren as usize => {
                    return (503, antwoord::fout(503, None));
                }
                _ => {}
            }
            let vum_ids: Vec<(&str, String)> = taak
                .antwoord
                .iter()
                .enumerate()
                .map(|(i, id)| (*id, format!("vum-t{nummer}-{:02}", i + 1)))
                .collect();
            for (_, vum_id) in &vum_ids {
                opname.uitgegeven.insert(vum_id.clone(), nummer);
            }
            let vraag_id = format!("vraag-t{nummer}-{}", eerdere + 1);
            let testset = Testset::van(versie);
            (200, testset.matches(kind, &vum_ids, &vraag_id))
        }
        Soort::Detail(kind, id) => {
            let Some(plaats) = (opname.uitgegeven.get(&id) == Some(&nummer))
                .then(|| id.rsplit('-').next().and_then(|n| n.parse::<usize>().ok()))
                .flatten()
            else {
                return (404, antwoord::fout(404, Some("onbekend vumID")));
            };
            verzoek.bekend_vum_id = true;
            let al = opname.details_van(nummer);
            if !al.contains(id.as_str()) && al.len() >= MAX_DETAILS_PER_VRAAG {
                return (
                    429,
                    antwoord::fout(429, Some("al 10 details van deze zoekvraag opgevraagd")),
                );
            }
            let Some(bron_id) = plaats.checked_sub(1).and_then(|i| taak.antwoord.get(i)) else {
                return (404, antwoord::fout(404, Some("onbekend vumID")));
            };
            match Testset::van(versie).detail(kind, bron_id) {
                Some(body) => (200, body),
                None => (404, antwoord::fout(404, Some("onbekend vumID"))),
            }
        }
        Soort::Anders => (404, antwoord::fout(404, Some("onbekend pad"))),
    }
}
