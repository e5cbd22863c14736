//! What both roles' servers share, and depends on neither role: the caller's identity and its
//! admission, the error answers, reading bodies, questions and VUM headers, the trace context and
//! time limit, the limits and rate limits, the database with the processing log, the mutual-TLS
//! settings, and the listener both serve through (plain or TLS, connection limits, timeouts).

pub mod admission;
pub mod bewaartermijn;
pub mod body;
pub mod checkpoint;
pub mod database;
pub mod deelnemers;
pub mod error;
pub mod headers;
pub mod limit;
pub mod listener;
pub mod log_writer;
pub mod logboek;
pub mod openapi;
pub mod protocol;
pub mod refusal;
pub mod tls;
pub mod trace;
pub mod zoekvraag;
