//! A node's database: SQLite (bundled) in WAL mode with full sync, versioned migrations, and the
//! processing log both roles keep in it.
//!
//! Reads and imports go through one connection behind a mutex (callers on the async side use
//! [`blocking`]); a database file has a second connection for writing the processing log, so that
//! a commit waiting for the disk does not hold up reads. Each role brings its own migration list
//! (the source adds its profile tables). An in-memory database keeps at most
//! [`IN_MEMORY_LOG_ROWS`] rows of the log: the oldest are dropped, with a note saying how many.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, params};

use super::error::ApiError;
use super::logboek::{LogEntry, LogRecord};

/// The migrations of a node that keeps only the processing log (the exchange).
pub const LOGBOEK_MIGRATIONS: &[&str] = &[
    include_str!("sql/0001_logboek.sql"),
    include_str!("sql/0002_logboek_betrokkenen.sql"),
    include_str!("sql/0003_detailtelling.sql"),
];

/// The most rows of the processing log an in-memory database (the demo) keeps.
pub const IN_MEMORY_LOG_ROWS: usize = 10_000;

/// A database failure. Its text may name SQL; it is for the operator's log, never for a response.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    /// SQLite failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer version of this node.
    #[error("database schema version {found} is newer than this node knows ({known})")]
    TooNew {
        /// The version found.
        found: usize,
        /// The newest this node knows.
        known: usize,
    },
    /// A thread holding the connection panicked.
    #[error("the database connection was poisoned by a panic")]
    Poisoned,
}

/// The database of one node.
#[derive(Debug)]
pub struct Database {
    connection: Mutex<Connection>,
    /// The log's own connection (a database file); `None`: the log uses `connection`.
    log_connection: Option<Mutex<Connection>>,
    /// The connection that checkpoints the WAL for the log (a database file): the log's commits
    /// do not, so that an answer never waits for pages being copied into the database.
    checkpoint_connection: Option<Mutex<Connection>>,
    /// The most log rows kept (in memory); `None`: all.
    log_rows: Option<usize>,
}

impl Database {
    /// Opens (creating if needed) a database file: WAL, `synchronous=FULL`, `migrations` applied
    /// (`PRAGMA user_version` counts how many are).
    pub fn open(path: &Path, migrations: &[&str]) -> Result<Self, DatabaseError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        let mut database = Self::init(connection, migrations)?;
        let log_connection = Connection::open(path)?;
        log_connection.pragma_update(None, "synchronous", "FULL")?;
        log_connection.busy_timeout(std::time::Duration::from_secs(5))?;
        // Checkpoints are [`Self::checkpoint`]'s, on a connection of their own.
        log_connection.pragma_update(None, "wal_autocheckpoint", 0)?;
        database.log_connection = Some(Mutex::new(log_connection));
        let checkpoint_connection = Connection::open(path)?;
        checkpoint_connection.pragma_update(None, "synchronous", "FULL")?;
        database.checkpoint_connection = Some(Mutex::new(checkpoint_connection));
        Ok(database)
    }

    /// Opens (creating if needed) a database file as [`Self::open`] does, with a single connection
    /// and no log writer: for a bulk job such as an import, which may switch the journal mode.
    pub fn open_single(path: &Path, migrations: &[&str]) -> Result<Self, DatabaseError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        Self::init(connection, migrations)
    }

    /// Opens an existing database file of either role for reading only (the audit), whatever its
    /// migrations.
    pub fn open_read_only(path: &Path) -> Result<Self, DatabaseError> {
        let connection =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Self {
            connection: Mutex::new(connection),
            log_connection: None,
            checkpoint_connection: None,
            log_rows: None,
        })
    }

    /// An in-memory database (for demos and tests), keeping at most [`IN_MEMORY_LOG_ROWS`] rows
    /// of the processing log.
    pub fn in_memory(migrations: &[&str]) -> Result<Self, DatabaseError> {
        let mut database = Self::init(Connection::open_in_memory()?, migrations)?;
        database.log_rows = Some(IN_MEMORY_LOG_ROWS);
        Ok(database)
    }

    fn init(mut connection: Connection, migrations: &[&str]) -> Result<Self, DatabaseError> {
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        let applied: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let applied = usize::try_from(applied).unwrap_or(usize::MAX);
        if applied > migrations.len() {
            return Err(DatabaseError::TooNew {
                found: applied,
                known: migrations.len(),
            });
        }
        for (number, sql) in migrations.iter().enumerate().skip(applied) {
            let tx = connection.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(
                None,
                "user_version",
                i64::try_from(number + 1).unwrap_or(i64::MAX),
            )?;
            tx.commit()?;
        }
        Ok(Self {
            connection: Mutex::new(connection),
            log_connection: None,
            checkpoint_connection: None,
            log_rows: None,
        })
    }

    /// The connection, for the role's own queries.
    pub fn connection(&self) -> Result<MutexGuard<'_, Connection>, DatabaseError> {
        self.connection.lock().map_err(|_| DatabaseError::Poisoned)
    }

    /// Commits log entries in one transaction: all or none. In memory, then drops the oldest rows
    /// beyond the limit, with a note.
    pub fn log(&self, entries: &[LogEntry]) -> Result<(), DatabaseError> {
        let mut connection = match &self.log_connection {
            Some(own) => own.lock().map_err(|_| DatabaseError::Poisoned)?,
            None => self.connection()?,
        };
        let tx = connection.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO logboek (tijd, trace_id, span_id, operatie, from_party, via_party, \
                 certificaat_oin, betrokkene, betrokkenen, uitkomst) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for e in entries {
                let (one, many) = match e.betrokkenen.as_slice() {
                    [] => (None, None),
                    [one] => (Some(one.as_str()), None),
                    many => (None, Some(many.join("\n"))),
                };
                insert.execute(params![
                    e.tijd,
                    e.trace_id,
                    e.span_id,
                    e.operatie,
                    e.from_party,
                    e.via_party,
                    e.certificaat_oin,
                    one,
                    many,
                    e.uitkomst
                ])?;
            }
        }
        tx.commit()?;
        if let Some(keep) = self.log_rows {
            prune(&connection, keep)?;
        }
        Ok(())
    }

    /// Copies what the WAL holds into the database file as far as readers allow, without waiting
    /// for them or for the log's writer (SQLite's passive checkpoint). The frames the WAL holds;
    /// 0 for a database without a log connection of its own.
    pub fn checkpoint(&self) -> Result<u64, DatabaseError> {
        let Some(connection) = &self.checkpoint_connection else {
            return Ok(0);
        };
        let connection = connection.lock().map_err(|_| DatabaseError::Poisoned)?;
        Ok(passive_checkpoint(&connection)?.0)
    }

    /// [`Self::checkpoint`] on the log's own connection, by the log's writer between two commits:
    /// with no frame added meanwhile it copies the rest of the WAL, and the writer's next commit
    /// then writes the WAL from its start again (a checkpoint beside a writer that never pauses
    /// seldom catches up, and the WAL would grow without end). Whether it copied everything.
    pub fn catch_up(&self) -> Result<bool, DatabaseError> {
        let Some(connection) = &self.log_connection else {
            return Ok(true);
        };
        let connection = connection.lock().map_err(|_| DatabaseError::Poisoned)?;
        let (frames, copied) = passive_checkpoint(&connection)?;
        Ok(frames == copied)
    }

    /// Removes the log records older than `before` (RFC 3339 UTC, as the log writes it): the
    /// retention period enforced. Returns how many were removed.
    pub fn purge_log(&self, before: &str) -> Result<usize, DatabaseError> {
        let connection = match &self.log_connection {
            Some(own) => own.lock().map_err(|_| DatabaseError::Poisoned)?,
            None => self.connection()?,
        };
        Ok(connection.execute("DELETE FROM logboek WHERE tijd < ?1", params![before])?)
    }

    /// Log records, oldest first, from `since` (RFC 3339, inclusive) and involving `oin` (as
    /// requesting controller, processor or certificate).
    pub fn audit(
        &self,
        since: Option<&str>,
        oin: Option<&str>,
    ) -> Result<Vec<LogRecord>, DatabaseError> {
        let connection = self.connection()?;
        // A file written before the second migration has no betrokkenen column.
        let many = connection
            .prepare("SELECT 1 FROM pragma_table_info('logboek') WHERE name = 'betrokkenen'")?
            .exists([])?;
        let mut statement = connection.prepare(&format!(
            "SELECT volgnummer, tijd, trace_id, span_id, operatie, from_party, via_party, certificaat_oin, \
             betrokkene, {}, uitkomst FROM logboek \
             WHERE (?1 IS NULL OR tijd >= ?1) \
             AND (?2 IS NULL OR from_party = ?2 OR via_party = ?2 OR certificaat_oin = ?2) \
             ORDER BY volgnummer",
            if many { "betrokkenen" } else { "NULL" }
        ))?;
        let mut rows = statement.query(params![since, oin])?;
        let mut records = Vec::new();
        while let Some(row) = rows.next()? {
            let record = LogRecord {
                volgnummer: row.get(0)?,
                tijd: row.get(1)?,
                trace_id: row.get(2)?,
                span_id: row.get(3)?,
                operatie: row.get(4)?,
                from_party: row.get(5)?,
                via_party: row.get(6)?,
                certificaat_oin: row.get(7)?,
                betrokkene: row.get(8)?,
                uitkomst: row.get(10)?,
            };
            match row.get::<_, Option<String>>(9)? {
                Some(subjects) => records.extend(subjects.split('\n').map(|s| LogRecord {
                    betrokkene: Some(s.to_owned()),
                    ..record.clone()
                })),
                None => records.push(record),
            }
        }
        Ok(records)
    }
}

/// A passive checkpoint: the frames in the WAL and those copied into the database (both 0 when
/// another checkpoint was running).
fn passive_checkpoint(connection: &Connection) -> Result<(u64, u64), DatabaseError> {
    let (frames, copied): (i64, i64) =
        connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
            Ok((row.get(1)?, row.get(2)?))
        })?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok((count(frames), count(copied)))
}

/// Drops the oldest log rows when more than a tenth over `keep`, down to `keep`, and notes how many
/// went (the note is a row of its own, `operatie` `logboek`).
fn prune(connection: &Connection, keep: usize) -> Result<(), DatabaseError> {
    let keep = i64::try_from(keep).unwrap_or(i64::MAX);
    let (first, last): (i64, i64) = connection.query_row(
        "SELECT COALESCE(MIN(volgnummer), 0), COALESCE(MAX(volgnummer), 0) FROM logboek",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if last - first < keep + keep / 10 {
        return Ok(());
    }
    let dropped = connection.execute(
        "DELETE FROM logboek WHERE volgnummer <= ?1",
        params![last - keep],
    )?;
    let trace = super::logboek::Trace::from_traceparent(None);
    connection.execute(
        "INSERT INTO logboek (tijd, trace_id, span_id, operatie, uitkomst) VALUES (?1, ?2, ?3, 'logboek', ?4)",
        params![
            super::logboek::now(),
            trace.trace_id,
            trace.span_id,
            format!(
                "{dropped} oudste rijen verwijderd: het logboek in het geheugen houdt er hoogstens {keep}"
            )
        ],
    )?;
    Ok(())
}

/// Runs database work off the async threads; a failure is `500.1` (and a line in the operator's
/// log).
pub async fn blocking<S, T, E>(
    resource: &Arc<S>,
    work: impl FnOnce(&S) -> Result<T, E> + Send + 'static,
) -> Result<T, ApiError>
where
    S: Send + Sync + 'static,
    T: Send + 'static,
    E: std::fmt::Display + Send + 'static,
{
    let resource = Arc::clone(resource);
    match tokio::task::spawn_blocking(move || work(&resource)).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => {
            eprintln!("vum-node: {error}");
            Err(ApiError::Internal)
        }
        Err(error) => {
            eprintln!("vum-node: storage task failed: {error}");
            Err(ApiError::Internal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::logboek::{Caller, Trace, entry};

    #[test]
    fn the_in_memory_log_keeps_the_newest_rows_and_notes_what_it_dropped() {
        let database = Database::in_memory(LOGBOEK_MIGRATIONS).unwrap();
        let trace = Trace::from_traceparent(None);
        let answer = |n: usize| {
            entry(
                &trace,
                &Caller::default(),
                "werkzoekendeProfielen.matches",
                (0..100).map(|p| format!("a{n}-p{p}")).collect(),
                "verstrekt",
            )
        };
        for chunk in 0..30 {
            let entries: Vec<_> = (0..1000).map(|n| answer(chunk * 1000 + n)).collect();
            database.log(&entries).unwrap();
        }
        let rows: i64 = database
            .connection()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM logboek", [], |r| r.get(0))
            .unwrap();
        let limit = i64::try_from(IN_MEMORY_LOG_ROWS).unwrap();
        assert!(rows <= limit + limit / 10 + 1, "{rows} rows");
        let records = database.audit(None, None).unwrap();
        let last = records.iter().rfind(|r| r.operatie != "logboek").unwrap();
        assert_eq!(last.betrokkene.as_deref(), Some("a29999-p99"));
        assert!(
            records
                .iter()
                .any(|r| r.operatie == "logboek" && r.uitkomst.contains("oudste rijen verwijderd")),
            "a note says rows were dropped"
        );
    }

    #[test]
    fn an_answer_is_one_row_and_the_audit_lists_one_record_per_profile() {
        let database = Database::in_memory(LOGBOEK_MIGRATIONS).unwrap();
        let trace = Trace::from_traceparent(None);
        let ids = |n: usize| (0..n).map(|p| format!("wz-{p}")).collect::<Vec<_>>();
        database
            .log(&[
                entry(&trace, &Caller::default(), "m", ids(3), "verstrekt"),
                entry(&trace, &Caller::default(), "d", ids(1), "verstrekt"),
                entry(
                    &trace,
                    &Caller::default(),
                    "toegang",
                    ids(0),
                    "geweigerd: x",
                ),
            ])
            .unwrap();
        let rows: i64 = database
            .connection()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM logboek", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 3);
        let records: Vec<_> = database
            .audit(None, None)
            .unwrap()
            .into_iter()
            .map(|r| (r.operatie, r.betrokkene))
            .collect();
        let some = |o: &str, b: Option<&str>| (o.to_owned(), b.map(str::to_owned));
        assert_eq!(
            records,
            [
                some("m", Some("wz-0")),
                some("m", Some("wz-1")),
                some("m", Some("wz-2")),
                some("d", Some("wz-0")),
                some("toegang", None)
            ]
        );
    }

    #[test]
    fn migrations_run_once_and_a_newer_schema_is_refused() {
        let dir = std::env::temp_dir().join(format!("vum-database-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("node.db");
        let _ = std::fs::remove_file(&path);
        Database::open(&path, LOGBOEK_MIGRATIONS).unwrap();
        {
            let database = Database::open(&path, LOGBOEK_MIGRATIONS).unwrap();
            let connection = database.connection().unwrap();
            let mode: String = connection
                .pragma_query_value(None, "journal_mode", |r| r.get(0))
                .unwrap();
            let sync: i64 = connection
                .pragma_query_value(None, "synchronous", |r| r.get(0))
                .unwrap();
            assert_eq!(
                (mode.as_str(), sync),
                ("wal", 2),
                "WAL with synchronous=FULL"
            );
        }
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        assert!(matches!(
            Database::open(&path, LOGBOEK_MIGRATIONS),
            Err(DatabaseError::TooNew { found: 99, .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
