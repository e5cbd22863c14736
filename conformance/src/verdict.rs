//! Verdicts: per scenario, per requirement (the worst of its scenarios), per run.

use std::fmt;

use serde::Serialize;

/// The outcome of one scenario or check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The node meets the requirement.
    Passed,
    /// The node breaks the requirement.
    Failed,
    /// Configuration or environment kept the harness from judging.
    Inconclusive,
    /// A fault of the harness itself.
    Error,
}

impl Verdict {
    /// How bad, for "the worst of": error > inconclusive > failed > passed.
    fn severity(self) -> u8 {
        match self {
            Self::Passed => 0,
            Self::Failed => 1,
            Self::Inconclusive => 2,
            Self::Error => 3,
        }
    }

    /// The worse of two verdicts.
    pub fn worst(self, other: Self) -> Self {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// Dutch label for reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Passed => "voldaan",
            Self::Failed => "niet voldaan",
            Self::Inconclusive => "onbeslist",
            Self::Error => "fout in de harnas",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Passed => "passed",
            Self::Failed => "failed",
            Self::Inconclusive => "inconclusive",
            Self::Error => "error",
        })
    }
}

/// The marker a step puts before its message when it cannot judge (environment, configuration).
pub const INCONCLUSIVE: &str = "[onbeslist]";
/// The marker of a harness fault.
pub const HARNESS_ERROR: &str = "[harnasfout]";

/// The verdict a failure message stands for.
pub fn of_message(message: &str) -> Verdict {
    if message.contains(INCONCLUSIVE) {
        Verdict::Inconclusive
    } else if message.contains(HARNESS_ERROR) {
        Verdict::Error
    } else {
        Verdict::Failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_wins() {
        assert_eq!(Verdict::Passed.worst(Verdict::Failed), Verdict::Failed);
        assert_eq!(
            Verdict::Failed.worst(Verdict::Inconclusive),
            Verdict::Inconclusive
        );
        assert_eq!(Verdict::Error.worst(Verdict::Passed), Verdict::Error);
        assert_eq!(
            of_message("[onbeslist] geen verbinding"),
            Verdict::Inconclusive
        );
        assert_eq!(of_message("verwacht 200"), Verdict::Failed);
    }
}
