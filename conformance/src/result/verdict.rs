//! Verdicts: of a scenario or a continuous check, and how a step gives one.
//!
//! A step that finds the node at fault calls [`fail`]; one that cannot judge (no answer, a
//! configuration the scenario needs is missing) calls [`inconclusive`]; one that finds a fault of
//! the harness itself calls [`harness_error`]. Each panics with a [`StepVerdict`] value, which
//! the collector reads back: verdicts travel as values, not as marker text. Any other panic in a
//! step is a bug in the harness and counts as a harness error, never as a failure of the node.

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
            Self::Error => "fout in het harnas",
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

/// The verdict a step gives when it stops a scenario, with the reason in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepVerdict {
    /// Failed, inconclusive or a harness error.
    pub verdict: Verdict,
    /// Why, for the vendor.
    pub reason: String,
}

fn stop(verdict: Verdict, reason: String) -> ! {
    std::panic::panic_any(StepVerdict { verdict, reason })
}

/// The node breaks the requirement: `reason` says how.
pub fn fail(reason: impl Into<String>) -> ! {
    stop(Verdict::Failed, reason.into())
}

/// The harness cannot judge: `reason` says why.
pub fn inconclusive(reason: impl Into<String>) -> ! {
    stop(Verdict::Inconclusive, reason.into())
}

/// A fault of the harness (a step used wrongly, data the harness should have).
pub fn harness_error(reason: impl Into<String>) -> ! {
    stop(Verdict::Error, reason.into())
}

/// Fails the scenario with the formatted reason unless the condition holds.
#[macro_export]
macro_rules! check {
    ($condition:expr, $($reason:tt)+) => {
        if !$condition {
            $crate::result::verdict::fail(format!($($reason)+));
        }
    };
}

/// The verdict and reason of a step's panic payload: a [`StepVerdict`], or any other panic,
/// which is a harness error.
pub fn of_panic(payload: &(dyn std::any::Any + Send)) -> StepVerdict {
    if let Some(verdict) = payload.downcast_ref::<StepVerdict>() {
        return verdict.clone();
    }
    let text = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "een onverwachte fout".to_owned());
    StepVerdict {
        verdict: Verdict::Error,
        reason: format!("fout in het harnas: {text}"),
    }
}

/// Installs (once per process) a panic hook that stays silent for [`StepVerdict`]s, so a run's
/// console shows verdicts in the summary and not as panic messages; other panics are reported
/// as before.
pub fn quiet_step_verdicts() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<StepVerdict>().is_none() {
                previous(info);
            }
        }));
    });
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
    }

    #[test]
    fn verdicts_travel_as_values_and_other_panics_are_harness_errors() {
        let caught = std::panic::catch_unwind(|| inconclusive("geen verbinding")).unwrap_err();
        assert_eq!(
            of_panic(caught.as_ref()),
            StepVerdict {
                verdict: Verdict::Inconclusive,
                reason: "geen verbinding".to_owned()
            }
        );
        let caught = std::panic::catch_unwind(|| fail("verwacht 200")).unwrap_err();
        assert_eq!(of_panic(caught.as_ref()).verdict, Verdict::Failed);
        let caught = std::panic::catch_unwind(|| {
            let v: Vec<u8> = Vec::new();
            v[1]
        })
        .unwrap_err();
        assert_eq!(of_panic(caught.as_ref()).verdict, Verdict::Error);
    }
}
