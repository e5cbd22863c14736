//! Workspace-level proof. The library holds the fault-injecting proxy: it sits between the
//! harness and an unmodified reference node and breaks one thing at a time
//! ([`faults::FAULTS`]); the tests in `suite/` show that the harness catches every fault.

pub mod faults;
pub mod proxy;
