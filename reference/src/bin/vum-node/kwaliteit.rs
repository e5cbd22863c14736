//! `vum-node kwaliteit --db FILE`: the data-quality score card (*kwaliteitstafel*) over the
//! source's own stored documents, per kind that it holds: the same card `vum-spec kwaliteit`
//! makes of an export (`vum_spec::kwaliteit`). Only the aggregate JSON is printed: counts,
//! weights, thresholds and dates, never an id or a value of a profile. The municipality hands it
//! to its region (`kwaliteit = "…"` in the region file of `vum-conformance regio`).
//!
//! The database is opened read-only and read one document at a time; a running node may keep
//! serving from it meanwhile.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use vum_reference::bron::store::Store;
use vum_spec::Kind;
use vum_spec::kwaliteit::{Instellingen, Kalenderdatum, Meting, Rapport, VEROUDERD_NA_DAGEN};

/// `kwaliteit`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct KwaliteitArgs {
    /// The source's database file.
    #[arg(long)]
    db: PathBuf,
    /// The reference date (default: today, UTC).
    #[arg(long, value_name = "JJJJ-MM-DD")]
    datum: Option<Kalenderdatum>,
    /// A start date or newest date more than this many days old counts as old.
    #[arg(long, value_name = "DAGEN", default_value_t = VEROUDERD_NA_DAGEN)]
    verouderd_na_dagen: u32,
}

/// Today (UTC).
fn vandaag() -> Kalenderdatum {
    let seconds = time::OffsetDateTime::now_utc().unix_timestamp();
    Kalenderdatum::uit_dagen_sinds_1970(seconds.div_euclid(86_400))
}

/// The card of one kind over the stored documents.
fn meet(store: &Store, kind: Kind, instellingen: Instellingen) -> Result<Meting> {
    let mut meting = Meting::new(kind, instellingen);
    let mut fout = None;
    store
        .for_each_document(kind, |id, document| {
            if fout.is_some() {
                return;
            }
            let outcome = serde_json::from_str(document)
                .map_err(|_| anyhow!("{} {id}: het opgeslagen document is geen JSON", kind.name()))
                .and_then(|value| {
                    meting
                        .voeg_toe(&value)
                        .map_err(|e| anyhow!("{} {id}: {e}", kind.name()))
                });
            fout = outcome.err();
        })
        .map_err(|e| anyhow!("de {} kunnen niet worden gelezen: {e}", kind.plural()))?;
    match fout {
        Some(e) => Err(e),
        None => Ok(meting),
    }
}

/// Prints the card of `db` as JSON on stdout.
pub(crate) fn kwaliteit(args: &KwaliteitArgs) -> Result<ExitCode> {
    let db: &Path = &args.db;
    if !db.exists() {
        bail!("{} bestaat niet", db.display());
    }
    let store = Store::open_read_only(db).with_context(|| format!("{} openen", db.display()))?;
    let vandaag = vandaag();
    let instellingen = Instellingen {
        verouderd_na_dagen: args.verouderd_na_dagen,
        ..Instellingen::standaard(args.datum.unwrap_or(vandaag))
    };
    let mut kaarten = Vec::new();
    for kind in Kind::ALL {
        let count = store.count(kind).map_err(|_| {
            anyhow!(
                "{} is geen database van een bron (geen tabel {})",
                db.display(),
                kind.name()
            )
        })?;
        if count > 0 {
            kaarten.push(meet(&store, kind, instellingen)?.scorekaart());
        }
    }
    if kaarten.is_empty() {
        bail!(
            "{} bevat geen profielen; importeer ze eerst (vum-node import)",
            db.display()
        );
    }
    let rapport = Rapport::new(&instellingen, vandaag, kaarten);
    let mut out = std::io::stdout().lock();
    if out.write_all(rapport.json().as_bytes()).is_err() {
        return Ok(ExitCode::from(141));
    }
    Ok(ExitCode::SUCCESS)
}
