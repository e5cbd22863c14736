//! The source's profiles: each document exactly as imported, and its matching profile prepared at
//! import, in the node's [`Database`] next to the processing log.

use std::path::Path;
use std::sync::Arc;

use rusqlite::{OptionalExtension, params};
use vum_spec::Kind;

use crate::server::database::{Database, DatabaseError};

/// The source's migrations, in order (the first also creates the processing log).
pub const MIGRATIONS: &[&str] = &[
    include_str!("sql/0001_init.sql"),
    include_str!("sql/0002_logboek_betrokkenen.sql"),
];

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

/// The profiles of a source.
#[derive(Debug, Clone)]
pub struct Store {
    database: Arc<Database>,
}

impl Store {
    /// Opens (creating if needed) a database file with the source's tables.
    pub fn open(path: &Path) -> Result<Self, DatabaseError> {
        Ok(Self::over(Database::open(path, MIGRATIONS)?))
    }

    /// Opens (creating if needed) a database file with one connection only, for `vum-node import`.
    pub fn open_for_import(path: &Path) -> Result<Self, DatabaseError> {
        Ok(Self::over(Database::open_single(path, MIGRATIONS)?))
    }

    /// Opens an existing database file of a source for reading only (`vum-node kwaliteit`): no
    /// migration, nothing written.
    pub fn open_read_only(path: &Path) -> Result<Self, DatabaseError> {
        Ok(Self::over(Database::open_read_only(path)?))
    }

    /// An in-memory database (for `vum-node bron --demo` and tests).
    pub fn in_memory() -> Result<Self, DatabaseError> {
        Ok(Self::over(Database::in_memory(MIGRATIONS)?))
    }

    fn over(database: Database) -> Self {
        Self {
            database: Arc::new(database),
        }
    }

    /// The database, for the processing log.
    pub fn database(&self) -> &Arc<Database> {
        &self.database
    }

    /// Stores the records in one transaction, replacing any with the same id. Returns how many ids
    /// were new.
    pub fn import(
        &self,
        kind: Kind,
        records: &[Record],
        now: &str,
    ) -> Result<usize, DatabaseError> {
        let mut connection = self.database.connection()?;
        let tx = connection.transaction()?;
        let mut new = 0;
        {
            let table = kind.name();
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
    pub fn document(&self, kind: Kind, id: &str) -> Result<Option<String>, DatabaseError> {
        let connection = self.database.connection()?;
        let sql = format!("SELECT document FROM {} WHERE id = ?1", kind.name());
        Ok(connection
            .query_row(&sql, params![id], |row| row.get(0))
            .optional()?)
    }

    /// The prepared matching profiles of these ids, in the same order (ids without one are left out).
    pub fn matching_profiles(
        &self,
        kind: Kind,
        ids: &[&str],
    ) -> Result<Vec<String>, DatabaseError> {
        let connection = self.database.connection()?;
        let mut statement = connection.prepare_cached(&format!(
            "SELECT matchingprofiel FROM {} WHERE id = ?1",
            kind.name()
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
    ) -> Result<usize, DatabaseError> {
        let connection = self.database.connection()?;
        let mut statement = connection.prepare(&format!(
            "SELECT id, document FROM {} ORDER BY id",
            kind.name()
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

    /// Every stored matching profile of a kind (profiles without one are left out), for building
    /// the index at start.
    pub fn for_each_matching_profile(
        &self,
        kind: Kind,
        mut visit: impl FnMut(&str, String),
    ) -> Result<usize, DatabaseError> {
        let connection = self.database.connection()?;
        let mut statement = connection.prepare(&format!(
            "SELECT id, matchingprofiel FROM {} WHERE matchingprofiel IS NOT NULL ORDER BY id",
            kind.name()
        ))?;
        let mut rows = statement.query([])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            visit(&id, row.get(1)?);
            count += 1;
        }
        Ok(count)
    }

    /// The number of stored profiles of a kind.
    pub fn count(&self, kind: Kind) -> Result<usize, DatabaseError> {
        let connection = self.database.connection()?;
        let sql = format!("SELECT COUNT(*) FROM {}", kind.name());
        let count: i64 = connection.query_row(&sql, [], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
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
}
