//! Verdicts as values ([`verdict`]), the result model of a run ([`model`]), and the verdict of a
//! run with its exit code ([`conclusion`]).

pub mod conclusion;
pub mod model;
pub mod verdict;

pub use model::{
    CheckResult, Conclusion, Counts, Eindoordeel, Finding, RequirementResult, RequirementVerdict,
    RunResult, ScenarioId, ScenarioResult,
};
pub use verdict::Verdict;
