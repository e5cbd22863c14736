//! Storage: SQLite (bundled) in WAL mode with full sync, versioned migrations.
//!
//! The store keeps each profile's document exactly as imported and its prepared matching profile,
//! and the processing log. All access goes through one connection behind a mutex; callers on the
//! async side use `spawn_blocking`.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, params};

/// The kind of profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Job seekers.
    Werkzoekende,
    /// Vacancies.
    Vacature,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Self::Werkzoekende => "werkzoekende",
            Self::Vacature => "vacature",
        }
    }

    /// The name as used on the command line and in the API paths' messages; also the member that
    /// holds the profile in the exchange's detail answer.
    pub fn name(self) -> &'static str {
        self.table()
    }

    /// The field that holds a source's id (`idWerkzoekende`, `idVacature`).
    pub fn id_field(self) -> &'static str {
        match self {
            Self::Werkzoekende => "idWerkzoekende",
            Self::Vacature => "idVacature",
        }
    }

    /// The API collection (`werkzoekendeProfielen`, `vacatures`).
    pub fn collection(self) -> &'static str {
        match self {
            Self::Werkzoekende => "werkzoekendeProfielen",
            Self::Vacature => "vacatures",
        }
    }

    /// The detail message.
    pub fn message(self) -> vum_spec::Message {
        match self {
            Self::Werkzoekende => vum_spec::Message::Werkzoekende,
            Self::Vacature => vum_spec::Message::Vacature,
        }
    }

    /// The operation in the processing log: a question or a detail (`werkzoekendeProfielen.matches`).
    pub fn operatie(self, detail: bool) -> &'static str {
        match (self, detail) {
            (Self::Werkzoekende, false) => "werkzoekendeProfielen.matches",
            (Self::Werkzoekende, true) => "werkzoekendeProfielen.detail",
            (Self::Vacature, false) => "vacatures.matches",
            (Self::Vacature, true) => "vacatures.detail",
        }
    }
}

/// The migrations, in order; `PRAGMA user_version` counts how many are applied.
const MIGRATIONS: [&str; 1] = [include_str!("store/0001_init.sql")];

/// A store failure. Its text may name SQL; it is for the operator's log, never for a response.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
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

/// One profile to import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Its id in the source.
    pub id: String,
    /// The document, exactly as it will be served.
    pub document: String,
    /// Its matching profile as JSON, if it can have one.
    pub matchingprofiel: Option<String>,
}

/// One record of the processing log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRecord {
    /// Sequence number (assigned by the store; 0 before writing).
    pub volgnummer: i64,
    /// UTC time, RFC 3339 with milliseconds.
    pub tijd: String,
    /// W3C trace id (32 hex).
    pub trace_id: String,
    /// Span id of the request (16 hex).
    pub span_id: String,
    /// The operation, e.g. `werkzoekendeProfielen.matches` or `toegang`.
    pub operatie: String,
    /// The requesting controller (`X-VUM-fromParty`).
    pub from_party: Option<String>,
    /// The processor (`X-VUM-viaParty`).
    pub via_party: Option<String>,
    /// The OIN of the client certificate (mutual TLS only).
    pub certificaat_oin: Option<String>,
    /// The data subject: the profile's id.
    pub betrokkene: Option<String>,
    /// The outcome: `verstrekt`, `geweigerd: …`.
    pub uitkomst: String,
}

/// The database.
#[derive(Debug)]
pub struct Store {
    connection: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) a database file: WAL, `synchronous=FULL`, migrations applied.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let connection = Connection::open(path)?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        Self::init(connection)
    }

    /// An in-memory database (for `serve --demo` and tests).
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut connection: Connection) -> Result<Self, StoreError> {
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        let applied: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        let applied = usize::try_from(applied).unwrap_or(usize::MAX);
        if applied > MIGRATIONS.len() {
            return Err(StoreError::TooNew {
                found: applied,
                known: MIGRATIONS.len(),
            });
        }
        for (number, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
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

    fn connection(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        self.connection.lock().map_err(|_| StoreError::Poisoned)
    }

    /// Stores the records in one transaction, replacing any with the same id. Returns how many ids
    /// were new.
    pub fn import(&self, kind: Kind, records: &[Record], now: &str) -> Result<usize, StoreError> {
        let mut connection = self.connection()?;
        let tx = connection.transaction()?;
        let mut new = 0;
        {
            let table = kind.table();
            let mut exists = tx.prepare(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?;
            let mut upsert = tx.prepare(&format!(
                "INSERT INTO {table} (id, document, matchingprofiel, geimporteerd) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (id) DO UPDATE SET document = excluded.document, \
                 matchingprofiel = excluded.matchingprofiel, geimporteerd = excluded.geimporteerd"
            ))?;
            for record in records {
                if !exists.exists(params![record.id])? {
                    new += 1;
                }
                upsert.execute(params![
                    record.id,
                    record.document,
                    record.matchingprofiel,
                    now
                ])?;
            }
        }
        tx.commit()?;
        Ok(new)
    }

    /// The stored document of a profile.
    pub fn document(&self, kind: Kind, id: &str) -> Result<Option<String>, StoreError> {
        let connection = self.connection()?;
        let sql = format!("SELECT document FROM {} WHERE id = ?1", kind.table());
        Ok(connection
            .query_row(&sql, params![id], |row| row.get(0))
            .optional()?)
    }

    /// The prepared matching profiles of these ids, in the same order (ids without one are left out).
    pub fn matching_profiles(&self, kind: Kind, ids: &[&str]) -> Result<Vec<String>, StoreError> {
        let connection = self.connection()?;
        let mut statement = connection.prepare_cached(&format!(
            "SELECT matchingprofiel FROM {} WHERE id = ?1",
            kind.table()
        ))?;
        let mut profiles = Vec::with_capacity(ids.len());
        for id in ids {
            let found: Option<Option<String>> = statement
                .query_row(params![id], |row| row.get(0))
                .optional()?;
            if let Some(Some(profile)) = found {
                profiles.push(profile);
            }
        }
        Ok(profiles)
    }

    /// Every stored document of a kind, for building the index at start.
    pub fn for_each_document(
        &self,
        kind: Kind,
        mut visit: impl FnMut(&str, &str),
    ) -> Result<usize, StoreError> {
        let connection = self.connection()?;
        let mut statement = connection.prepare(&format!(
            "SELECT id, document FROM {} ORDER BY id",
            kind.table()
        ))?;
        let mut rows = statement.query([])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let document: String = row.get(1)?;
            visit(&id, &document);
            count += 1;
        }
        Ok(count)
    }

    /// The number of stored profiles of a kind.
    pub fn count(&self, kind: Kind) -> Result<usize, StoreError> {
        let connection = self.connection()?;
        let sql = format!("SELECT COUNT(*) FROM {}", kind.table());
        let count: i64 = connection.query_row(&sql, [], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Commits log records in one transaction: all or none.
    pub fn log(&self, records: &[LogRecord]) -> Result<(), StoreError> {
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

    /// Log records, oldest first, from `since` (RFC 3339, inclusive) and involving `oin` (as
    /// requesting controller, processor or certificate).
    pub fn audit(
        &self,
        since: Option<&str>,
        oin: Option<&str>,
    ) -> Result<Vec<LogRecord>, StoreError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, doc: &str) -> Record {
        Record {
            id: id.into(),
            document: doc.into(),
            matchingprofiel: Some(format!("{{\"id\":\"{id}\"}}")),
        }
    }

    #[test]
    fn import_replaces_and_counts_new_ids() {
        let store = Store::in_memory().unwrap();
        assert_eq!(
            store
                .import(
                    Kind::Werkzoekende,
                    &[record("a", "{}"), record("b", "{}")],
                    "t"
                )
                .unwrap(),
            2
        );
        assert_eq!(
            store
                .import(Kind::Werkzoekende, &[record("a", "{\"x\":[]}")], "t")
                .unwrap(),
            0
        );
        assert_eq!(
            store.document(Kind::Werkzoekende, "a").unwrap().as_deref(),
            Some("{\"x\":[]}")
        );
        assert_eq!(store.document(Kind::Vacature, "a").unwrap(), None);
        assert_eq!(store.count(Kind::Werkzoekende).unwrap(), 2);
        assert_eq!(
            store
                .matching_profiles(Kind::Werkzoekende, &["b", "zz", "a"])
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn migrations_run_once_and_a_newer_schema_is_refused() {
        let dir = std::env::temp_dir().join(format!("vum-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("node.db");
        let _ = std::fs::remove_file(&path);
        Store::open(&path)
            .unwrap()
            .import(Kind::Vacature, &[record("v", "{}")], "t")
            .unwrap();
        assert_eq!(
            Store::open(&path).unwrap().count(Kind::Vacature).unwrap(),
            1
        );
        {
            let store = Store::open(&path).unwrap();
            let connection = store.connection().unwrap();
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
            Store::open(&path),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }
}
