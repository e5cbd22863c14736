//! `vum-node bron`: serve the source role.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use vum_reference::bron::store::Store;
use vum_reference::bron::{Bron, BronConfig, Part};

use crate::listen::ListenArgs;

/// The source's flags.
#[derive(Debug, clap::Args)]
pub(crate) struct BronArgs {
    /// The database file with the profiles and the processing log.
    #[arg(long, conflicts_with = "demo", required_unless_present = "demo")]
    db: Option<PathBuf>,
    /// An in-memory database loaded with the certification test set.
    #[arg(long)]
    demo: bool,
    /// With --demo: only part K of N of the test set (e.g. 1/2 and 2/2 for two sources that hold
    /// one half each).
    #[arg(long, requires = "demo")]
    demo_part: Option<Part>,
    /// OIN of this source's controller (default: the test set's source).
    #[arg(long)]
    controller_oin: Option<String>,
    /// OIN of this source's processor (default: the test set's source processor).
    #[arg(long)]
    processor_oin: Option<String>,
    /// At most this many matches per question.
    #[arg(long, default_value_t = 100)]
    max_results: usize,
    /// A field withheld from callers outside SUWI (repeatable; default indicatieLdrRegistratie).
    #[arg(long = "suwi-only")]
    suwi_only: Vec<String>,
    /// Start in maintenance mode: every API request gets 503.
    #[arg(long)]
    maintenance: bool,
    #[command(flatten)]
    listen: ListenArgs,
}

/// Serves the source until Ctrl-C.
pub(crate) fn serve(args: &BronArgs) -> Result<()> {
    if args.listen.participants.is_some() && !args.listen.tls {
        bail!("a source uses --participants only with --tls");
    }
    let mut config = BronConfig {
        max_results: args.max_results,
        limits: args.listen.limits(200.0)?,
        participants: args.listen.registry()?,
        concept: args.listen.concept,
        ..BronConfig::default()
    };
    if let Some(oin) = &args.controller_oin {
        config.controller_oin = oin
            .parse()
            .with_context(|| format!("--controller-oin {oin}"))?;
    }
    if let Some(oin) = &args.processor_oin {
        config.processor_oin = oin
            .parse()
            .with_context(|| format!("--processor-oin {oin}"))?;
    }
    if !args.suwi_only.is_empty() {
        config.suwi_only_fields = args.suwi_only.clone();
    }
    let store = match &args.db {
        Some(db) => Store::open(db).with_context(|| format!("opening {}", db.display()))?,
        None => Store::in_memory()?,
    };
    let bron = Bron::new(config, store)?;
    if args.demo {
        bron.load_certification_test_set_part(args.demo_part.unwrap_or(Part::WHOLE))?;
    }
    bron.set_maintenance(args.maintenance);
    args.listen
        .keep_retention(std::sync::Arc::clone(bron.database()))?;
    let (werkzoekenden, vacatures) = bron.index().sizes();
    let limits = bron.config().limits;
    args.listen.serve(
        vum_reference::bron::router(bron),
        &format!("bron with {werkzoekenden} werkzoekenden, {vacatures} vacatures"),
        &limits,
        "server",
    )
}
