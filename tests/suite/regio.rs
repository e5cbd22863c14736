//! The readiness board of a region over loopback: five endpoints (three clean reference sources,
//! one behind a fault of the fault matrix, one unreachable) and one listed municipality without
//! an endpoint. Both modes show exactly those states; the production-safe mode sends no detail
//! request (counted at the nodes); a certificate expiring in 10 days is flagged; two runs give a
//! history of two.
//!
//! With `--nocapture` the test prints each run's wall time and time per endpoint, and where it
//! left the board (`regio.html`, `regio.json`, `regio.prom`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::Request;
use axum::middleware::Next;
use serde_json::Value;
use vum_conformance::certificaat::{self, IssueOptions, bewijs};
use vum_conformance::regio::{self, Bord, Melder, Opties, Regiobestand, Status, Voortgang};
use vum_reference::BronConfig;
use vum_reference::pki::DevPki;
use vum_reference::server::deelnemers::Participants;
use vum_reference::server::listener;
use vum_spec::Kind;
use vum_spec::jws::SigningKey;
use vum_spec::kwaliteit::{Instellingen, Rapport, meet};
use vum_tests::faults::FAULTS;

use crate::faults::tls_upstream;
use crate::node::{loaded, options, tls_target};

/// The fault of the fourth endpoint: it answers a question of an unknown version as if it were
/// 3.0.0, which the production-safe probe `onbekende versie` sees without any personal data.
const FOUT: &str = "versie-genegeerd";

/// Requests a node received: all of them, and the detail requests among them.
#[derive(Debug, Default)]
struct Teller {
    verzoeken: AtomicUsize,
    details: AtomicUsize,
}

impl Teller {
    /// Counts a request to `path`: a detail request is a `GET` of one profile, below a kind's
    /// collection and not its matches path.
    fn tel(&self, method: &axum::http::Method, path: &str) {
        self.verzoeken.fetch_add(1, Ordering::SeqCst);
        let below = path.strip_prefix("/api/v3").unwrap_or(path);
        let detail = *method == axum::http::Method::GET
            && Kind::ALL.iter().any(|kind| {
                below
                    .strip_prefix(&format!("/{}/", kind.collection()))
                    .is_some_and(|rest| !rest.is_empty() && rest != "matches")
            });
        if detail {
            self.details.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn stand(&self) -> (usize, usize) {
        (
            self.verzoeken.load(Ordering::SeqCst),
            self.details.load(Ordering::SeqCst),
        )
    }
}

/// A reference source with the test set over mutual TLS on 127.0.0.1, counting what it is sent.
async fn counted_source(pki: &DevPki) -> (u16, Arc<Teller>) {
    let config = BronConfig {
        participants: Some(Participants::parse(&pki.participants_toml).unwrap()),
        ..Default::default()
    };
    let teller = Arc::new(Teller::default());
    let counting = Arc::clone(&teller);
    let router = vum_reference::bron::router(loaded(config)).layer(axum::middleware::from_fn(
        move |request: Request, next: Next| {
            counting.tel(request.method(), request.uri().path());
            next.run(request)
        },
    ));
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    tokio::spawn(listener::serve_tls(
        socket,
        router,
        pki.server_settings().unwrap(),
        std::future::pending(),
    ));
    (port, teller)
}

/// What every node has received so far: (requests, detail requests).
fn stand(tellers: &BTreeMap<&'static str, Arc<Teller>>) -> BTreeMap<&'static str, (usize, usize)> {
    tellers.iter().map(|(n, t)| (*n, t.stand())).collect()
}

/// A port on 127.0.0.1 that nothing listens on.
fn closed_port() -> u16 {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    socket.local_addr().unwrap().port()
}

/// The certificate of a complete, passed run against the source on `port`, valid `days` days.
async fn certify(pki: &DevPki, port: u16, key: &SigningKey, days: u32) -> String {
    let result = vum_conformance::run(options(tls_target(pki, port)))
        .await
        .unwrap();
    assert_eq!(result.exit_code(), 0, "{}", result.conclusion.reason);
    let opties = IssueOptions {
        days,
        ..IssueOptions::new("Programmabureau VUM (test)")
    };
    certificaat::issue(&result, &bewijs::Inhoud::of(&result), key, &opties)
        .unwrap()
        .jws
}

/// The score card of the certification test set, as a municipality hands it in.
fn kwaliteit() -> String {
    let instellingen = Instellingen::standaard("2026-12-01".parse().unwrap());
    let kaarten = Kind::ALL
        .into_iter()
        .map(|kind| {
            let text = match kind {
                Kind::Werkzoekende => vum_spec::testdata::committed_werkzoekenden(),
                Kind::Vacature => vum_spec::testdata::committed_vacatures(),
            };
            let docs: Vec<Value> = serde_json::from_str(text.unwrap()).unwrap();
            meet(kind, &docs, &instellingen).unwrap()
        })
        .collect();
    Rapport::new(&instellingen, instellingen.peildatum, kaarten).json()
}

/// The region file of the test (`README.md`, "For pilot regions", shows it).
fn regiobestand(poorten: &BTreeMap<&str, u16>) -> String {
    let url = |naam: &str| format!("https://localhost:{}/api/v3", poorten[naam]);
    format!(
        r#"regio = "Groot Amsterdam"
publieke_sleutel = "programma.pem"

[[deelnemer]]
naam = "Gemeente Amsterdam"
gemeente = "GM0363"
rol = "bron"
url = "{amsterdam}"
omgeving = "acceptatie"
pki = "pki"
certificaat = "amsterdam.jws"
kwaliteit = "amsterdam-kwaliteit.json"

[[deelnemer]]
naam = "Gemeente Amstelveen"
gemeente = "GM0362"
rol = "bron"
url = "{amstelveen}"
omgeving = "acceptatie"
pki = "pki"
certificaat = "amstelveen.jws"      # verloopt over 10 dagen

[[deelnemer]]
naam = "Gemeente Diemen"
gemeente = "GM0384"
rol = "bron"
url = "{diemen}"
omgeving = "acceptatie"
pki = "pki"
certificaat = "diemen.jws"

[[deelnemer]]
naam = "Gemeente Haarlemmermeer"      # achter de fout {FOUT}
gemeente = "GM0394"
rol = "bron"
url = "{haarlemmermeer}"
omgeving = "acceptatie"
pki = "pki"

[[deelnemer]]
naam = "Gemeente Aalsmeer"            # niemand luistert op deze poort
gemeente = "GM0358"
rol = "bron"
url = "{aalsmeer}"
omgeving = "acceptatie"
pki = "pki"

[[deelnemer]]
naam = "Gemeente Uithoorn"            # nog geen eindpunt
gemeente = "GM0451"
rol = "bron"
"#,
        amsterdam = url("amsterdam"),
        amstelveen = url("amstelveen"),
        diemen = url("diemen"),
        haarlemmermeer = url("haarlemmermeer"),
        aalsmeer = url("aalsmeer"),
    )
}

/// What the board must show for every participant, in both modes.
const VERWACHT: [(&str, Status); 6] = [
    ("Gemeente Aalsmeer", Status::Onbereikbaar),
    ("Gemeente Amstelveen", Status::Verloopt),
    ("Gemeente Amsterdam", Status::Gecertificeerd),
    ("Gemeente Diemen", Status::Gecertificeerd),
    ("Gemeente Haarlemmermeer", Status::Faalt),
    ("Gemeente Uithoorn", Status::NietAangesloten),
];

/// Prints each participant's end, for `--nocapture`.
fn melder() -> Melder {
    Arc::new(|voortgang: Voortgang<'_>| {
        if let Voortgang::Klaar { uitslag, .. } = voortgang {
            eprintln!(
                "  {:<24} {:<18} {:>7} ms  {}",
                uitslag.naam,
                uitslag.status.as_str(),
                uitslag.millis,
                uitslag.modus.as_str()
            );
        }
    })
}

/// One run of the board, written to `dir`, its history kept in `historie`.
async fn run(bestand: &Regiobestand, dir: &Path, historie: &Path, productie: bool) -> Bord {
    let opties = Opties {
        productie,
        parallel: 4,
        timeout: Duration::from_secs(30),
        uit: dir.to_path_buf(),
    };
    let bord = regio::maak(bestand, &opties, historie, &melder())
        .await
        .unwrap();
    regio::schrijf(dir, &bord).unwrap();
    eprintln!(
        "regio {}: {} ms in all ({})",
        if productie {
            "productieveilig"
        } else {
            "acceptatie"
        },
        bord.uitslag.millis,
        dir.display()
    );
    bord
}

/// The board shows exactly [`VERWACHT`], and the matrix and readiness that follow from it.
fn check_states(bord: &Bord, dir: &Path, modus: &str) {
    let u = &bord.uitslag;
    let found: Vec<(&str, Status)> = u
        .deelnemers
        .iter()
        .map(|d| (d.naam.as_str(), d.status))
        .collect();
    let reasons: Vec<String> = u
        .deelnemers
        .iter()
        .map(|d| format!("{}: {}", d.naam, d.reden))
        .collect();
    assert_eq!(found, VERWACHT, "{modus}: {reasons:#?}");
    assert!(u.deelnemers.iter().all(|d| d.modus.as_str() == modus));
    let matrix: BTreeMap<&str, Status> = u
        .gemeenten
        .iter()
        .map(|g| (g.naam.as_str(), g.status))
        .collect();
    assert_eq!(
        matrix,
        BTreeMap::from([
            ("Aalsmeer", Status::Onbereikbaar),
            ("Amstelveen", Status::Verloopt),
            ("Amsterdam", Status::Gecertificeerd),
            ("De Ronde Venen", Status::NietAangesloten),
            ("Diemen", Status::Gecertificeerd),
            ("Haarlemmermeer", Status::Faalt),
            ("Ouder-Amstel", Status::NietAangesloten),
            ("Uithoorn", Status::NietAangesloten),
        ])
    );
    assert_eq!((u.paraatheid.gereed, u.paraatheid.gemeenten), (3, 8));
    assert_eq!(u.paraatheid.procent(), "37,5 %");

    let html = std::fs::read_to_string(dir.join("regio.html")).unwrap();
    for (gemeente, status) in &matrix {
        let code = u.gemeenten.iter().find(|g| g.naam == *gemeente).unwrap();
        let row = format!(
            "data-gemeente=\"{}\" data-status=\"{}\"",
            code.code,
            status.as_str()
        );
        assert!(html.contains(&row), "{modus}: {row} not in regio.html");
    }
    assert!(html.contains("37,5 %"));
    assert!(!html.contains("<script") && !html.contains("<link"));
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("regio.json")).unwrap()).unwrap();
    assert_eq!(json["schema"], "vum-regiobord/1");
    assert_eq!(json["uitslag"]["paraatheid"]["gereed"], 3);
    let prom = std::fs::read_to_string(dir.join("regio.prom")).unwrap();
    assert!(prom.ends_with("# EOF\n"), "{prom}");
    assert!(
        prom.contains(
            "vum_deelnemer_status{regio=\"Groot Amsterdam\",deelnemer=\"Gemeente Amstelveen\""
        ),
        "{prom}"
    );
}

/// The reason of a participant.
fn reden<'a>(bord: &'a Bord, naam: &str) -> &'a str {
    &bord
        .uitslag
        .deelnemers
        .iter()
        .find(|d| d.naam == naam)
        .unwrap()
        .reden
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_region_of_five_endpoints_shows_exactly_their_states_in_both_modes() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir: PathBuf =
        std::env::temp_dir().join(format!("vum-regio-{}-{}", std::process::id(), "bord"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let pki = DevPki::generate().unwrap();
    pki.write(&dir.join("pki")).unwrap();

    let mut tellers: BTreeMap<&'static str, Arc<Teller>> = BTreeMap::new();
    let mut poorten = BTreeMap::new();
    for naam in ["amsterdam", "amstelveen", "diemen", "haarlemmermeer"] {
        let (port, teller) = counted_source(&pki).await;
        poorten.insert(naam, port);
        tellers.insert(naam, teller);
    }
    // Haarlemmermeer's node is reached through the fault-injecting proxy, which presents the
    // node's own server certificate and passes each client's identity on.
    let fault = FAULTS.iter().find(|f| f.name == FOUT).unwrap();
    let (upstream, server) = tls_upstream(&pki, poorten["haarlemmermeer"]);
    let proxy = vum_tests::proxy::start(upstream, Some(fault), Some(server)).await;
    poorten.insert("haarlemmermeer", proxy.port());
    poorten.insert("aalsmeer", closed_port());

    // The programme office certifies the three clean sources; Amstelveen's runs out in 10 days.
    let (private, public) = SigningKey::generate().unwrap();
    let key = SigningKey::from_pem(&private).unwrap();
    std::fs::write(dir.join("programma.pem"), public).unwrap();
    for (naam, days) in [("amsterdam", 365), ("amstelveen", 10), ("diemen", 365)] {
        let jws = certify(&pki, poorten[naam], &key, days).await;
        std::fs::write(dir.join(format!("{naam}.jws")), jws).unwrap();
    }
    std::fs::write(dir.join("amsterdam-kwaliteit.json"), kwaliteit()).unwrap();
    let file = dir.join("regio.toml");
    std::fs::write(&file, regiobestand(&poorten)).unwrap();
    let bestand = Regiobestand::lees(&file).unwrap();
    let historie = dir.join("historie.sqlite");

    // Acceptance: a full certification run per reachable endpoint.
    let voor = stand(&tellers);
    let acceptatie = run(&bestand, &dir.join("acceptatie"), &historie, false).await;
    check_states(&acceptatie, &dir.join("acceptatie"), "acceptatie");
    let na_acceptatie = stand(&tellers);
    for (naam, (verzoeken, details)) in &na_acceptatie {
        // The counter sees what a full run sends, detail requests included.
        assert!(*verzoeken > voor[naam].0 + 50, "{naam}: {verzoeken}");
        assert!(*details > voor[naam].1, "{naam}: no detail request counted");
    }
    for naam in ["Gemeente Amsterdam", "Gemeente Diemen"] {
        let d = acceptatie
            .uitslag
            .deelnemers
            .iter()
            .find(|d| d.naam == naam)
            .unwrap();
        assert!(d.run.is_some(), "{naam}: no certification run");
        assert!(
            dir.join("acceptatie")
                .join(&d.run.as_ref().unwrap().rapporten)
                .join("report.json")
                .is_file(),
            "{naam}: no report"
        );
    }
    assert!(
        reden(&acceptatie, "Gemeente Haarlemmermeer").starts_with("certificeringsrun: "),
        "{}",
        reden(&acceptatie, "Gemeente Haarlemmermeer")
    );

    // Production-safe, into the same history: no detail request reaches any node.
    let productie = run(&bestand, &dir.join("productie"), &historie, true).await;
    check_states(&productie, &dir.join("productie"), "productie");
    for (naam, (verzoeken, details)) in stand(&tellers) {
        let (eerder, eerdere_details) = na_acceptatie[naam];
        assert!(verzoeken > eerder, "{naam}: not probed");
        assert_eq!(
            details, eerdere_details,
            "{naam}: a detail request in production"
        );
    }
    let haarlemmermeer = reden(&productie, "Gemeente Haarlemmermeer");
    assert!(
        haarlemmermeer.starts_with("onbekende versie: "),
        "{haarlemmermeer}"
    );
    assert!(
        reden(&productie, "Gemeente Aalsmeer").starts_with("bereikbaarheid: "),
        "{}",
        reden(&productie, "Gemeente Aalsmeer")
    );

    // Amstelveen's certificate, issued for 10 days, is flagged; the others are not.
    for bord in [&acceptatie, &productie] {
        for d in &bord.uitslag.deelnemers {
            if d.naam == "Gemeente Amstelveen" {
                let certificaat = d.certificaat.as_ref().unwrap();
                assert!(certificaat.geldig, "{}", certificaat.reden);
                assert!(
                    matches!(certificaat.dagen_resterend, Some(9 | 10)),
                    "{:?}",
                    certificaat.dagen_resterend
                );
                assert_eq!(d.signalen.len(), 1, "{:?}", d.signalen);
                assert!(
                    d.signalen[0].starts_with("het certificaat verloopt over "),
                    "{:?}",
                    d.signalen
                );
            } else {
                assert!(d.signalen.is_empty(), "{}: {:?}", d.naam, d.signalen);
            }
        }
        let amsterdam = bord
            .uitslag
            .deelnemers
            .iter()
            .find(|d| d.naam == "Gemeente Amsterdam")
            .unwrap();
        let kaart = amsterdam.kwaliteit.as_ref().unwrap();
        assert_eq!(kaart.kaarten.len(), 2);
        assert_eq!(kaart.kaarten[0].aantal_profielen, 1113);
    }

    // Two runs: a history of two, newest first, per participant and for the region.
    assert_eq!(acceptatie.trend.len(), 1);
    assert_eq!(productie.trend.len(), 2);
    assert_eq!(
        productie
            .trend
            .iter()
            .map(|r| r.productie)
            .collect::<Vec<_>>(),
        [true, false]
    );
    for (naam, status) in VERWACHT {
        let punten = &productie.historie[naam];
        assert_eq!(punten.len(), 2, "{naam}");
        assert_eq!(
            punten.iter().map(|p| p.modus.as_str()).collect::<Vec<_>>(),
            ["productie", "acceptatie"],
            "{naam}"
        );
        assert!(punten.iter().all(|p| p.status == Some(status)), "{naam}");
    }
    // Passed: nothing left behind (a failed run keeps the board to look at).
    let _ = std::fs::remove_dir_all(&dir);
}
