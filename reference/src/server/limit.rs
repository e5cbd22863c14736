//! The limits both roles put on a request: its body's size and depth, and a token bucket per
//! caller.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use super::body::BodyLimits;

/// What a node allows one request and one caller.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Largest and deepest request body.
    pub body: BodyLimits,
    /// Requests per caller, if limited.
    pub rate: Option<RateLimit>,
}

impl Limits {
    /// Bodies of at most 1 MiB nested at most 32 deep, and `per_second` requests per caller with
    /// bursts of twice that.
    pub fn with_rate(per_second: f64) -> Self {
        Self {
            body: BodyLimits {
                bytes: 1024 * 1024,
                depth: 32,
            },
            rate: Some(RateLimit {
                per_second,
                burst: per_second * 2.0,
            }),
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
