//! The source role (*bron*): profiles in SQLite ([`store`]), imported all or nothing
//! ([`import`]), an in-memory index of their searchable fields ([`index`]) answering compiled
//! questions ([`selectie`]), and the source's API for the exchange ([`api`]).

pub mod api;
pub mod config;
pub mod import;
pub mod index;
pub mod selectie;
pub mod store;
pub mod suwi;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};

use serde_json::value::RawValue;
use vum_spec::Kind;
use vum_spec::vacature::Vacature;
use vum_spec::werkzoekende::Werkzoekende;

pub use self::api::router;
pub use self::config::BronConfig;
use self::import::{Parsed, Prepared};
use self::index::Index;
use self::store::Store;
use crate::server::database::{Database, DatabaseError};
use crate::server::limit::RateLimiter;
use crate::server::log_writer::LogWriter;
use crate::server::refusal::Refusals;

/// A running source; cheap to clone (shared state).
#[derive(Clone, Debug)]
pub struct Bron {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: BronConfig,
    store: Arc<Store>,
    index: RwLock<Index>,
    maintenance: AtomicBool,
    limiter: RateLimiter,
    refusals: Arc<Refusals>,
    logboek: LogWriter,
}

/// The certification test set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum TestSetError {
    /// The files are not in `spec/testdata/3.0.0`.
    #[error("the certification test set is not committed in spec/testdata")]
    NotCommitted,
    /// They do not import (a generator bug: the tests check the committed set).
    #[error("the certification test set does not import: {0}")]
    Invalid(String),
    /// Storing failed.
    #[error(transparent)]
    Store(#[from] DatabaseError),
}

/// One of `of` disjoint parts of a data set (`index` from 1): `2/2` is the second half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// Which part, from 1.
    pub index: usize,
    /// Of how many.
    pub of: usize,
}

impl Part {
    /// The whole set.
    pub const WHOLE: Part = Part { index: 1, of: 1 };

    /// Whether the record at `position` (from 0) belongs to this part.
    pub fn holds(self, position: usize) -> bool {
        position % self.of == self.index - 1
    }
}

impl std::str::FromStr for Part {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let parsed = text
            .split_once('/')
            .and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)));
        match parsed {
            Some((index, of)) if (1..=of).contains(&index) => Ok(Part { index, of }),
            _ => Err(format!(
                "{text:?} is not a part K/N with 1 <= K <= N, such as 1/2"
            )),
        }
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// Records imported.
    pub records: usize,
    /// Of which with an id that was not stored before.
    pub new: usize,
    /// Of which can never be found by a question (no `mobiliteit`/`adres`).
    pub not_findable: usize,
}

impl Bron {
    /// A source over a store; the index is built from what the store holds.
    pub fn new(config: BronConfig, store: Store) -> Result<Self, DatabaseError> {
        // The index is built from the matching profiles prepared at import: they hold every
        // searchable field (the detail-only fields are what they leave out), and are what the
        // answers carry.
        let mut index = Index::default();
        let mut unreadable = 0usize;
        store.for_each_matching_profile(Kind::Werkzoekende, |id, profiel| {
            match (
                serde_json::from_str::<Werkzoekende>(&profiel),
                RawValue::from_string(profiel),
            ) {
                (Ok(w), Ok(raw)) => index.upsert_werkzoekende(id, &w, Some(raw)),
                _ => unreadable += 1,
            }
        })?;
        store.for_each_matching_profile(Kind::Vacature, |_, profiel| {
            match (
                serde_json::from_str::<Vacature>(&profiel),
                RawValue::from_string(profiel),
            ) {
                (Ok(v), Ok(raw)) => index.upsert_vacature(&v, Some(raw)),
                _ => unreadable += 1,
            }
        })?;
        if unreadable > 0 {
            eprintln!(
                "vum-node: {unreadable} stored matching profiles do not read and cannot be found"
            );
        }
        let limiter = RateLimiter::new(config.limits.rate);
        let refusals = Arc::new(Refusals::new(config.limits.refusals));
        let floods = Arc::clone(&refusals);
        let logboek = LogWriter::start(
            Arc::clone(store.database()),
            Box::new(move |all| floods.ended(all)),
        );
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                store: Arc::new(store),
                index: RwLock::new(index),
                maintenance: AtomicBool::new(false),
                limiter,
                refusals,
                logboek,
            }),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &BronConfig {
        &self.inner.config
    }

    /// The profiles.
    pub fn store(&self) -> &Arc<Store> {
        &self.inner.store
    }

    /// The database, for the processing log.
    pub fn database(&self) -> &Arc<Database> {
        self.inner.store.database()
    }

    /// The processing log's writer.
    pub fn logboek(&self) -> &LogWriter {
        &self.inner.logboek
    }

    /// Refusals per client address.
    pub fn refusals(&self) -> &Refusals {
        &self.inner.refusals
    }

    /// The index, for reading.
    pub fn index(&self) -> RwLockReadGuard<'_, Index> {
        // A panic while holding the write lock cannot leave the index half-updated in a way that
        // matters more than refusing every request, so a poisoned lock is used as is.
        self.inner
            .index
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Stores prepared records in one transaction, then brings the index in step.
    pub fn import(&self, kind: Kind, prepared: &[Prepared]) -> Result<ImportReport, DatabaseError> {
        let records: Vec<_> = prepared.iter().map(|p| p.record.clone()).collect();
        let new = self
            .inner
            .store
            .import(kind, &records, &crate::server::logboek::now())?;
        let mut index = self
            .inner
            .index
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for p in prepared {
            // Prepared at import from a typed profile, so valid JSON.
            let profiel = p
                .record
                .matchingprofiel
                .clone()
                .and_then(|text| RawValue::from_string(text).ok());
            match &p.parsed {
                Parsed::Werkzoekende(w) => index.upsert_werkzoekende(&p.record.id, w, profiel),
                Parsed::Vacature(v) => index.upsert_vacature(v, profiel),
            }
        }
        let not_findable = prepared
            .iter()
            .filter(|p| p.record.matchingprofiel.is_none())
            .count();
        Ok(ImportReport {
            records: prepared.len(),
            new,
            not_findable,
        })
    }

    /// Loads the committed certification test set (job seekers and vacancies) into the node.
    pub fn load_certification_test_set(
        &self,
    ) -> Result<(ImportReport, ImportReport), TestSetError> {
        self.load_certification_test_set_part(Part::WHOLE)
    }

    /// Loads one part of the committed certification test set: of each file, the records whose
    /// position (from 0) leaves remainder `part.index - 1` when divided by `part.of`. The parts of
    /// one split are disjoint and together the whole set, so several sources can each hold one.
    pub fn load_certification_test_set_part(
        &self,
        part: Part,
    ) -> Result<(ImportReport, ImportReport), TestSetError> {
        let mut reports = Vec::with_capacity(2);
        // The test set of the newest version the node serves (with --concept, that of the
        // concept: the same profiles, with what its new criteria select on).
        let served = crate::server::headers::served(self.config().concept);
        let versie = served.versies().last().ok_or(TestSetError::NotCommitted)?;
        for (kind, text) in [
            (
                Kind::Werkzoekende,
                vum_spec::testdata::committed_werkzoekenden_for(versie),
            ),
            (
                Kind::Vacature,
                vum_spec::testdata::committed_vacatures_for(versie),
            ),
        ] {
            let text = text.ok_or(TestSetError::NotCommitted)?;
            let prepared: Vec<Prepared> = import::prepare(kind, text)
                .map_err(|e| TestSetError::Invalid(e.to_string()))?
                .into_iter()
                .enumerate()
                .filter(|(i, _)| part.holds(*i))
                .map(|(_, p)| p)
                .collect();
            reports.push(self.import(kind, &prepared)?);
        }
        Ok((reports[0], reports[1]))
    }

    /// Whether the node answers `503 500.3` to every API request.
    pub fn maintenance(&self) -> bool {
        self.inner.maintenance.load(Ordering::Relaxed)
    }

    /// Switches maintenance mode.
    pub fn set_maintenance(&self, on: bool) {
        self.inner.maintenance.store(on, Ordering::Relaxed);
    }

    /// Takes a request token for `caller`; `Err(seconds)` to wait when the caller is over its limit.
    pub fn take_token(&self, caller: &str) -> Result<(), u64> {
        self.inner.limiter.take(caller)
    }
}
