//! The processing log (Logboek Dataverwerkingen style): trace context and records, for both roles.
//!
//! Before any response that carries personal data leaves the node, one record per returned
//! profile is committed (the records of one answer in one row, see [`LogEntry`], committed with
//! those of concurrent answers by [`super::log_writer`]); if that fails, the request fails with
//! `500.1` and no data leaves. Refused requests (401) get a record too, or under a flood one
//! aggregated record per client address (see [`super::refusal`]).

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use vum_spec::Kind;

/// One record of the processing log, as the audit reads it: one per data subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRecord {
    /// Sequence number of the row it was written in (the records of one answer share it).
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
    /// The data subject: the profile's id (at a source) or its pseudonym (at the exchange).
    pub betrokkene: Option<String>,
    /// The outcome: `verstrekt`, `geweigerd: …`.
    pub uitkomst: String,
}

/// What was done with profiles of a kind, as the log names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operatie {
    /// Profiles released as matches of a question.
    Matches,
    /// A profile released as a detail.
    Detail,
}

impl Operatie {
    /// The operation in the log: `werkzoekendeProfielen.matches`, `vacatures.detail`, ….
    pub fn of(self, kind: Kind) -> String {
        let what = match self {
            Self::Matches => "matches",
            Self::Detail => "detail",
        };
        format!("{}.{what}", kind.collection())
    }
}

/// The W3C trace context of one request: the caller's trace id when it sent a valid `traceparent`,
/// a new one otherwise, and a new span id for this node's handling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// 32 lower-case hex digits.
    pub trace_id: String,
    /// 16 lower-case hex digits.
    pub span_id: String,
}

impl Trace {
    /// From an incoming `traceparent` header value, if any.
    pub fn from_traceparent(header: Option<&str>) -> Self {
        let trace_id = header
            .and_then(parse_trace_id)
            .unwrap_or_else(|| random_hex(16));
        Self {
            trace_id,
            span_id: random_hex(8),
        }
    }

    /// The `traceparent` of this node's span.
    pub fn traceparent(&self) -> String {
        format!("00-{}-{}-01", self.trace_id, self.span_id)
    }
}

/// The trace id of a valid `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`, ids not all zero).
fn parse_trace_id(header: &str) -> Option<String> {
    let parts: Vec<&str> = header.trim().split('-').collect();
    let hex = |s: &str, n: usize| {
        s.len() == n
            && s.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    };
    let valid = parts.len() == 4
        && hex(parts[0], 2)
        && parts[0] != "ff"
        && hex(parts[1], 32)
        && hex(parts[2], 16)
        && hex(parts[3], 2)
        && parts[1].bytes().any(|b| b != b'0')
        && parts[2].bytes().any(|b| b != b'0');
    valid.then(|| parts[1].to_owned())
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // Without system randomness, fall back to the clock: ids stay unique enough for tracing.
    if getrandom::fill(&mut buf).is_err() {
        let nanos = OffsetDateTime::now_utc()
            .unix_timestamp_nanos()
            .to_le_bytes();
        for (i, b) in buf.iter_mut().enumerate() {
            *b = nanos[i % nanos.len()] ^ (i as u8);
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// The current UTC time as RFC 3339 with milliseconds.
pub fn now() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now
        .replace_nanosecond(now.millisecond() as u32 * 1_000_000)
        .unwrap_or(now);
    now.format(&Rfc3339).unwrap_or_default()
}

/// Who asked, as far as the node knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Caller {
    /// `X-VUM-fromParty`, if well-formed.
    pub from_party: Option<String>,
    /// `X-VUM-viaParty`, if well-formed.
    pub via_party: Option<String>,
    /// The client certificate's OIN (mutual TLS).
    pub certificaat_oin: Option<String>,
}

/// What one request did, as written: its records are one per data subject in `betrokkenen` (the
/// profiles of one answer share everything else), or one without a subject when it is empty (a
/// refusal). Stored as one row, so that an answer of 100 profiles costs one row, not 100.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
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
    /// The data subjects: profile ids (at a source) or pseudonyms (at the exchange).
    pub betrokkenen: Vec<String>,
    /// The outcome: `verstrekt`, `geweigerd: …`.
    pub uitkomst: String,
}

/// The entry of this request about these data subjects (none: a record without one).
pub fn entry(
    trace: &Trace,
    caller: &Caller,
    operatie: &str,
    betrokkenen: Vec<String>,
    uitkomst: &str,
) -> LogEntry {
    LogEntry {
        tijd: now(),
        trace_id: trace.trace_id.clone(),
        span_id: trace.span_id.clone(),
        operatie: operatie.to_owned(),
        from_party: caller.from_party.clone(),
        via_party: caller.via_party.clone(),
        certificaat_oin: caller.certificaat_oin.clone(),
        betrokkenen,
        uitkomst: uitkomst.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_traceparent_is_reused_and_an_invalid_one_replaced() {
        let t = Trace::from_traceparent(Some(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ));
        assert_eq!(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(t.span_id.len(), 16);
        assert_ne!(t.span_id, "00f067aa0ba902b7");
        for bad in [
            "",
            "00-0000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        ] {
            let t = Trace::from_traceparent(Some(bad));
            assert_ne!(t.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
            assert_eq!(t.trace_id.len(), 32);
        }
        assert!(now().ends_with('Z'));
    }
}
