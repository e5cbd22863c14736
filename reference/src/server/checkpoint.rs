//! Checkpoints of the processing log's WAL, off the answers' path. The log's commits do not
//! checkpoint (SQLite would otherwise copy the WAL into the database file inside the commit that
//! crosses 1,000 pages, and every answer of that group would wait for it); this thread does,
//! woken after commits, at most every [`SPACING`]. A passive checkpoint waits for no reader and no
//! writer, so the log's writer goes on committing meanwhile. Beside a writer that never pauses it
//! seldom catches up, so once the WAL holds more than [`CATCH_UP_FRAMES`] the writer is asked to
//! copy the few frames left itself, between two commits ([`Database::catch_up`]); its next commit
//! then writes the WAL from its start again, so that its size stays bounded. (A restarting
//! checkpoint from this thread would do the same, but the writer would wait for it in SQLite's
//! busy handler, which sleeps in steps of up to 100 ms.)

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use super::database::Database;

/// The least time between two checkpoints.
const SPACING: Duration = Duration::from_millis(100);
/// The WAL's size, in frames (pages), beyond which the writer is asked to catch up: 16 MiB.
const CATCH_UP_FRAMES: u64 = 4096;
/// A checkpoint at least this often while nothing wakes the thread.
const IDLE: Duration = Duration::from_secs(5);

/// The checkpointing thread; it stops (after a last checkpoint) when this is dropped.
#[derive(Debug)]
pub struct Checkpointer {
    wake: Option<mpsc::SyncSender<()>>,
    /// Set when the writer is to catch up.
    behind: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Starts the thread over `database`.
    pub fn start(database: Arc<Database>) -> Self {
        let (wake, woken) = mpsc::sync_channel(1);
        let behind = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&behind);
        let thread = std::thread::Builder::new()
            .name("vum-checkpoint".to_owned())
            .spawn(move || run(&database, &woken, &flag))
            .map_err(|e| eprintln!("vum-node: cannot start the WAL checkpointer: {e}"))
            .ok();
        Self {
            wake: thread.is_some().then_some(wake),
            behind,
            thread,
        }
    }

    /// Whether the writer is to catch up now ([`Database::catch_up`]); it is asked once, and
    /// again after the next checkpoint if the WAL is still long.
    pub fn behind(&self) -> bool {
        self.behind.swap(false, Ordering::AcqRel)
    }

    /// Tells the thread that the log has grown; never waits.
    pub fn wake(&self) {
        if let Some(wake) = &self.wake {
            // Full: a wake-up is pending already.
            let _ = wake.try_send(());
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.wake = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(database: &Database, woken: &mpsc::Receiver<()>, behind: &AtomicBool) {
    loop {
        let stopping = matches!(
            woken.recv_timeout(IDLE),
            Err(mpsc::RecvTimeoutError::Disconnected)
        );
        match database.checkpoint() {
            Ok(frames) => behind.store(frames > CATCH_UP_FRAMES, Ordering::Release),
            Err(error) => eprintln!("vum-node: checkpointing the processing log: {error}"),
        }
        if stopping {
            return;
        }
        std::thread::sleep(SPACING);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::database::LOGBOEK_MIGRATIONS;
    use crate::server::logboek::{Caller, Trace, entry};

    #[test]
    fn the_logs_commits_leave_the_wal_to_the_checkpointer_which_bounds_it() {
        let dir = std::env::temp_dir().join(format!("vum-checkpoint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let database = Database::open(&dir.join("log.db"), LOGBOEK_MIGRATIONS).unwrap();
        let trace = Trace::from_traceparent(None);
        let answer = |n: usize| {
            let ids = (0..100).map(|i| format!("profiel-{n}-{i}")).collect();
            entry(&trace, &Caller::default(), "matches", ids, "verstrekt")
        };
        // About 2,000 pages: well over the 1,000 at which a commit would otherwise checkpoint.
        for group in 0..60 {
            let entries: Vec<_> = (0..50).map(|n| answer(group * 50 + n)).collect();
            database.log(&entries).unwrap();
        }
        let frames = database.checkpoint().unwrap();
        assert!(frames > 1000, "the commits checkpointed: {frames} frames");
        // More frames than the checkpoint copied: the writer copies them and starts anew.
        database.log(&[answer(1)]).unwrap();
        assert!(database.catch_up().unwrap());
        database.log(&[answer(0)]).unwrap();
        let frames = database.checkpoint().unwrap();
        assert!(
            frames < 100,
            "the WAL was not written from its start: {frames}"
        );
        assert_eq!(database.audit(None, None).unwrap().len(), 3002 * 100);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
