//! The reference mediator client: through the whole chain (client → reference exchange → two
//! reference sources) over plain HTTP and mutual TLS, against a stub exchange that answers 429,
//! 503 or nothing on purpose, a task file, the client's deliberate faults, and the `vum-node`
//! commands.

mod afwijking;
mod cli;
mod herhaling;
mod keten;
mod support;
mod taken;
