//! The comparison of two contract sets: contracts added or removed, each pair of contracts
//! operation by operation, moved fields settled, and component schemas by name.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::change::{Effect, Finding, Kind, Place};
use super::load::{Contract, ContractSet};
use super::moves;
use super::operations::{ContractPair, contract_occurrence};
use super::schema::Walker;

/// Every finding between two sets.
pub(crate) fn findings(old: &ContractSet, new: &ContractSet) -> Vec<Finding> {
    let mut walker = Walker::new(old.resolver(), new.resolver());
    let names: BTreeSet<&str> = old
        .contracts
        .iter()
        .chain(&new.contracts)
        .map(|c| c.name.as_str())
        .collect();
    let mut groups = 0;
    let mut pairs = Vec::new();
    for name in names {
        match (old.contract(name), new.contract(name)) {
            (Some(o), Some(n)) => {
                ContractPair {
                    walker: &mut walker,
                    old: o,
                    new: n,
                    groups: &mut groups,
                }
                .compare();
                pairs.push((o, n));
            }
            (Some(o), None) => walker.findings.push(whole(o, false)),
            (None, Some(n)) => walker.findings.push(whole(n, true)),
            (None, None) => {}
        }
    }
    moves::settle(&mut walker);
    for (o, n) in pairs {
        let found = schemas(old, new, o, n, &walker.met);
        walker.findings.extend(found);
    }
    walker.findings
}

fn whole(contract: &Contract, added: bool) -> Finding {
    let (kind, effect) = if added {
        (Kind::ContractAdded, Effect::Widened)
    } else {
        (Kind::ContractRemoved, Effect::Narrowed)
    };
    Finding {
        kind,
        place: Place::Contract {
            contract: contract.name.clone(),
        },
        old: None,
        new: None,
        effect,
        occurrence: contract_occurrence(contract),
        names: vec![contract.name.clone()],
    }
}

/// The names of the component schemas of a contract, in its document and the documents it
/// references (a contract split over files has the same names as a whole one).
fn component_names<'a>(set: &'a ContractSet, contract: &Contract) -> BTreeSet<&'a str> {
    contract
        .reach
        .iter()
        .filter_map(|&doc| set.documents[doc].value.pointer("/components/schemas"))
        .filter_map(Value::as_object)
        .flat_map(|m| m.keys().map(String::as_str))
        .collect()
}

/// Component schemas added, removed or renamed. A removed and an added name that the walk met at
/// the same place of a message (and no other) are a rename; a removed name met at the place of a
/// name that exists in both versions was replaced by it.
fn schemas(
    old_set: &ContractSet,
    new_set: &ContractSet,
    old: &Contract,
    new: &Contract,
    met: &BTreeMap<(String, String), BTreeSet<String>>,
) -> Vec<Finding> {
    let (on, nn) = (component_names(old_set, old), component_names(new_set, new));
    let only_old: Vec<&str> = on.difference(&nn).copied().collect();
    let only_new: BTreeSet<&str> = nn.difference(&on).copied().collect();
    let seen = |name: &str| -> BTreeSet<&str> {
        met.get(&(new.name.clone(), name.to_owned()))
            .map(|s| s.iter().map(String::as_str).collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    let mut renamed_to = BTreeSet::new();
    let finding = |kind, name: &str, old: Option<String>, new_name: Option<String>| Finding {
        kind,
        place: Place::Schema {
            name: name.to_owned(),
        },
        old,
        new: new_name,
        effect: Effect::Neutral,
        occurrence: contract_occurrence(new),
        names: vec![name.to_owned()],
    };
    for name in &only_old {
        let met_here = seen(name);
        let targets: Vec<&str> = met_here.intersection(&only_new).copied().collect();
        let unique_back = |target: &str| {
            only_old
                .iter()
                .filter(|other| seen(other).contains(target))
                .count()
                == 1
        };
        match targets.as_slice() {
            [target] if unique_back(target) => {
                renamed_to.insert(*target);
                out.push(finding(
                    Kind::SchemaRenamed,
                    name,
                    Some((*name).to_owned()),
                    Some((*target).to_owned()),
                ));
            }
            _ => {
                let kept: Vec<&str> = met_here
                    .iter()
                    .copied()
                    .filter(|t| nn.contains(t))
                    .collect();
                let replaced =
                    (!kept.is_empty()).then(|| format!("vervangen door {}", kept.join(", ")));
                out.push(finding(Kind::SchemaRemoved, name, None, replaced));
            }
        }
    }
    for name in only_new.difference(&renamed_to) {
        out.push(finding(Kind::SchemaAdded, name, None, None));
    }
    out
}
