//! `vum-conformance regio REGIO.toml… --out DIR`: the readiness board of a labour-market region,
//! or with several region files also the national overview.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use vum_conformance::regio::html::duur;
use vum_conformance::regio::landelijk::regiomap;
use vum_conformance::regio::{
    self, Landelijk, Melder, Modus, Opties, Regiobestand, Status, Voortgang,
};

use crate::Usage;

/// `regio`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct RegioArgs {
    /// The region file (TOML: the region and its participants); several give the national
    /// overview of the 35 regions as well.
    #[arg(required = true, value_name = "REGIO.toml")]
    bestanden: Vec<PathBuf>,
    /// The directory for regio.html, regio.json and regio.prom (with several region files: one
    /// directory per region, and landelijk.html, landelijk.json and landelijk.prom).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Production-safe probes only, for every endpoint: no detail request, no personal data
    /// (production endpoints get nothing else in any case).
    #[arg(long)]
    productie: bool,
    /// The history file (SQLite; default DIR/historie.sqlite), one row per participant per run.
    #[arg(long, value_name = "FILE")]
    historie: Option<PathBuf>,
    /// Participants examined at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    parallel: u16,
    /// Seconds allowed for one request.
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=300))]
    timeout: u64,
}

/// One line per participant as it starts and as it ends.
fn melder() -> Melder {
    Arc::new(|voortgang: Voortgang<'_>| match voortgang {
        Voortgang::Begonnen { naam, url, modus } => match url {
            Some(url) => println!(
                "  … {naam} ({url}): {}",
                match modus {
                    Modus::Acceptatie => "certificeringsrun",
                    Modus::Productie => "productieveilige peilingen",
                }
            ),
            None => println!("  … {naam}: geen url"),
        },
        Voortgang::Klaar {
            uitslag,
            klaar,
            totaal,
        } => println!(
            "  [{klaar}/{totaal}] {}: {} in {}: {}",
            uitslag.naam,
            uitslag.status.label(),
            duur(uitslag.millis),
            uitslag.reden
        ),
    })
}

/// `regio`: 0 when the board was written, 64 on a usage error (a region file at fault), 2 when
/// it could not be made.
pub(crate) fn regio(args: &RegioArgs) -> Result<u8> {
    let mut bestanden = Vec::new();
    let mut regios = BTreeSet::new();
    for path in &args.bestanden {
        let bestand = Regiobestand::lees(path).map_err(|e| Usage(e.to_string()))?;
        if !regios.insert(bestand.regio.naam()) {
            return Err(Usage(format!(
                "{}: de regio {} staat al in een eerder regiobestand",
                path.display(),
                bestand.regio.naam()
            ))
            .into());
        }
        bestanden.push(bestand);
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{} kan niet worden gemaakt", args.out.display()))?;
    let historie = args
        .historie
        .clone()
        .unwrap_or_else(|| args.out.join("historie.sqlite"));
    let landelijk = bestanden.len() > 1;
    let runtime = tokio::runtime::Runtime::new().context("de runtime kon niet starten")?;
    let melder = melder();
    let mut borden = Vec::new();
    for bestand in &bestanden {
        let dir = if landelijk {
            args.out.join(regiomap(bestand.regio.naam()))
        } else {
            args.out.clone()
        };
        println!(
            "Regio {}: {} deelnemers, {} gemeenten; {}",
            bestand.regio.naam(),
            bestand.deelnemers.len(),
            bestand.regio.gemeenten().len(),
            if args.productie {
                "productieveilig (--productie)"
            } else {
                "acceptatie (productie-eindpunten alleen productieveilig)"
            }
        );
        let opties = Opties {
            productie: args.productie,
            parallel: usize::from(args.parallel),
            timeout: Duration::from_secs(args.timeout),
            uit: dir.clone(),
        };
        let bord = runtime.block_on(regio::maak(bestand, &opties, &historie, &melder))?;
        let written = regio::schrijf(&dir, &bord)?;
        let u = &bord.uitslag;
        let telling: Vec<String> = u
            .telling()
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(s, n)| format!("{n} {}", s.label()))
            .collect();
        println!(
            "Gereed: {} van {} gemeenten ({}); deelnemers: {}; duur {}",
            u.paraatheid.gereed,
            u.paraatheid.gemeenten,
            u.paraatheid.procent(),
            telling.join(", "),
            duur(u.millis)
        );
        for d in u.deelnemers.iter().filter(|d| !d.signalen.is_empty()) {
            for s in &d.signalen {
                println!("Let op, {}: {s}", d.naam);
            }
        }
        let niet = u
            .gemeenten
            .iter()
            .filter(|g| g.status == Status::NietAangesloten)
            .count();
        println!("Niet aangesloten gemeenten: {niet}");
        println!("bord: {}", paden(&written));
        borden.push(bord);
    }
    if landelijk {
        let land = Landelijk::new(borden);
        let written = regio::schrijf_landelijk(&args.out, &land)?;
        println!(
            "Landelijk gereed: {} van {} gemeenten ({})",
            land.paraatheid.gereed,
            land.paraatheid.gemeenten,
            land.paraatheid.procent()
        );
        println!("overzicht: {}", paden(&written));
    }
    println!("historie: {}", historie.display());
    Ok(0)
}

fn paden(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
