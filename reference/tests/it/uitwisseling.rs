//! The exchange role in front of two reference sources that hold different halves of the
//! certification test set: merged answers, pseudonyms, detail relay and limit, degradation, the
//! headers the sources see, and the whole chain over mutual TLS.

mod detail;
mod fanout;
mod support;
mod tls;
mod toegang;
