//! The readiness board of a labour-market region (*arbeidsmarktregio*): for every municipality
//! and agency of the region, whether its endpoint is connected, certified, still healthy, and how
//! good the data it offers is, as `regio.html`, `regio.json` and `regio.prom` (OpenMetrics), with
//! the history of earlier runs in an SQLite file; and for several regions one national overview.
//!
//! By stage: [`bestand`] reads the region file (errors name file, line and field);
//! [`uitvoering`] examines the participants, at most `parallel` at once, each by
//! [`verbinding`] (reachability, TLS, server certificate, OIN, `openapi.json`), then
//! [`peiling`] (production-safe probes) or [`acceptatie`] (a full certification run), then
//! [`certificaatcontrole`] (its `certificaat.jws`), with its score card from [`kwaliteitskaart`];
//! [`uitslag`] decides each status and the region's readiness; [`historie`] keeps every run;
//! [`bord`] joins the run and its history, which [`html`], [`metrics`] and `regio.json` show;
//! [`landelijk`] puts several boards side by side.
//!
//! Production endpoints (`omgeving = "productie"`, or every endpoint with `--productie`) only get
//! probes that fetch no personal data: never a detail request, only questions that cannot match
//! anyone and error paths.

pub mod acceptatie;
pub mod bestand;
pub mod bord;
pub mod certificaatcontrole;
pub mod historie;
pub mod html;
pub mod kwaliteitskaart;
pub mod landelijk;
pub mod metrics;
pub mod peiling;
pub mod uitslag;
pub mod uitvoering;
pub mod verbinding;

use std::path::{Path, PathBuf};

pub use bestand::{Deelnemer, RegioFout, Regiobestand};
pub use bord::Bord;
pub use historie::{Historie, HistorieFout};
pub use landelijk::Landelijk;
pub use uitslag::{Modus, Regiouitslag, Status};
pub use uitvoering::{Melder, Opties, Uitvoeringsfout, Voortgang};

/// The board could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum BordFout {
    /// Running it failed.
    #[error(transparent)]
    Uitvoering(#[from] Uitvoeringsfout),
    /// The history failed.
    #[error(transparent)]
    Historie(#[from] HistorieFout),
    /// A file could not be written.
    #[error("{pad} kan niet worden geschreven: {fout}")]
    Schrijven {
        /// The file.
        pad: String,
        /// Why.
        fout: std::io::Error,
    },
}

/// Runs the board over a region, stores the run in the history file and returns the board
/// with its history (nothing written yet but the history and the acceptance runs' reports).
pub async fn maak(
    bestand: &Regiobestand,
    opties: &Opties,
    historie: &Path,
    melder: &Melder,
) -> Result<Bord, BordFout> {
    let uitslag = uitvoering::voer_uit(bestand, opties, melder).await?;
    let mut h = Historie::open(historie)?;
    h.bewaar(&uitslag)?;
    Ok(Bord::new(uitslag, &h)?)
}

/// Writes `files` into `dir` (created if needed), each whole or not at all (a temporary file
/// renamed into place).
fn schrijf_alles(dir: &Path, files: &[(&str, String)]) -> Result<Vec<PathBuf>, BordFout> {
    let fout = |pad: &Path| {
        let pad = pad.display().to_string();
        move |fout| BordFout::Schrijven { pad, fout }
    };
    std::fs::create_dir_all(dir).map_err(fout(dir))?;
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        let tmp = dir.join(format!(".{name}.tmp"));
        std::fs::write(&tmp, text).map_err(fout(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(fout(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `regio.html`, `regio.json` and `regio.prom` into `dir`.
pub fn schrijf(dir: &Path, bord: &Bord) -> Result<Vec<PathBuf>, BordFout> {
    schrijf_alles(
        dir,
        &[
            ("regio.html", html::html(bord)),
            ("regio.json", bord.json()),
            ("regio.prom", metrics::regio(bord)),
        ],
    )
}

/// Writes `landelijk.html`, `landelijk.json` and `landelijk.prom` into `dir`.
pub fn schrijf_landelijk(dir: &Path, land: &Landelijk) -> Result<Vec<PathBuf>, BordFout> {
    schrijf_alles(
        dir,
        &[
            ("landelijk.html", land.html()),
            ("landelijk.json", land.json()),
            ("landelijk.prom", metrics::landelijk(land)),
        ],
    )
}
