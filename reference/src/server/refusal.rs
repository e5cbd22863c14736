//! Refused requests (401) per client address: a token bucket decides, before anything is written,
//! whether a refusal gets its own processing-log record and a 401, or is throttled: answered
//! `429` with `Retry-After` and counted. A flood of throttled refusals becomes one aggregated
//! record per address ("N geweigerde verzoeken van ADRES tussen T1 en T2"), committed when the
//! flood has been quiet for [`QUIET`], just before the address's next record of its own, or when
//! the node stops. So every refusal is in the log, and a flood costs one row.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::limit::RateLimit;
use super::logboek::{Caller, LogEntry, Trace, entry, now};

/// A flood ends when no throttled refusal came from its address for this long.
pub const QUIET: Duration = Duration::from_secs(10);
/// Addresses remembered; beyond it idle ones without a flood are forgotten.
const ADDRESSES: usize = 10_000;

/// The refusals of one client address.
#[derive(Debug)]
struct Address {
    tokens: f64,
    last: Instant,
    flood: Option<Flood>,
}

/// Throttled refusals from one address since the last record.
#[derive(Debug, Clone)]
struct Flood {
    count: u64,
    first: String,
    last: String,
    last_at: Instant,
    reason: String,
}

/// Refusals per client address.
#[derive(Debug, Default)]
pub struct Refusals {
    limit: Option<RateLimit>,
    addresses: Mutex<HashMap<String, Address>>,
}

/// What to do with one refusal.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Answer 401 and commit these entries first: the aggregated record of a flood that ended
    /// (if any), then the refusal's own record (the caller adds it).
    Log(Vec<LogEntry>),
    /// Answer 429 with `Retry-After` in seconds; the refusal is counted in its address's flood.
    Throttle(u64),
}

impl Refusals {
    /// Refusals per address limited by `limit` (`None`: every refusal gets its own record).
    pub fn new(limit: Option<RateLimit>) -> Self {
        Self {
            limit,
            addresses: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one refusal from `address` (`reason` as it would be logged).
    pub fn take(&self, address: &str, reason: &str) -> Verdict {
        let Some(limit) = self.limit else {
            return Verdict::Log(Vec::new());
        };
        let mut addresses = self
            .addresses
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now_at = Instant::now();
        if addresses.len() >= ADDRESSES {
            // Forget idle addresses; one with a flood stays until the tick has logged it.
            addresses.retain(|_, a| {
                a.flood.is_some() || now_at.duration_since(a.last) < Duration::from_secs(60)
            });
        }
        let entry = addresses.entry(address.to_owned()).or_insert(Address {
            tokens: limit.burst,
            last: now_at,
            flood: None,
        });
        let elapsed = now_at.duration_since(entry.last).as_secs_f64();
        entry.tokens = (entry.tokens + elapsed * limit.per_second).min(limit.burst);
        entry.last = now_at;
        if entry.tokens >= 1.0 {
            entry.tokens -= 1.0;
            let ended = entry.flood.take().map(|flood| aggregated(address, &flood));
            return Verdict::Log(ended.into_iter().collect());
        }
        let stamp = now();
        let flood = entry.flood.get_or_insert_with(|| Flood {
            count: 0,
            first: stamp.clone(),
            last: stamp.clone(),
            last_at: now_at,
            reason: String::new(),
        });
        flood.count += 1;
        flood.last = stamp;
        flood.last_at = now_at;
        reason.clone_into(&mut flood.reason);
        let wait = (1.0 - entry.tokens) / limit.per_second;
        Verdict::Throttle(wait.ceil().max(1.0) as u64)
    }

    /// The aggregated records of floods that have been quiet for [`QUIET`], or of all (`all`:
    /// the node stops).
    pub fn ended(&self, all: bool) -> Vec<LogEntry> {
        let mut addresses = self
            .addresses
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut ended = Vec::new();
        for (address, a) in addresses.iter_mut() {
            let over = a
                .flood
                .as_ref()
                .is_some_and(|f| all || f.last_at.elapsed() >= QUIET);
            if over && let Some(flood) = a.flood.take() {
                ended.push(aggregated(address, &flood));
            }
        }
        ended
    }
}

/// The one record of a flood.
fn aggregated(address: &str, flood: &Flood) -> LogEntry {
    entry(
        &Trace::from_traceparent(None),
        &Caller::default(),
        "toegang",
        Vec::new(),
        &format!(
            "{} geweigerde verzoeken van {address} tussen {} en {} (boven de limiet, beantwoord met 429; laatste reden: {})",
            flood.count, flood.first, flood.last, flood.reason
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_logged_one_by_one_then_a_flood_is_one_record() {
        let refusals = Refusals::new(Some(RateLimit {
            per_second: 0.001,
            burst: 3.0,
        }));
        for _ in 0..3 {
            assert_eq!(
                refusals.take("10.0.0.1", "geen clientcertificaat"),
                Verdict::Log(Vec::new())
            );
        }
        for _ in 0..500 {
            assert!(matches!(
                refusals.take("10.0.0.1", "geen clientcertificaat"),
                Verdict::Throttle(_)
            ));
        }
        assert_eq!(
            refusals.take("10.0.0.2", "verlopen"),
            Verdict::Log(Vec::new()),
            "another address has its own budget"
        );
        assert!(
            refusals.ended(false).is_empty(),
            "the flood is still going on"
        );
        let ended = refusals.ended(true);
        assert_eq!(ended.len(), 1);
        assert!(
            ended[0]
                .uitkomst
                .starts_with("500 geweigerde verzoeken van 10.0.0.1 tussen "),
            "{}",
            ended[0].uitkomst
        );
        assert!(refusals.ended(true).is_empty(), "logged once");
        assert_eq!(Refusals::new(None).take("x", "y"), Verdict::Log(Vec::new()));
    }
}
