//! `vum-node uitwisseling`: serve the exchange role.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use vum_reference::uitwisseling::bronnen::{self, Aansluiting, ClientTls};
use vum_reference::uitwisseling::vumid::PseudonymKey;
use vum_reference::uitwisseling::{Uitwisseling, UitwisselingConfig};

use crate::listen::{ListenArgs, read};

/// The exchange's flags.
#[derive(Debug, clap::Args)]
pub(crate) struct UitwisselingArgs {
    /// The source directory (TOML: bronID, url, OINs, client certificate, deadline).
    #[arg(long)]
    sources: Option<PathBuf>,
    /// A source BRONID=URL with the test set's source OINs (repeatable); http, or https with
    /// --tls --pki (the exchange's test certificate).
    #[arg(long = "source")]
    source: Vec<String>,
    /// The database file for the processing log (in memory when not given).
    #[arg(long)]
    db: Option<PathBuf>,
    /// The exchange's OIN (default: the test exchange's).
    #[arg(long)]
    oin: Option<String>,
    /// At most this many details per question.
    #[arg(long, default_value_t = 10)]
    max_details: usize,
    /// File with the 64 hex digits of the pseudonym key (default: a new key per start, so vumIDs
    /// die with the process).
    #[arg(long)]
    pseudonym_key: Option<PathBuf>,
    #[command(flatten)]
    listen: ListenArgs,
}

/// Serves the exchange until Ctrl-C.
pub(crate) fn serve(args: &UitwisselingArgs) -> Result<()> {
    let mut config = UitwisselingConfig {
        tls: args.listen.tls,
        max_details: args.max_details,
        limits: args.listen.limits(50.0)?,
        concept: args.listen.concept,
        ..UitwisselingConfig::default()
    };
    if let Some(oin) = &args.oin {
        config.oin = oin.parse().with_context(|| format!("--oin {oin}"))?;
    }
    if let Some(registry) = args.listen.registry()? {
        config.participants = registry;
    }
    let client_tls = match &args.listen.pki {
        Some(dir) if args.listen.tls => Some(ClientTls {
            certificate_pem: read(&dir.join("uitwisseling.pem"))?,
            key_pem: read(&dir.join("uitwisseling.key"))?,
            ca_pem: read(&dir.join("ca.pem"))?,
        }),
        _ => None,
    };
    let mut sources: Vec<Aansluiting> = match &args.sources {
        Some(path) => bronnen::read(path)?,
        None => Vec::new(),
    };
    for argument in &args.source {
        let bron = bronnen::from_argument(argument, client_tls.as_ref())?;
        if sources.iter().any(|b| b.bron_id == bron.bron_id) {
            bail!(
                "--source {argument}: bronID {} is given twice",
                bron.bron_id
            );
        }
        sources.push(bron);
    }
    if sources.is_empty() {
        bail!("the exchange has no sources: give --sources FILE or --source BRONID=URL");
    }
    let key = match &args.pseudonym_key {
        Some(path) => PseudonymKey::from_hex(&read(path)?)
            .with_context(|| format!("reading {}", path.display()))?,
        None => PseudonymKey::generate()?,
    };
    let database = match &args.db {
        Some(db) => {
            Uitwisseling::open_database(db).with_context(|| format!("opening {}", db.display()))?
        }
        None => Uitwisseling::in_memory_database()?,
    };
    let summary = sources
        .iter()
        .map(|b| format!("{} at {}", b.bron_id, b.url))
        .collect::<Vec<_>>()
        .join(", ");
    let limits = config.limits;
    let exchange = Uitwisseling::new(config, sources, key, database)?;
    args.listen
        .keep_retention(std::sync::Arc::clone(exchange.database()))?;
    args.listen.serve(
        vum_reference::uitwisseling::api::router(exchange),
        &format!("uitwisselingsvoorziening for {summary}"),
        &limits,
        "uitwisseling-server",
    )
}
