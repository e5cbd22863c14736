//! When the client tries a request again, and how long it waits first.
//!
//! * **`429` with `Retry-After`** (seconds or an HTTP date): no request before that moment, for
//!   that question or any other; then the request is tried again if tries are left. A wait longer
//!   than [`Herhaalbeleid::langste_retry_after`] is not waited out: the request fails at once.
//! * **`429` without `Retry-After`**: a limit that waiting does not lift (the exchange's details
//!   per question): never retried.
//! * **`503`, a timeout, a lost or refused connection**: tried again after a wait that doubles
//!   from [`Herhaalbeleid::eerste_wachttijd`] up to [`Herhaalbeleid::langste_wachttijd`], plus up
//!   to a quarter at random so that many clients do not return in step; a `Retry-After` on the
//!   `503` makes the wait at least that long.
//! * Every request has at most [`Herhaalbeleid::pogingen`] tries in all, so a failing exchange
//!   sees at most that many requests per question or detail, spaced by the waits.
//! * Anything else (`400`, `401`, `404`, `500`, an answer off contract) is never retried.

use std::time::{Duration, SystemTime};

/// The retry policy of a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Herhaalbeleid {
    /// Tries per request in all, the first included (at least 1).
    pub pogingen: u32,
    /// The wait before the second try after a `503` or timeout.
    pub eerste_wachttijd: Duration,
    /// The longest wait between two tries after a `503` or timeout.
    pub langste_wachttijd: Duration,
    /// The longest `Retry-After` the client waits out.
    pub langste_retry_after: Duration,
}

impl Default for Herhaalbeleid {
    /// Three tries; waits of 1 s and 2 s (at most 8 s); `Retry-After` up to 60 s.
    fn default() -> Self {
        Self {
            pogingen: 3,
            eerste_wachttijd: Duration::from_secs(1),
            langste_wachttijd: Duration::from_secs(8),
            langste_retry_after: Duration::from_secs(60),
        }
    }
}

impl Herhaalbeleid {
    /// The wait after failed try number `poging` (1-based) of a `503` or timeout, before the
    /// random part: `eerste_wachttijd · 2^(poging-1)`, at most `langste_wachttijd`.
    pub fn wachttijd(&self, poging: u32) -> Duration {
        let factor = 1u32
            .checked_shl(poging.saturating_sub(1).min(16))
            .unwrap_or(u32::MAX);
        self.eerste_wachttijd
            .saturating_mul(factor)
            .min(self.langste_wachttijd)
    }

    /// [`Self::wachttijd`] plus up to a quarter of it at random.
    pub fn wachttijd_met_spreiding(&self, poging: u32) -> Duration {
        let basis = self.wachttijd(poging);
        let mut byte = [0u8; 1];
        // Without randomness the wait is the plain one, which is still bounded and growing.
        let deel = if getrandom::fill(&mut byte).is_ok() {
            u32::from(byte[0])
        } else {
            0
        };
        basis + basis / 4 * deel / 255
    }
}

/// The wait a `Retry-After` value asks for: delay-seconds, or an HTTP date (a date in the past
/// is no wait). `None` when the value is neither.
pub fn retry_after(waarde: &str, nu: SystemTime) -> Option<Duration> {
    let waarde = waarde.trim();
    if let Ok(seconden) = waarde.parse::<u64>() {
        return Some(Duration::from_secs(seconden));
    }
    let moment = httpdate::parse_http_date(waarde).ok()?;
    Some(moment.duration_since(nu).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_longest() {
        let beleid = Herhaalbeleid::default();
        let waits: Vec<u64> = (1..=6).map(|p| beleid.wachttijd(p).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 8, 8]);
        assert_eq!(beleid.wachttijd(u32::MAX), Duration::from_secs(8));
        for poging in 1..=4 {
            let w = beleid.wachttijd_met_spreiding(poging);
            assert!(w >= beleid.wachttijd(poging));
            assert!(w <= beleid.wachttijd(poging) * 5 / 4);
        }
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let nu = httpdate::parse_http_date("Fri, 06 Nov 2026 08:49:37 GMT").unwrap();
        assert_eq!(retry_after("2", nu), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(" 120 ", nu), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Fri, 06 Nov 2026 08:49:47 GMT", nu),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            retry_after("Fri, 06 Nov 2026 08:49:00 GMT", nu),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("-1", nu), None);
        assert_eq!(retry_after("soon", nu), None);
    }
}
