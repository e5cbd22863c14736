//! Acceptance mode: a full certification run of the participant's profile, with its declarations
//! when the region file names them, its reports in a directory of its own. Only for sources in an
//! acceptance environment (the runner never brings a production endpoint here).
//!
//! The run's verdict becomes one check: `GESLAAGD` and `ONVOLLEDIG` (nothing failed; not a
//! certification, which the board does not issue anyway) hold, `NIET GESLAAGD` fails, and so does
//! `ONBESLIST`: an endpoint the harness cannot judge is not a healthy one, and the reason says
//! what to fix.

use std::path::Path;

use super::bestand::{Deelnemer, Rol};
use super::uitslag::{Controle, Runsamenvatting};
use crate::features::FeatureSource;
use crate::result::Eindoordeel;
use crate::run::RunOptions;
use crate::target::Target;

/// Scenarios at once within one run.
pub const SCENARIOS_TEGELIJK: usize = 8;

/// What the run found.
#[derive(Clone, Debug, Default)]
pub struct Keuring {
    /// The checks.
    pub controles: Vec<Controle>,
    /// The run in short.
    pub run: Option<Runsamenvatting>,
}

/// The board's own failure around a run (the participant's failures are checks, never this).
#[derive(Debug, thiserror::Error)]
pub enum KeuringFout {
    /// No runtime for the run.
    #[error("de certificeringsrun kon niet worden gestart: {0}")]
    Runtime(std::io::Error),
    /// The run's thread ended abnormally.
    #[error("de certificeringsrun brak af: {0}")]
    Afgebroken(String),
    /// The reports could not be written.
    #[error("de rapporten konden niet worden geschreven naar {map}: {fout}")]
    Rapporten {
        /// The directory.
        map: String,
        /// Why.
        fout: std::io::Error,
    },
}

/// Runs the certification of `deelnemer` at `target`, writing its reports to `map` (shown as
/// `relatief`).
pub async fn keur(
    deelnemer: &Deelnemer,
    target: Target,
    map: &Path,
    relatief: &str,
) -> Result<Keuring, KeuringFout> {
    let mut k = Keuring::default();
    if deelnemer.rol != Rol::Bron {
        k.controles.push(Controle::niet_getoetst(
            "certificeringsrun",
            format!(
                "rol {}: het harnas certificeert alleen bronnen; de verbinding is gecontroleerd",
                deelnemer.rol.as_str()
            ),
        ));
        return Ok(k);
    }
    let options = RunOptions {
        target,
        profiel: Some(deelnemer.profiel.clone()),
        simulatie: None,
        features: FeatureSource::Embedded,
        verklaringen: deelnemer.verklaringen.clone(),
        tags: None,
        concurrency: SCENARIOS_TEGELIJK,
        progress: false,
    };
    let plan = match crate::run::plan(options) {
        Ok(plan) => plan,
        Err(e) => {
            k.controles.push(Controle::fout(
                "certificeringsrun",
                format!("de run kon niet beginnen: {e}"),
            ));
            return Ok(k);
        }
    };
    // A run is not `Send` (cucumber's streams): it gets a thread and a runtime of its own, which
    // also lets runs of several participants use several cores.
    let result = tokio::task::spawn_blocking(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map(|runtime| runtime.block_on(crate::run::execute(plan)))
    })
    .await
    .map_err(|e| KeuringFout::Afgebroken(e.to_string()))?
    .map_err(KeuringFout::Runtime)?;
    crate::report::write_all(&result, map).map_err(|fout| KeuringFout::Rapporten {
        map: map.display().to_string(),
        fout,
    })?;
    let conclusion = &result.conclusion;
    let oordeel = conclusion.verdict.banner();
    let millis = u64::try_from(result.millis).unwrap_or(u64::MAX);
    let detail = format!("{oordeel}: {}", conclusion.reason);
    k.controles.push(
        match conclusion.verdict {
            Eindoordeel::Geslaagd | Eindoordeel::Onvolledig => {
                Controle::ok("certificeringsrun", detail)
            }
            Eindoordeel::NietGeslaagd | Eindoordeel::Onbeslist => {
                Controle::fout("certificeringsrun", detail)
            }
        }
        .in_ms(millis),
    );
    k.run = Some(Runsamenvatting {
        oordeel: oordeel.to_owned(),
        exit_code: result.exit_code(),
        reden: conclusion.reason.clone(),
        rapporten: relatief.to_owned(),
        telling: result.counts().to_string(),
        millis,
    });
    Ok(k)
}
