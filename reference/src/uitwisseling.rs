//! The exchange role (*uitwisselingsvoorziening*): one question from a mediator to every source in
//! the directory, the answers merged under pseudonyms, and detail requests routed back.
//!
//! The exchange stores no profile data: a `vumID` carries its own resolution, encrypted
//! ([`vumid`]); what it keeps is the processing log (one record per released profile, holding the
//! pseudonym only) and, per question, which pseudonyms were resolved (for the detail limit, in its
//! database so that it survives a restart).

pub mod afwijking;
pub mod api;
pub mod bronnen;
pub mod fanout;
pub mod vumid;

use std::sync::Arc;
use std::time::Duration;

use vum_spec::headers::Oin;
use vum_spec::testdata::oins;

use self::afwijking::{Afwijking, Getoond};
use self::bronnen::Aansluiting;
use self::fanout::Verbinding;
use self::vumid::{PseudonymKey, VraagId};
use crate::server::database::{Database, DatabaseError, LOGBOEK_MIGRATIONS};
use crate::server::deelnemers::Participants;
use crate::server::limit::{Limits, RateLimiter};
use crate::server::log_writer::LogWriter;
use crate::server::refusal::Refusals;

/// The exchange's configuration.
#[derive(Clone, Debug)]
pub struct UitwisselingConfig {
    /// The exchange's OIN: the `X-VUM-toParty` it accepts and the `X-VUM-fromParty` it answers with.
    pub oin: Oin,
    /// Who may ask, and which controllers take part in SUWI.
    pub participants: Participants,
    /// Mutual TLS: the client certificate's OIN must be the request's `X-VUM-viaParty`.
    pub tls: bool,
    /// At most this many details per question (the standard's 10).
    pub max_details: usize,
    /// How long a question's `vumID`s can be resolved.
    pub pseudonym_ttl: Duration,
    /// Connections, request bodies, time per request (see [`Uitwisseling::request_deadline`]),
    /// requests per caller and refusals per client address.
    pub limits: Limits,
    /// Time on top of the slowest source's deadline before the exchange gives up on a request.
    pub margin: Duration,
    /// Whether `concept` versions of the registry are served too (`--concept`).
    pub concept: bool,
    /// A deliberate fault, for the harness's fault matrix only; `None` in every real use.
    pub afwijking: Option<Afwijking>,
}

impl Default for UitwisselingConfig {
    fn default() -> Self {
        Self {
            oin: oins::UITWISSELING
                .parse()
                .unwrap_or_else(|_| unreachable!("the test OIN of the exchange is well-formed")),
            participants: Participants::test(),
            tls: false,
            max_details: 10,
            pseudonym_ttl: Duration::from_secs(24 * 60 * 60),
            limits: Limits::with_rate(50.0),
            margin: Duration::from_secs(1),
            concept: false,
            afwijking: None,
        }
    }
}

/// The exchange could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum UitwisselingError {
    /// A source whose client cannot be built.
    #[error("{0}")]
    Bron(String),
    /// No source.
    #[error("the exchange has no sources")]
    NoSources,
    /// The pseudonym key.
    #[error(transparent)]
    Key(#[from] vumid::KeyError),
}

/// A running exchange; cheap to clone.
#[derive(Clone, Debug)]
pub struct Uitwisseling {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: UitwisselingConfig,
    bronnen: Vec<Verbinding>,
    key: PseudonymKey,
    database: Arc<Database>,
    limiter: RateLimiter,
    refusals: Arc<Refusals>,
    logboek: LogWriter,
    getoond: Getoond,
    eerste_vraag: std::sync::OnceLock<String>,
}

/// Why a detail may not be released.
#[derive(Debug)]
pub enum Reservering {
    /// The question's details are used up.
    Limit,
    /// The ledger could not be read or written.
    Database(DatabaseError),
}

impl From<DatabaseError> for Reservering {
    fn from(error: DatabaseError) -> Self {
        Self::Database(error)
    }
}

impl Uitwisseling {
    /// An exchange over these sources, writing its processing log to `database` (opened with
    /// [`LOGBOEK_MIGRATIONS`]; see [`Self::database`]).
    pub fn new(
        config: UitwisselingConfig,
        bronnen: Vec<Aansluiting>,
        key: PseudonymKey,
        database: Database,
    ) -> Result<Self, UitwisselingError> {
        if bronnen.is_empty() {
            return Err(UitwisselingError::NoSources);
        }
        let bronnen = bronnen
            .into_iter()
            .map(Verbinding::new)
            .collect::<Result<Vec<_>, _>>()
            .map_err(UitwisselingError::Bron)?;
        let database = Arc::new(database);
        let refusals = Arc::new(Refusals::new(config.limits.refusals));
        let floods = Arc::clone(&refusals);
        let logboek = LogWriter::start(
            Arc::clone(&database),
            Box::new(move |all| floods.ended(all)),
        );
        Ok(Self {
            inner: Arc::new(Inner {
                limiter: RateLimiter::new(config.limits.rate),
                config,
                bronnen,
                key,
                database,
                refusals,
                logboek,
                getoond: Getoond::default(),
                eerste_vraag: std::sync::OnceLock::new(),
            }),
        })
    }

    /// Whether the exchange was built with this deliberate fault.
    fn afwijking(&self, afwijking: Afwijking) -> bool {
        self.inner.config.afwijking == Some(afwijking)
    }

    /// The configuration.
    pub fn config(&self) -> &UitwisselingConfig {
        &self.inner.config
    }

    /// The sources, in directory order.
    pub fn bronnen(&self) -> impl Iterator<Item = &Aansluiting> {
        self.inner.bronnen.iter().map(|v| &v.bron)
    }

    /// The database with the processing log.
    pub fn database(&self) -> &Arc<Database> {
        &self.inner.database
    }

    /// The processing log's writer.
    pub fn logboek(&self) -> &LogWriter {
        &self.inner.logboek
    }

    /// Refusals per client address.
    pub fn refusals(&self) -> &Refusals {
        &self.inner.refusals
    }

    /// An in-memory database for the processing log (demos and tests).
    pub fn in_memory_database() -> Result<Database, DatabaseError> {
        Database::in_memory(LOGBOEK_MIGRATIONS)
    }

    /// A database file for the processing log (created if needed).
    pub fn open_database(path: &std::path::Path) -> Result<Database, DatabaseError> {
        Database::open(path, LOGBOEK_MIGRATIONS)
    }

    /// The pseudonym key.
    pub fn key(&self) -> &PseudonymKey {
        &self.inner.key
    }

    /// The longest a request may take: the slowest source's deadline plus the margin, and never
    /// more than the configured request deadline.
    pub fn request_deadline(&self) -> Duration {
        let slowest = self
            .inner
            .bronnen
            .iter()
            .map(|v| v.bron.deadline)
            .max()
            .unwrap_or_default()
            + self.inner.config.margin;
        slowest.min(self.inner.config.limits.request_deadline)
    }

    fn verbinding(&self, bron_id: &str) -> Option<&Verbinding> {
        self.inner
            .bronnen
            .iter()
            .find(|v| v.bron.bron_id == bron_id)
    }

    fn take_token(&self, caller: &str) -> Result<(), u64> {
        self.inner.limiter.take(caller)
    }

    /// Reserves a detail of a question for `vum_id`: free when that pseudonym was resolved
    /// before, otherwise one of the question's [`UitwisselingConfig::max_details`]. Kept in the
    /// exchange's database, so the count survives a restart (with the same pseudonym key the
    /// question's `vumID`s stay valid, and so does their limit).
    fn reserve(
        &self,
        vraag_id: VraagId,
        issued: u64,
        vum_id: &str,
        now: u64,
    ) -> Result<bool, Reservering> {
        let ttl = self.inner.config.pseudonym_ttl.as_secs();
        let mut connection = self.inner.database.connection()?;
        let tx = connection.transaction().map_err(DatabaseError::from)?;
        let vraag = vraag_id.to_string();
        // Expired pseudonyms never get here (the caller refuses them): their questions' rows
        // only take space, and go when a detail is asked.
        let expired = i64::try_from(now.saturating_sub(ttl)).unwrap_or(i64::MAX);
        tx.execute(
            "DELETE FROM detailtelling WHERE uitgegeven < ?1",
            rusqlite::params![expired],
        )
        .map_err(DatabaseError::from)?;
        let known: bool = tx
            .prepare_cached("SELECT 1 FROM detailtelling WHERE vraag_id = ?1 AND vum_id = ?2")
            .and_then(|mut s| s.exists(rusqlite::params![vraag, vum_id]))
            .map_err(DatabaseError::from)?;
        if known {
            return Ok(false);
        }
        let count: i64 = tx
            .query_row(
                "SELECT count(*) FROM detailtelling WHERE vraag_id = ?1",
                rusqlite::params![vraag],
                |row| row.get(0),
            )
            .map_err(DatabaseError::from)?;
        if usize::try_from(count).unwrap_or(usize::MAX) >= self.inner.config.max_details {
            return Err(Reservering::Limit);
        }
        tx.execute(
            "INSERT INTO detailtelling (vraag_id, vum_id, uitgegeven) VALUES (?1, ?2, ?3)",
            rusqlite::params![vraag, vum_id, i64::try_from(issued).unwrap_or(i64::MAX)],
        )
        .map_err(DatabaseError::from)?;
        tx.commit().map_err(DatabaseError::from)?;
        Ok(true)
    }

    /// Gives back a detail reserved by [`Self::reserve`] that was not released after all.
    fn release(&self, vraag_id: VraagId, vum_id: &str) {
        let outcome = self.inner.database.connection().and_then(|connection| {
            connection
                .execute(
                    "DELETE FROM detailtelling WHERE vraag_id = ?1 AND vum_id = ?2",
                    rusqlite::params![vraag_id.to_string(), vum_id],
                )
                .map_err(DatabaseError::from)
        });
        if let Err(e) = outcome {
            eprintln!("vum-node: uitwisseling: detailtelling niet teruggezet: {e}");
        }
    }
}
