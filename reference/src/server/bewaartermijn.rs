//! The retention period of the processing log (AV-PRIV-008): records older than the period are
//! removed when the node starts and every hour after, so the log never holds more than the period
//! plus an hour. Profiles have no period of their own here: an import replaces a source's
//! profiles as a whole, so the node holds no copy older than the source's last export.

use std::sync::Arc;
use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::database::{Database, DatabaseError};

/// The default retention period of the processing log, in days.
pub const STANDAARD_DAGEN: u32 = 730;

/// How often the period is enforced while the node runs.
pub const INTERVAL: Duration = Duration::from_secs(3600);

/// The first moment still kept, `days` before `now`, as the log writes times.
pub fn grens(now: OffsetDateTime, days: u32) -> String {
    (now - time::Duration::days(i64::from(days)))
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// Removes the records older than `days`; returns how many.
pub fn handhaaf(database: &Database, days: u32) -> Result<usize, DatabaseError> {
    database.purge_log(&grens(OffsetDateTime::now_utc(), days))
}

/// Why the period could not be enforced.
#[derive(Debug, thiserror::Error)]
pub enum BewaartermijnError {
    /// The log could not be cleaned.
    #[error("het logboek kon niet worden opgeschoond: {0}")]
    Database(#[from] DatabaseError),
    /// The thread that keeps the period could not start.
    #[error("de bewaking van de bewaartermijn kon niet starten: {0}")]
    Thread(#[from] std::io::Error),
}

/// Enforces the period now and then every [`INTERVAL`] on a thread of its own, for as long as
/// the process runs; each removal is one line on stderr (counts only, never contents).
pub fn bewaak(database: Arc<Database>, days: u32) -> Result<usize, BewaartermijnError> {
    let removed = handhaaf(&database, days)?;
    std::thread::Builder::new()
        .name("bewaartermijn".to_owned())
        .spawn(move || {
            loop {
                std::thread::sleep(INTERVAL);
                match handhaaf(&database, days) {
                    Ok(0) => {}
                    Ok(n) => {
                        eprintln!(
                            "bewaartermijn: {n} logrecords ouder dan {days} dagen verwijderd"
                        );
                    }
                    Err(e) => {
                        eprintln!("bewaartermijn: het logboek kon niet worden opgeschoond: {e}");
                    }
                }
            }
        })?;
    Ok(removed)
}
