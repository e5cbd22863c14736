//! The limits both roles put on connections and requests: how many connections (in all and per
//! client address), how long a connection may stay idle or take to send a request head, how long
//! a request may take, its body's size and depth, and token buckets per caller and per client
//! address (for refused requests).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::body::BodyLimits;

/// What a node allows connections, requests and callers. [`Limits::default`] holds the defaults
/// written in ARCHITECTURE.md.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Largest and deepest request body.
    pub body: BodyLimits,
    /// Requests per caller (certificate OIN or `X-VUM-fromParty`), if limited.
    pub rate: Option<RateLimit>,
    /// Refused (401) requests per client address that get a 401 and a log record of their own;
    /// beyond it they are answered `429` and counted in one aggregated record (see
    /// [`super::refusal`]). `None`: every refusal gets its own record.
    pub refusals: Option<RateLimit>,
    /// Connections and their timeouts.
    pub connections: ConnectionLimits,
    /// The longest a request may take, body included (`503 500.3` past it; a body still arriving
    /// then is the client's fault: `400.01`).
    pub request_deadline: Duration,
}

/// How many connections a node holds and how long it waits for a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Open connections in all; one more is closed at once.
    pub max: usize,
    /// Open connections per client IP address; one more is closed at once.
    pub max_per_address: usize,
    /// From the first byte of a request head (or of the TLS handshake) to its end.
    pub header_read_timeout: Duration,
    /// A connection with no request in progress and nothing sent or received for this long is
    /// closed.
    pub idle_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max: 1024,
            max_per_address: 256,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
        }
    }
}

impl Default for Limits {
    /// Bodies of at most 1 MiB nested at most 32 deep; no rate per caller; 50 refusals per client
    /// address in a burst, then 2 a second; the default connection limits; 10 s per request.
    fn default() -> Self {
        Self {
            body: BodyLimits {
                bytes: 1024 * 1024,
                depth: 32,
            },
            rate: None,
            refusals: Some(RateLimit {
                per_second: 2.0,
                burst: 50.0,
            }),
            connections: ConnectionLimits::default(),
            request_deadline: Duration::from_secs(10),
        }
    }
}

impl Limits {
    /// The defaults with `per_second` requests per caller and bursts of twice that.
    pub fn with_rate(per_second: f64) -> Self {
        Self {
            rate: Some(RateLimit {
                per_second,
                burst: per_second * 2.0,
            }),
            ..Self::default()
        }
    }
}

/// A token bucket per caller.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second.
    pub per_second: f64,
    /// Requests allowed in a burst.
    pub burst: f64,
}

/// Requests per caller, if limited.
#[derive(Debug, Default)]
pub struct RateLimiter {
    limit: Option<RateLimit>,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    /// A limiter; `None` lets everything through.
    pub fn new(limit: Option<RateLimit>) -> Self {
        Self {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a request token for `caller`; `Err(seconds)` to wait when the caller is over its limit.
    pub fn take(&self, caller: &str) -> Result<(), u64> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        // Bounded memory: idle callers are forgotten (a full bucket is what they would get anyway).
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| now.duration_since(b.last).as_secs() < 60);
        }
        let bucket = buckets.entry(caller.to_owned()).or_insert(Bucket {
            tokens: limit.burst,
            last: now,
        });
        let elapsed = now.duration_since(bucket.last).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * limit.per_second).min(limit.burst);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / limit.per_second;
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_caller_waits_and_others_are_not_affected() {
        let limiter = RateLimiter::new(Some(RateLimit {
            per_second: 1.0,
            burst: 2.0,
        }));
        assert!(limiter.take("a").is_ok() && limiter.take("a").is_ok());
        assert_eq!(limiter.take("a"), Err(1));
        assert!(limiter.take("b").is_ok());
        assert!(RateLimiter::new(None).take("a").is_ok());
    }
}
