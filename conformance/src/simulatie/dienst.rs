//! Serving one simulated source: an accept loop on its address (plain HTTP or mutual TLS), every
//! request recorded with the exchange's certificate OIN, answered by its current behaviour.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use vum_spec::Kind;

use super::antwoord;
use super::gedrag::{Gedrag, Ontvangen, Toestand};
use super::opzet::SimulatieBron;
use crate::testset::TestSet;

/// The largest request body a simulated source reads.
const MAX_BODY: usize = 64 * 1024;

/// A running source; stops when dropped.
#[derive(Debug)]
pub(crate) struct Server {
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[derive(Clone)]
struct Bron {
    toestand: Arc<Mutex<Toestand>>,
    testset: Arc<TestSet>,
    /// The OIN of the connection's client certificate.
    certificaat_oin: Option<String>,
}

impl Server {
    /// Binds the source's address and serves it in the background.
    pub(crate) async fn start(
        bron: &SimulatieBron,
        tls: Option<Arc<rustls::ServerConfig>>,
        toestand: Arc<Mutex<Toestand>>,
    ) -> Result<Self, String> {
        let listener = TcpListener::bind(&bron.adres).await.map_err(|e| {
            format!(
                "de gesimuleerde bron {} kan {} niet openen: {e} (draait er nog iets op die poort?)",
                bron.bron_id, bron.adres
            )
        })?;
        let testset = Arc::new(TestSet::committed());
        let acceptor = tls.map(TlsAcceptor::from);
        let task = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                let onbereikbaar = toestand
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .gedrag
                    == Gedrag::Onbereikbaar;
                if onbereikbaar {
                    drop(tcp);
                    continue;
                }
                let acceptor = acceptor.clone();
                let mut state = Bron {
                    toestand: Arc::clone(&toestand),
                    testset: Arc::clone(&testset),
                    certificaat_oin: None,
                };
                tokio::spawn(async move {
                    let builder =
                        hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                    match acceptor {
                        Some(acceptor) => {
                            let Ok(stream) = acceptor.accept(tcp).await else {
                                return;
                            };
                            state.certificaat_oin = stream
                                .get_ref()
                                .1
                                .peer_certificates()
                                .and_then(|chain| chain.first())
                                .and_then(|c| vum_spec::certificaat::oin_of_der(c.as_ref()).ok())
                                .map(|oin| oin.to_string());
                            let service = TowerToHyperService::new(router(state));
                            let _ = builder
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                        }
                        None => {
                            let service = TowerToHyperService::new(router(state));
                            let _ = builder.serve_connection(TokioIo::new(tcp), service).await;
                        }
                    }
                });
            }
        });
        Ok(Self { task })
    }
}

fn router(bron: Bron) -> Router {
    Router::new().fallback(handle).with_state(bron)
}

fn json(status: u16, body: String) -> Response {
    let mut response = (
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body,
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The path below `/api/v3`, or the whole path when it is not below it.
fn api_path(path: &str) -> &str {
    path.strip_prefix(vum_spec::headers::BASE_PATH)
        .unwrap_or(path)
}

async fn handle(State(bron): State<Bron>, request: Request) -> Response {
    let crate::ontvangen::Ontvangen {
        methode: method,
        pad: path,
        headers,
        body,
        ..
    } = crate::ontvangen::lees(request, MAX_BODY).await;
    let (gedrag, antwoorden) = {
        let toestand = bron.toestand.lock().unwrap_or_else(PoisonError::into_inner);
        (toestand.gedrag, toestand.antwoord.clone())
    };
    let sub = api_path(&path).to_owned();
    let kind = Kind::of_path(&sub);
    let is_matches = method == "POST" && kind.is_some_and(|k| sub == k.matches_path());
    if let Gedrag::Hangt(duration) = gedrag {
        tokio::time::sleep(duration).await;
    }
    let (status, answer, response) = match (gedrag, kind) {
        (Gedrag::Status(status), _) => {
            let body = antwoord::fout(status);
            (status, body.clone(), json(status, body))
        }
        (Gedrag::BuitenContract, Some(kind)) if is_matches => {
            let body = antwoord::buiten_contract(kind);
            (200, body.clone(), json(200, body))
        }
        (Gedrag::Onzin, Some(_)) if is_matches => (
            200,
            antwoord::ONZIN.to_owned(),
            json(200, antwoord::ONZIN.to_owned()),
        ),
        (Gedrag::Enorm(bytes), Some(_)) if is_matches => (200, String::new(), endless(bytes)),
        (_, Some(kind)) if is_matches => {
            let (ids, meer) = antwoorden.get(&kind).cloned().unwrap_or_default();
            let body = antwoord::matches(&bron.testset, kind, &ids, meer);
            (200, body.clone(), json(200, body))
        }
        (_, Some(kind)) if method == "GET" => {
            let id = sub.rsplit('/').next().unwrap_or_default();
            match antwoord::detail(&bron.testset, kind, id) {
                Some(body) => (200, body.clone(), json(200, body)),
                None => {
                    let body = antwoord::fout(404);
                    (404, body.clone(), json(404, body))
                }
            }
        }
        _ => {
            let body = antwoord::fout(404);
            (404, body.clone(), json(404, body))
        }
    };
    bron.toestand
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .ontvangen
        .push(Ontvangen {
            method,
            path: sub,
            headers,
            body,
            certificaat_oin: bron.certificaat_oin.clone(),
            status,
            antwoord: answer,
        });
    response
}

/// A 200 answer of `bytes` bytes: a matches list that keeps going and never closes.
fn endless(bytes: u64) -> Response {
    const CHUNK: usize = 64 * 1024;
    let filler = " ".repeat(CHUNK);
    let chunks = bytes / CHUNK as u64;
    let stream = futures::stream::iter(
        std::iter::once(antwoord::ENORM_BEGIN.to_owned())
            .chain((0..chunks).map(move |_| filler.clone()))
            .map(Ok::<_, std::io::Error>),
    );
    let mut response = Response::new(Body::from_stream(stream));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
