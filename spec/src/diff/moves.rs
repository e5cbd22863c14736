//! Fields that moved or were renamed across objects: within one body, a removed and an added field
//! with the same last name and the same type (the same referenced component, or the same content),
//! or with the same content and the same description under another name, are one field in a new
//! place — when the pairing is unique both ways (the nearest candidate counts). Fields inside a removed
//! or added field take part, so `werkgever.adresHouding[].adres.adresNederland.postcode` can be
//! found again as `adres.postcode`. What is left is reported as added or removed.

use std::collections::BTreeMap;

use super::change::{Effect, Finding, Kind, Place};
use super::here::{Seg, show};
use super::keywords::fingerprint;
use super::schema::{Loose, Walker};

/// Settles every loose end of the walker, walking moved pairs for their own changes (which may
/// leave new loose ends, settled in turn).
pub(crate) fn settle(walker: &mut Walker<'_>) {
    while !walker.loose.is_empty() {
        let batch = std::mem::take(&mut walker.loose);
        let mut groups: BTreeMap<usize, Vec<Loose<'_>>> = BTreeMap::new();
        for item in batch {
            groups.entry(item.here.group).or_default().push(item);
        }
        for (_, items) in groups {
            settle_group(walker, items);
        }
    }
}

struct Candidate {
    leaf: String,
    reference: Option<String>,
    print: String,
    description: Option<String>,
}

fn settle_group<'a>(walker: &mut Walker<'a>, items: Vec<Loose<'a>>) {
    let (added, removed): (Vec<Loose<'a>>, Vec<Loose<'a>>) =
        items.into_iter().partition(|l| l.added);
    let describe = |item: &Loose<'a>, added: bool| {
        let resolver = if added { walker.new } else { walker.old };
        Candidate {
            leaf: match item.here.path.last() {
                Some(Seg::Key(k)) => k.rsplit('.').next().unwrap_or(k).to_owned(),
                _ => String::new(),
            },
            reference: resolver.view(item.node).names.first().cloned(),
            print: fingerprint(&resolver, item.node),
            description: resolver
                .view(item.node)
                .value("description")
                .and_then(|d| d.as_str())
                .filter(|d| !d.trim().is_empty())
                .map(str::to_owned),
        }
    };
    let a_info: Vec<Candidate> = added.iter().map(|a| describe(a, true)).collect();
    let r_info: Vec<Candidate> = removed.iter().map(|r| describe(r, false)).collect();
    let fits = |r: usize, a: usize| {
        let (r, a) = (&r_info[r], &a_info[a]);
        let same_name = !r.leaf.is_empty()
            && r.leaf == a.leaf
            && (r.reference.is_some() && r.reference == a.reference || r.print == a.print);
        let same_meaning =
            r.description.is_some() && r.description == a.description && r.print == a.print;
        same_name || same_meaning
    };
    // Among fitting fields, the nearest (longest shared path) is the candidate; it must be unique
    // both ways.
    let shared = |r: usize, a: usize| common_prefix(&removed[r].here.path, &added[a].here.path);
    let mut order: Vec<usize> = (0..added.len()).collect();
    order.sort_by_key(|&i| (added[i].here.path.len(), added[i].here.path.clone()));
    let (mut used_a, mut used_r) = (vec![false; added.len()], vec![false; removed.len()]);
    let mut pairs = Vec::new();
    for a in order {
        if used_a[a] {
            continue;
        }
        let candidates = nearest(
            (0..removed.len()).filter(|&r| !used_r[r] && fits(r, a)),
            |r| shared(r, a),
        );
        let [r] = candidates.as_slice() else { continue };
        let back = nearest(
            (0..added.len()).filter(|&a2| !used_a[a2] && fits(*r, a2)),
            |a2| shared(*r, a2),
        );
        if back != [a] {
            continue;
        }
        pairs.push((*r, a));
        for (i, item) in removed.iter().enumerate() {
            used_r[i] |= item.here.path.starts_with(&removed[*r].here.path);
        }
        for (i, item) in added.iter().enumerate() {
            used_a[i] |= item.here.path.starts_with(&added[a].here.path);
        }
    }
    for (r, a) in &pairs {
        let (r, a) = (&removed[*r], &added[*a]);
        walker.findings.push(moved(r, a));
        walker.required(&a.here, r.required, a.required);
        walker.node(r.node, a.node, &a.here);
    }
    let paired_r: Vec<usize> = pairs.iter().map(|(r, _)| *r).collect();
    let paired_a: Vec<usize> = pairs.iter().map(|(_, a)| *a).collect();
    for (i, item) in removed.iter().enumerate() {
        if item.top && !paired_r.contains(&i) {
            let f = item
                .here
                .finding(Kind::FieldRemoved, None, None, Effect::Both);
            walker.findings.push(f);
        }
    }
    for (i, item) in added.iter().enumerate() {
        if item.top && !paired_a.contains(&i) {
            let (kind, effect) = if item.required {
                (Kind::RequiredFieldAdded, Effect::Both)
            } else {
                (Kind::FieldAdded, Effect::Widened)
            };
            walker
                .findings
                .push(item.here.finding(kind, None, None, effect));
        }
    }
}

/// The items with the longest shared path.
fn nearest(items: impl Iterator<Item = usize>, shared: impl Fn(usize) -> usize) -> Vec<usize> {
    let scored: Vec<(usize, usize)> = items.map(|i| (shared(i), i)).collect();
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    scored
        .into_iter()
        .filter(|(s, _)| *s == best)
        .map(|(_, i)| i)
        .collect()
}

fn common_prefix(a: &[Seg], b: &[Seg]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The finding of a move: placed at the deepest object both paths share, with the old and the new
/// path from there.
fn moved(r: &Loose<'_>, a: &Loose<'_>) -> Finding {
    let (old, new) = (&r.here.path, &a.here.path);
    let limit = old.len().min(new.len()).saturating_sub(1);
    let common = old
        .iter()
        .zip(new)
        .take(limit)
        .take_while(|(x, y)| x == y)
        .count();
    let (at, anchor) = a
        .here
        .anchors
        .iter()
        .rev()
        .find(|(pos, _)| *pos <= common)
        .cloned()
        .unwrap_or((0, a.here.anchor.clone()));
    let mut names = a.here.names();
    names.extend(r.here.names());
    Finding {
        kind: Kind::FieldMoved,
        place: Place::Field {
            anchor,
            path: show(&new[at..common]),
            direction: a.here.occurrence.direction,
        },
        old: Some(show(&old[common..])),
        new: Some(show(&new[common..])),
        effect: Effect::Both,
        occurrence: a.here.occurrence(),
        names,
    }
}
