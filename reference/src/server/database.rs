//! A node's database: SQLite (bundled) in WAL mode with full sync, versioned migrations, and the
//! processing log both roles keep in it.
//!
//! All access goes through one connection behind a mutex; callers on the async side use
//! [`blocking`]. Each role brings its own migration list (the source adds its profile tables).

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{Connection, params};

use super::error::ApiError;
use super::logboek::LogRecord;

/// The migrations of a node that keeps only the processing log (the exchange).
pub const LOGBOEK_MIGRATIONS: &[&str] = &[include_str!("sql/0001_logboek.sql")];

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
}

impl Database {
    /// Opens (creating if needed) a database file: WAL, `synchronous=FULL`, `migrations` applied
    /// (`PRAGMA user_version` counts how many are).
    pub fn open(path: &Path, migrations: &[&str]) -> Result<Self, DatabaseError> {
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
        })
    }

    /// An in-memory database (for demos and tests).
    pub fn in_memory(migrations: &[&str]) -> Result<Self, DatabaseError> {
        Self::init(Connection::open_in_memory()?, migrations)
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
        })
    }

    /// The connection, for the role's own queries.
    pub fn connection(&self) -> Result<MutexGuard<'_, Connection>, DatabaseError> {
        self.connection.lock().map_err(|_| DatabaseError::Poisoned)
    }

    /// Commits log records in one transaction: all or none.
    pub fn log(&self, records: &[LogRecord]) -> Result<(), DatabaseError> {
        let mut connection = self.connection()?;
        let tx = connection.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO logboek (tijd, trace_id, span_id, operatie, from_party, via_party, \
                 certificaat_oin, betrokkene, uitkomst) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for r in records {
                insert.execute(params![
                    r.tijd,
                    r.trace_id,
                    r.span_id,
                    r.operatie,
                    r.from_party,
                    r.via_party,
                    r.certificaat_oin,
                    r.betrokkene,
                    r.uitkomst
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes the log records older than `before` (RFC 3339 UTC, as the log writes it): the
    /// retention period enforced. Returns how many were removed.
    pub fn purge_log(&self, before: &str) -> Result<usize, DatabaseError> {
        let connection = self.connection()?;
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
        let mut statement = connection.prepare(
            "SELECT volgnummer, tijd, trace_id, span_id, operatie, from_party, via_party, certificaat_oin, \
             betrokkene, uitkomst FROM logboek \
             WHERE (?1 IS NULL OR tijd >= ?1) \
             AND (?2 IS NULL OR from_party = ?2 OR via_party = ?2 OR certificaat_oin = ?2) \
             ORDER BY volgnummer",
        )?;
        let rows = statement.query_map(params![since, oin], |row| {
            Ok(LogRecord {
                volgnummer: row.get(0)?,
                tijd: row.get(1)?,
                trace_id: row.get(2)?,
                span_id: row.get(3)?,
                operatie: row.get(4)?,
                from_party: row.get(5)?,
                via_party: row.get(6)?,
                certificaat_oin: row.get(7)?,
                betrokkene: row.get(8)?,
                uitkomst: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
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
