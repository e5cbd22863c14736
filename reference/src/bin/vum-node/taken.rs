//! `vum-node taken FILE`: executes a scripted task file (the format of `vum_spec::taken`) against
//! an exchange and prints, per task, every request and what became of it.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use vum_reference::bemiddelaar::{Bemiddelaar, Taakverslag, voer_uit};
use vum_spec::taken::Takenlijst;

use crate::klant::{KlantArgs, runtime};
use crate::listen::read;

/// `vum-node taken`.
#[derive(Debug, clap::Args)]
pub(crate) struct TakenArgs {
    /// The task file (JSON, versie 1), e.g. written by `vum-conformance run --taken FILE`.
    file: PathBuf,
    #[command(flatten)]
    klant: KlantArgs,
}

/// Executes every task in order; exit code 0 when every task completed, 1 otherwise.
pub(crate) fn taken(args: &TakenArgs) -> Result<ExitCode> {
    let tekst = read(&args.file)?;
    let lijst = Takenlijst::lees(&tekst).with_context(|| format!("{}", args.file.display()))?;
    let config = args.klant.config(
        lijst.uitwisseling.as_deref(),
        lijst.bericht_versie.as_deref(),
    )?;
    let client = Bemiddelaar::new(config)?;
    runtime()?.block_on(async {
        let mut voltooid = 0;
        let mut out = io::stdout().lock();
        for taak in &lijst.taken {
            let verslag = voer_uit(&client, taak).await;
            if verslag.voltooid() {
                voltooid += 1;
            }
            let _ = write!(out, "{}", weergave(&verslag));
            let _ = out.flush();
        }
        let _ = writeln!(out, "{voltooid} van {} taken voltooid", lijst.taken.len());
        Ok(if voltooid == lijst.taken.len() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    })
}

/// A task's report as a block of lines.
fn weergave(verslag: &Taakverslag) -> String {
    let mut tekst = String::new();
    let _ = writeln!(tekst, "taak {}: {}", verslag.nummer, verslag.omschrijving);
    let _ = writeln!(tekst, "  zoekopdracht: {}", verslag.zoekopdracht);
    for poging in &verslag.pogingen {
        let _ = writeln!(tekst, "  {poging}");
    }
    if let Some(r) = &verslag.resultaat {
        let _ = writeln!(
            tekst,
            "  antwoord: {} match(es), vraagID {}{}",
            r.aantal,
            r.vraag_id,
            if r.maximum_aantal_resultaten_bereikt {
                ", maximumAantalResultatenBereikt"
            } else {
                ""
            }
        );
    }
    for d in &verslag.details {
        let uitkomst = match &d.uitkomst {
            Ok(detail) => format!("gegeven door {}", detail.bron_id()),
            Err(fout) => fout.to_string(),
        };
        let _ = writeln!(tekst, "  detail {} ({}): {uitkomst}", d.plaats, d.vum_id);
    }
    for opmerking in &verslag.opmerkingen {
        let _ = writeln!(tekst, "  opmerking: {opmerking}");
    }
    match &verslag.fout {
        Some(fout) => {
            let _ = writeln!(tekst, "  niet voltooid: {fout}");
        }
        None if !verslag.voltooid() => {
            let _ = writeln!(tekst, "  niet voltooid: een detail kwam niet");
        }
        None => {
            let _ = writeln!(tekst, "  voltooid");
        }
    }
    tekst
}
