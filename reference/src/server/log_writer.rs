//! Group commit of the processing log: one writer thread commits the entries of all answers that
//! are waiting at that moment in one transaction (one sync to disk for all of them), then tells
//! each answer whether its entry is durable. An answer leaves only after that, so "no personal
//! data leaves before its record is committed" holds while the disk is synced once per group
//! instead of once per answer. If the commit fails, every answer of the group fails (`500.1`).
//!
//! The WAL the commits write to is checkpointed by a thread of its own ([`super::checkpoint`]),
//! woken after each commit, so that no group waits for a checkpoint; when that thread falls
//! behind, the writer copies the rest between two groups, which keeps the WAL bounded.
//!
//! Once a second (and when the node stops) the writer also asks its tick for entries of its own:
//! the aggregated records of refusal floods that have ended ([`super::refusal`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use super::checkpoint::Checkpointer;
use super::database::Database;
use super::error::ApiError;
use super::logboek::LogEntry;

/// The most answers committed in one transaction.
const MAX_GROUP: usize = 1024;
/// How often the tick runs.
const TICK: Duration = Duration::from_secs(1);

/// The processing log could not be written; nothing of the answer may leave.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// The transaction failed (the text is for the operator).
    #[error("the processing log could not be committed: {0}")]
    Commit(String),
    /// The writer is gone (the node is stopping).
    #[error("the processing-log writer has stopped")]
    Stopped,
}

/// What the writer does once a second and when it stops (`true`): entries of its own to commit.
pub type Tick = Box<dyn FnMut(bool) -> Vec<LogEntry> + Send>;

struct Waiting {
    entries: Vec<LogEntry>,
    done: oneshot::Sender<Result<(), String>>,
}

/// The handle of the writer thread; the thread stops (after a last tick) when this is dropped.
#[derive(Debug)]
pub struct LogWriter {
    sender: Option<mpsc::Sender<Waiting>>,
    thread: Option<JoinHandle<()>>,
    stats: Arc<Stats>,
}

/// How much the writer has done.
#[derive(Debug, Default)]
struct Stats {
    commits: AtomicU64,
    answers: AtomicU64,
}

impl LogWriter {
    /// Starts the writer thread over `database`.
    pub fn start(database: Arc<Database>, tick: Tick) -> Self {
        let (sender, receiver) = mpsc::channel();
        let stats = Arc::new(Stats::default());
        let counted = Arc::clone(&stats);
        let thread = std::thread::Builder::new()
            .name("vum-logboek".to_owned())
            .spawn(move || run(&database, &receiver, tick, &counted))
            .map_err(|e| eprintln!("vum-node: cannot start the processing-log writer: {e}"))
            .ok();
        Self {
            sender: thread.is_some().then_some(sender),
            thread,
            stats,
        }
    }

    /// Commits `entries` with those of concurrent answers; returns once they are durable.
    pub async fn append(&self, entries: Vec<LogEntry>) -> Result<(), LogError> {
        if entries.is_empty() {
            return Ok(());
        }
        let (done, outcome) = oneshot::channel();
        self.sender
            .as_ref()
            .ok_or(LogError::Stopped)?
            .send(Waiting { entries, done })
            .map_err(|_| LogError::Stopped)?;
        match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(reason)) => Err(LogError::Commit(reason)),
            Err(_) => Err(LogError::Stopped),
        }
    }

    /// [`Self::append`] for a handler: a failure is `500.1` (the reason is on stderr already).
    pub async fn commit(&self, entries: Vec<LogEntry>) -> Result<(), ApiError> {
        self.append(entries).await.map_err(|error| {
            if matches!(error, LogError::Stopped) {
                eprintln!("vum-node: {error}");
            }
            ApiError::Internal
        })
    }

    /// Transactions committed and answers they held, so far.
    pub fn commits_and_answers(&self) -> (u64, u64) {
        (
            self.stats.commits.load(Ordering::Relaxed),
            self.stats.answers.load(Ordering::Relaxed),
        )
    }
}

impl Drop for LogWriter {
    fn drop(&mut self) {
        // Closing the channel ends the thread after its last tick; wait for that commit.
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(
    database: &Arc<Database>,
    receiver: &mpsc::Receiver<Waiting>,
    mut tick: Tick,
    stats: &Stats,
) {
    // Stopped (after a last checkpoint) when this thread ends.
    let checkpointer = Checkpointer::start(Arc::clone(database));
    let database = &**database;
    let mut next_tick = Instant::now() + TICK;
    loop {
        let wait = next_tick.saturating_duration_since(Instant::now());
        let first = match receiver.recv_timeout(wait) {
            Ok(first) => Some(first),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                commit_own(database, &tick(true));
                return;
            }
        };
        if let Some(first) = first {
            let mut group = vec![first];
            while group.len() < MAX_GROUP {
                match receiver.try_recv() {
                    Ok(more) => group.push(more),
                    Err(_) => break,
                }
            }
            let entries: Vec<LogEntry> = group
                .iter_mut()
                .flat_map(|w| std::mem::take(&mut w.entries))
                .collect();
            if checkpointer.behind()
                && let Err(error) = database.catch_up()
            {
                eprintln!("vum-node: checkpointing the processing log: {error}");
            }
            let outcome = database.log(&entries).map_err(|e| e.to_string());
            if let Err(reason) = &outcome {
                eprintln!("vum-node: {reason}");
            }
            stats.commits.fetch_add(1, Ordering::Relaxed);
            stats
                .answers
                .fetch_add(group.len() as u64, Ordering::Relaxed);
            for waiting in group {
                let _ = waiting.done.send(outcome.clone());
            }
            checkpointer.wake();
        }
        if Instant::now() >= next_tick {
            commit_own(database, &tick(false));
            next_tick = Instant::now() + TICK;
        }
    }
}

/// Commits the writer's own entries; a failure is reported to the operator (no answer waits).
fn commit_own(database: &Database, entries: &[LogEntry]) {
    if entries.is_empty() {
        return;
    }
    if let Err(error) = database.log(entries) {
        eprintln!(
            "vum-node: {} aggregated log records could not be committed: {error}",
            entries.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::database::LOGBOEK_MIGRATIONS;
    use crate::server::logboek::{Caller, Trace, entry};

    fn one(subject: &str) -> Vec<LogEntry> {
        let trace = Trace::from_traceparent(None);
        vec![entry(
            &trace,
            &Caller::default(),
            "werkzoekendeProfielen.matches",
            vec![subject.to_owned()],
            "verstrekt",
        )]
    }

    #[tokio::test]
    async fn concurrent_answers_share_commits_and_each_is_committed() {
        let dir = std::env::temp_dir().join(format!("vum-log-writer-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let database = Arc::new(Database::open(&dir.join("log.db"), LOGBOEK_MIGRATIONS).unwrap());
        let writer = LogWriter::start(Arc::clone(&database), Box::new(|_| Vec::new()));
        let answers: Vec<_> = (0..200)
            .map(|n| writer.append(one(&format!("p{n}"))))
            .collect();
        for outcome in futures::future::join_all(answers).await {
            outcome.unwrap();
        }
        let (commits, answers) = writer.commits_and_answers();
        assert_eq!(answers, 200);
        assert!(commits < 50, "{commits} commits for 200 concurrent answers");
        assert_eq!(database.audit(None, None).unwrap().len(), 200);
        drop(writer);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn the_tick_is_committed_when_the_writer_stops() {
        let database = Arc::new(Database::in_memory(LOGBOEK_MIGRATIONS).unwrap());
        let writer = LogWriter::start(
            Arc::clone(&database),
            Box::new(|last| {
                if last {
                    one("aan het eind")
                } else {
                    Vec::new()
                }
            }),
        );
        writer.append(one("gewoon")).await.unwrap();
        drop(writer);
        let subjects: Vec<_> = database
            .audit(None, None)
            .unwrap()
            .into_iter()
            .filter_map(|r| r.betrokkene)
            .collect();
        assert_eq!(subjects, ["gewoon", "aan het eind"]);
    }
}
