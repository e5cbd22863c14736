//! A file of any size imported into a store in constant memory: records are read one at a time
//! ([`super::records`]), checked and prepared by workers, and written in order in batches of
//! [`BATCH`] inside one transaction, so the file is stored all or nothing. A rejected file is rolled back and leaves the database as it
//! was; a process killed at any moment leaves either nothing or everything (SQLite's WAL discards
//! an uncommitted transaction). Memory: a few chunks of records in flight, one batch, SQLite's
//! page cache (64 MiB).
//!
//! Duplicate ids inside the file are found through a temporary table of the ids seen, not a map
//! in memory. See [`Journal`] for how the transaction is written.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use rusqlite::{Statement, Transaction, params};
use serde_json::Value;
use serde_json::value::RawValue;
use vum_spec::Kind;
use vum_spec::validate::{DocumentsError, Violation};

use super::records::{Stop, for_each};
use super::{Checker, ImportError, LISTED, Rejected, duplicate};
use crate::bron::ImportReport;
use crate::bron::store::{Record, Store};
use crate::server::database::DatabaseError;
use crate::server::logboek::now;

/// Records written per batch.
pub const BATCH: usize = 1000;
/// How often progress is reported, in records.
const PROGRESS_EVERY: usize = 5000;
/// SQLite's page cache during an import, in KiB.
const CACHE_KIB: i64 = 64 * 1024;

/// How far an import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Records read.
    pub records: usize,
    /// Bytes of the input read.
    pub bytes: u64,
}

/// Records handed to a worker at a time.
const CHUNK: usize = 256;

/// Records read, in order: their text, parsed by the worker that checks them.
struct Chunk {
    seq: usize,
    start: usize,
    values: Vec<Box<RawValue>>,
}

/// One record checked by a worker: its position, id, problems apart from duplicates, and what to
/// store when it has none.
struct Checked {
    index: usize,
    id: Option<String>,
    problems: Vec<Violation>,
    record: Option<Record>,
}

/// Imports every record of `input` (a JSON array, NDJSON or a sequence of documents) into
/// `store`, all or nothing; `progress` hears about it every few thousand records.
///
/// Three stages run at once: this thread's reader of records, workers (one per core, at most
/// four) that parse, check and prepare them, and the writer that puts them in order, finds duplicate
/// ids and writes them in batches. The channels between them are bounded, so memory is too.
pub fn import(
    store: &Store,
    kind: Kind,
    input: impl Read + Send,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport, ImportError> {
    let checker = Checker::new(kind)?;
    let read = Arc::new(AtomicU64::new(0));
    let input = BufReader::with_capacity(
        1 << 20,
        Counted {
            inner: input,
            read: Arc::clone(&read),
        },
    );
    let mut connection = store.database().connection()?;
    connection
        .pragma_update(None, "cache_size", -CACHE_KIB)
        .map_err(DatabaseError::from)?;
    let journal = Journal::rollback(&connection)?;
    let tx = connection.transaction().map_err(DatabaseError::from)?;
    let before = count(&tx, kind)?;
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS import_id (id TEXT PRIMARY KEY NOT NULL, positie INTEGER NOT NULL) WITHOUT ROWID; \
         DELETE FROM temp.import_id;",
    )
    .map_err(DatabaseError::from)?;
    let mut writer = Writer::new(&tx, kind)?;
    let mut state = State::default();
    // One per core: the reader only finds where records end, and the writer often waits for
    // them, so the workers that parse, check and prepare get the cores when they need them.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
    let stopped = AtomicBool::new(false);
    let stop = &stopped;
    let (chunks, to_check) = mpsc::sync_channel::<Chunk>(workers * 2);
    let to_check = Mutex::new(to_check);
    let (checked, to_write) = mpsc::sync_channel::<(usize, Vec<Checked>)>(workers * 2);
    let (read_outcome, written) = std::thread::scope(|scope| {
        // The reader owns the sending side: when it is done, the workers run dry and end.
        let reader = scope.spawn(move || read_chunks(input, &chunks, stop));
        for _ in 0..workers {
            let checked = checked.clone();
            let to_check = &to_check;
            scope.spawn(move || check_chunks(checker, to_check, &checked, stop));
        }
        drop(checked);
        let written = write_in_order(&to_write, &mut writer, &mut state, kind, &mut |records| {
            progress(Progress {
                records,
                bytes: read.load(Ordering::Relaxed),
            });
        });
        if written.is_err() {
            stop.store(true, Ordering::Release);
        }
        // Whatever is still in flight is dropped; the reader and the workers see the stop.
        drop(to_write);
        let read_outcome = reader.join();
        (read_outcome, written)
    });
    written?;
    let total = match read_outcome {
        Ok(Ok(total)) => total,
        Ok(Err(error)) => return Err(ImportError::NotJson(error)),
        Err(_) => {
            return Err(ImportError::NotJson(DocumentsError {
                line: 0,
                column: 0,
                reason: "the reader of the input failed".to_owned(),
            }));
        }
    };
    if state.invalid > 0 {
        // Dropping the transaction rolls it back.
        return Err(ImportError::Invalid {
            total,
            invalid: state.invalid,
            rejected: state.rejected,
        });
    }
    writer.flush()?;
    drop(writer);
    let after = count(&tx, kind)?;
    tx.execute_batch("DELETE FROM temp.import_id;")
        .map_err(DatabaseError::from)?;
    tx.commit().map_err(DatabaseError::from)?;
    journal.restore(&connection)?;
    Ok(ImportReport {
        records: total,
        new: after.saturating_sub(before),
        not_findable: state.not_findable,
    })
}

/// The reader: records in chunks, until the input ends, is not JSON, or the import stops.
fn read_chunks(
    input: impl BufRead,
    chunks: &mpsc::SyncSender<Chunk>,
    stop: &AtomicBool,
) -> Result<usize, DocumentsError> {
    let mut chunk = Chunk {
        seq: 0,
        start: 0,
        values: Vec::with_capacity(CHUNK),
    };
    let send = |chunk: &mut Chunk, next_start: usize| -> Result<(), ()> {
        let full = std::mem::replace(
            chunk,
            Chunk {
                seq: chunk.seq + 1,
                start: next_start,
                values: Vec::with_capacity(CHUNK),
            },
        );
        chunks.send(full).map_err(|_| ())
    };
    let outcome = for_each(input, |index, value: Box<RawValue>| {
        if stop.load(Ordering::Acquire) {
            return Err(());
        }
        chunk.values.push(value);
        if chunk.values.len() == CHUNK {
            send(&mut chunk, index + 1)?;
        }
        Ok(())
    });
    match outcome {
        Ok(total) => {
            if !chunk.values.is_empty() {
                // A stopped import drops what is left.
                let _ = send(&mut chunk, total);
            }
            Ok(total)
        }
        Err(Stop::NotJson(error)) => Err(error),
        // Stopped by the writer: its error is what counts.
        Err(Stop::By(())) => Ok(0),
    }
}

/// A worker: checks and prepares chunks until there are none (after a stop, it only drains them
/// so that the reader is never left waiting).
fn check_chunks(
    checker: Checker,
    to_check: &Mutex<mpsc::Receiver<Chunk>>,
    checked: &mpsc::SyncSender<(usize, Vec<Checked>)>,
    stop: &AtomicBool,
) {
    loop {
        let chunk = match to_check.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = chunk else {
            return;
        };
        if stop.load(Ordering::Acquire) {
            continue;
        }
        let results = chunk
            .values
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                // The reader found it to be JSON, so it parses (were it not to, the schema refuses
                // the null).
                let doc: Value = serde_json::from_str(text.get()).unwrap_or(Value::Null);
                drop(text);
                let (id, mut problems) = checker.check(&doc);
                let mut record = None;
                if problems.is_empty() {
                    match checker.prepare(doc) {
                        Ok(prepared) => record = Some(prepared.record),
                        Err(problem) => problems.push(problem),
                    }
                }
                Checked {
                    index: chunk.start + i,
                    id,
                    problems,
                    record,
                }
            })
            .collect();
        if checked.send((chunk.seq, results)).is_err() {
            stop.store(true, Ordering::Release);
        }
    }
}

/// The writer: checked chunks in the order they were read; duplicate ids; the records written
/// while none was rejected.
fn write_in_order(
    to_write: &mpsc::Receiver<(usize, Vec<Checked>)>,
    writer: &mut Writer<'_>,
    state: &mut State,
    kind: Kind,
    progress: &mut dyn FnMut(usize),
) -> Result<(), DatabaseError> {
    let mut waiting: BTreeMap<usize, Vec<Checked>> = BTreeMap::new();
    let mut next = 0;
    let mut done = 0;
    for (seq, results) in to_write {
        waiting.insert(seq, results);
        while let Some(results) = waiting.remove(&next) {
            next += 1;
            for mut c in results {
                if let Some(id) = c.id.as_deref().filter(|id| !id.is_empty())
                    && let Some(first) = writer.seen(id, c.index)?
                {
                    c.problems.push(duplicate(kind, id, first));
                }
                if c.problems.is_empty() {
                    // After the first rejection nothing more is written: it will be rolled back.
                    if let Some(record) = c.record.filter(|_| state.invalid == 0) {
                        state.not_findable += usize::from(record.matchingprofiel.is_none());
                        writer.add(record)?;
                    }
                } else {
                    state.invalid += 1;
                    if state.rejected.len() < LISTED {
                        state.rejected.push(Rejected {
                            index: c.index,
                            id: c.id,
                            problems: c.problems,
                        });
                    }
                }
                done += 1;
                if done % PROGRESS_EVERY == 0 {
                    progress(done);
                }
            }
        }
    }
    Ok(())
}

/// The journal mode of an import. With the database to itself, the import writes through a
/// rollback journal: new pages go straight into the file, once, where the WAL would write them
/// twice (log, then checkpoint) and read them back in between. A database that another process
/// has open stays in WAL mode. Either way the transaction is atomic; afterwards the file is in WAL
/// mode again after a successful import (and a node opening it sets WAL in any case).
struct Journal {
    switched: bool,
}

impl Journal {
    fn rollback(connection: &rusqlite::Connection) -> Result<Self, DatabaseError> {
        let mode: String =
            connection.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
        Ok(Self {
            switched: mode.eq_ignore_ascii_case("delete"),
        })
    }

    fn restore(self, connection: &rusqlite::Connection) -> Result<(), DatabaseError> {
        if self.switched {
            connection.pragma_update(None, "journal_mode", "WAL")?;
        }
        Ok(())
    }
}

#[derive(Debug, Default)]
struct State {
    invalid: usize,
    rejected: Vec<Rejected>,
    not_findable: usize,
}

fn count(tx: &Transaction<'_>, kind: Kind) -> Result<usize, DatabaseError> {
    let n: i64 = tx.query_row(
        &format!("SELECT COUNT(*) FROM {}", kind.name()),
        [],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The statements of one import and the batch being gathered.
struct Writer<'tx> {
    seen: Statement<'tx>,
    first: Statement<'tx>,
    upsert: Statement<'tx>,
    batch: Vec<Record>,
    now: String,
}

impl<'tx> Writer<'tx> {
    fn new(tx: &'tx Transaction<'tx>, kind: Kind) -> Result<Self, DatabaseError> {
        let table = kind.name();
        Ok(Self {
            seen: tx.prepare(
                "INSERT INTO temp.import_id (id, positie) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
            )?,
            first: tx.prepare("SELECT positie FROM temp.import_id WHERE id = ?1")?,
            upsert: tx.prepare(&format!(
                "INSERT INTO {table} (id, document, matchingprofiel, geimporteerd) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (id) DO UPDATE SET document = excluded.document, \
                 matchingprofiel = excluded.matchingprofiel, geimporteerd = excluded.geimporteerd"
            ))?,
            batch: Vec::with_capacity(BATCH),
            now: now(),
        })
    }

    /// Notes that record `index` has `id`; the position of an earlier record with it, if any.
    fn seen(&mut self, id: &str, index: usize) -> Result<Option<usize>, DatabaseError> {
        let position = i64::try_from(index).unwrap_or(i64::MAX);
        if self.seen.execute(params![id, position])? == 1 {
            return Ok(None);
        }
        let first: i64 = self.first.query_row(params![id], |row| row.get(0))?;
        Ok(Some(usize::try_from(first).unwrap_or(0)))
    }

    fn add(&mut self, record: Record) -> Result<(), DatabaseError> {
        self.batch.push(record);
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), DatabaseError> {
        for record in self.batch.drain(..) {
            self.upsert.execute(params![
                record.id,
                record.document,
                record.matchingprofiel,
                self.now
            ])?;
        }
        Ok(())
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
