//! The version number itself. Every version of the contracts declares its own number as the only
//! value of `X-VUM-berichtVersie` and `API-Version`. Within one major version, a request chooses
//! its version with these headers and a node serves every version in use at the same base path
//! (see [`crate::headers::Versiekeuze`]), so the old number giving way to the new one is version
//! selection, not a change of the contract: it is left out of the changes and named once in the
//! report. Across major versions (2.0.0 → 3.0.0, where the base path changes too) the old number is
//! no longer accepted anywhere, and it is a change like any other.

use super::change::{Finding, Kind, Place};
use super::load::ContractSet;
use super::report::VersionHeaders;
use crate::headers::{API_VERSION, X_VUM_BERICHT_VERSIE};
use crate::versie::Versienummer;

/// The one version all contracts of a set declare (`info.version`), if they agree on one.
fn version_of(set: &ContractSet) -> Option<Versienummer> {
    let mut versions = set.contracts.iter().map(|c| c.version.as_deref());
    let first = versions.next()??;
    versions
        .all(|v| v == Some(first))
        .then(|| first.parse().ok())?
}

/// Splits off the findings that are only the version number of the two sets within one major
/// version, and says so.
pub(crate) fn without_version_numbers(
    findings: Vec<Finding>,
    old: &ContractSet,
    new: &ContractSet,
) -> (Vec<Finding>, Option<VersionHeaders>) {
    let (Some(from), Some(to)) = (version_of(old), version_of(new)) else {
        return (findings, None);
    };
    if from == to || from.major != to.major {
        return (findings, None);
    }
    let (old_value, new_value) = (format!("\"{from}\""), format!("\"{to}\""));
    let is_number = |f: &Finding| {
        let header = matches!(&f.place, Place::Header { name, .. }
            if name.eq_ignore_ascii_case(X_VUM_BERICHT_VERSIE) || name.eq_ignore_ascii_case(API_VERSION));
        header
            && match f.kind {
                Kind::EnumValuesAdded => f.new.as_deref() == Some(new_value.as_str()),
                Kind::EnumValuesRemoved => f.old.as_deref() == Some(old_value.as_str()),
                _ => false,
            }
    };
    let (numbers, rest): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(is_number);
    let headers = (!numbers.is_empty()).then(|| VersionHeaders {
        old: from.to_string(),
        new: to.to_string(),
    });
    (rest, headers)
}
