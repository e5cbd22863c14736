//! `vum-conformance run --profiel bemiddelaar --listen ADDR`: the harness plays the exchange for a
//! mediator's application. Scripted (`--taken FILE`: the tasks as JSON for a driver; the run ends
//! when every task had its requests and the application fell silent, or a task's time ran out)
//! or interactive (one task at a time on the terminal, judged before the next).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use vum_conformance::bemiddelaar::oordeel::{self, Uitslag};
use vum_conformance::bemiddelaar::{Dienst, Opname, ServerTls};
use vum_conformance::run::RunOptions;

use crate::{Usage, read};

/// How long the harness waits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Wachttijden {
    /// Without any request for this long, a task (and every later one) is "niet uitgevoerd".
    pub(crate) per_taak: Duration,
    /// After the last request, this long without another ends a task (or, scripted, the run).
    pub(crate) stilte: Duration,
}

/// The harness's server side: from a test PKI (`uitwisseling-server.pem`, `ca.pem`) or the
/// vendor's files; `None` for plain HTTP.
pub(crate) fn server_tls(
    pki: Option<&Path>,
    cert: Option<&Path>,
    key: Option<&Path>,
    ca: Option<&Path>,
) -> Result<Option<ServerTls>> {
    if let Some(dir) = pki {
        let lees = |name: &str| read(&dir.join(name), "--pki");
        return Ok(Some(ServerTls {
            certificaat_pem: lees("uitwisseling-server.pem")?,
            sleutel_pem: lees("uitwisseling-server.key")?,
            ca_pem: lees("ca.pem")?,
        }));
    }
    match (cert, key, ca) {
        (None, None, None) => Ok(None),
        (Some(cert), Some(key), Some(ca)) => Ok(Some(ServerTls {
            certificaat_pem: read(cert, "--server-cert")?,
            sleutel_pem: read(key, "--server-key")?,
            ca_pem: read(ca, "--ca")?,
        })),
        _ => Err(Usage(
            "--profiel bemiddelaar over TLS: geef --pki DIR, of --server-cert, --server-key en --ca (de CA van de clientcertificaten) samen".to_owned(),
        )
        .into()),
    }
}

/// Starts the exchange on `listen`; the base URL the application asks.
pub(crate) async fn start(listen: &str, tls: Option<&ServerTls>) -> Result<(Dienst, String)> {
    let taken = vum_conformance::bemiddelaar::certificatietaken()
        .map_err(|e| anyhow::anyhow!("de certificeringstaken zijn onleesbaar: {e}"))?;
    let dienst = Dienst::start(listen, tls, taken).await.map_err(Usage)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let adres = dienst.adres();
    let host = if adres.ip().is_loopback() && tls.is_some() {
        "localhost".to_owned()
    } else {
        adres.ip().to_string()
    };
    let url = format!(
        "{scheme}://{host}:{}{}",
        adres.port(),
        vum_spec::headers::BASE_PATH
    );
    Ok((dienst, url))
}

/// Writes the task file for a driver.
pub(crate) fn schrijf_taken(file: &Path, url: &str) -> Result<()> {
    let taken = vum_conformance::bemiddelaar::certificatietaken()
        .map_err(|e| anyhow::anyhow!("de certificeringstaken zijn onleesbaar: {e}"))?;
    let lijst = vum_conformance::bemiddelaar::takenlijst(&taken, url, None);
    std::fs::write(file, lijst.naar_json())
        .with_context(|| format!("--taken {}: schrijven", file.display()))
}

/// Scripted: waits until every task had a request and the application fell silent, or until no
/// request came for a task's time.
pub(crate) async fn wacht_gescript(dienst: &Dienst, wacht: Wachttijden) {
    let begin = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let opname = dienst.opname();
        let stil = dienst.stil_sinds().unwrap_or_else(|| begin.elapsed());
        let alles = opname.niet_uitgevoerd().is_empty();
        if (alles && stil >= wacht.stilte) || stil >= wacht.per_taak {
            return;
        }
    }
}

/// Interactive: one task at a time on standard output, judged before the next.
async fn interactief(dienst: &Dienst, wacht: Wachttijden, url: &str) {
    let opname = dienst.opname();
    println!(
        "De uitwisselingsvoorziening van het harnas luistert op {url}. Voer de taken uit met de applicatie;\nna {} s zonder verzoek geldt een taak als niet uitgevoerd.\n",
        wacht.per_taak.as_secs()
    );
    for taak in &opname.taken {
        let nummer = taak.taak.nummer;
        dienst.toon(Some(nummer));
        println!("Taak {nummer}: {}", taak.taak.omschrijving);
        let begin = Instant::now();
        let voor = dienst.opname().verzoeken.len();
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let nu = dienst.opname().verzoeken.len();
            let stil = dienst.stil_sinds().unwrap_or(Duration::MAX);
            if (nu > voor && stil >= wacht.stilte)
                || (nu == voor && begin.elapsed() >= wacht.per_taak)
            {
                break;
            }
        }
        let mut van_taak: Opname = dienst.opname();
        van_taak.verzoeken.retain(|v| v.taak == Some(nummer));
        if van_taak.verzoeken.is_empty() {
            println!(
                "  niet uitgevoerd: geen verzoek binnen {} s\n",
                wacht.per_taak.as_secs()
            );
            continue;
        }
        for v in &van_taak.verzoeken {
            println!("  {}", v.regel());
        }
        let bevindingen: Vec<String> = [
            oordeel::geldig(&van_taak),
            oordeel::selectiegebied(&van_taak),
            oordeel::versies(&van_taak),
            oordeel::content_type(&van_taak),
            oordeel::vum_ids(&van_taak),
            oordeel::identificatoren(&van_taak),
        ]
        .into_iter()
        .flat_map(|u| match u {
            Uitslag::Bevindingen(b) => b,
            _ => Vec::new(),
        })
        .collect();
        if bevindingen.is_empty() {
            println!(
                "  geen bevindingen (koppen, herhalingen en criteria beoordeelt het eindrapport)\n"
            );
        } else {
            for b in bevindingen {
                println!("  bevinding: {b}");
            }
            println!();
        }
    }
    dienst.toon(None);
}

/// The run: serve, collect (scripted or interactive), judge, report.
pub(crate) fn certify(
    mut options: RunOptions,
    listen: &str,
    tls: Option<&ServerTls>,
    taken: Option<&PathBuf>,
    wacht: Wachttijden,
    report_dir: &Path,
    signing: Option<&crate::certificaat::Signing>,
) -> Result<u8> {
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    let (dienst, url) = runtime.block_on(start(listen, tls))?;
    options.target.base_url.clone_from(&url);
    let plan = vum_conformance::run::plan(options)?;
    print!("{}", vum_conformance::report::scope(&plan.scope));
    println!();
    match taken {
        Some(file) => {
            schrijf_taken(file, &url)?;
            println!(
                "taken geschreven naar {}; de uitwisselingsvoorziening van het harnas wacht op {url}",
                file.display()
            );
            runtime.block_on(wacht_gescript(&dienst, wacht));
        }
        None => runtime.block_on(interactief(&dienst, wacht, &url)),
    }
    let opname = dienst.opname();
    drop(dienst);
    let result = runtime.block_on(vum_conformance::run::execute_bemiddelaar(plan, opname));
    crate::run::rapporteer(&result, report_dir, signing)
}
