//! The structural comparison of two schemas, walked in parallel through `$ref`s: keywords, fields
//! (with renames inside one object), items, and the selection question's criteria and operators.
//! Fields added or removed outside the question are collected as [`Loose`] ends and settled by
//! [`super::moves`], which recognises fields that moved.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::change::{Direction, Effect, Finding, Kind};
use super::here::{Here, Pos, Seg};
use super::keywords::{
    closed, covers, enum_values, fingerprint, is_object_like, merged, nullable, number, scalar,
    shape, show_set, text, types,
};
use super::resolve::{Node, Resolver, View};

/// How deep a walk goes (VUM messages are about ten levels deep).
const MAX_DEPTH: usize = 48;

/// A field added or removed outside the question, waiting to be recognised as moved or reported.
#[derive(Clone, Debug)]
pub(crate) struct Loose<'a> {
    pub added: bool,
    /// Whether it is the field that was added or removed (not a field inside it).
    pub top: bool,
    pub required: bool,
    pub here: Here,
    pub node: Node<'a>,
}

/// The comparison of two schemas, collecting findings.
#[derive(Debug)]
pub(crate) struct Walker<'a> {
    pub old: Resolver<'a>,
    pub new: Resolver<'a>,
    pub findings: Vec<Finding>,
    pub loose: Vec<Loose<'a>>,
    /// Components met at the same place under different names: (contract, old) → new names.
    pub met: BTreeMap<(String, String), BTreeSet<String>>,
    stack: Vec<(String, String)>,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(old: Resolver<'a>, new: Resolver<'a>) -> Self {
        Self {
            old,
            new,
            findings: Vec::new(),
            loose: Vec::new(),
            met: BTreeMap::new(),
            stack: Vec::new(),
        }
    }

    /// Compares two schemas at `here`.
    pub(crate) fn node(&mut self, old: Node<'a>, new: Node<'a>, here: &Here) {
        if here.path.len() > MAX_DEPTH {
            return;
        }
        let (ov, nv) = (self.old.view(old), self.new.view(new));
        for (o, n) in [
            (ov.names.first(), nv.names.first()),
            (ov.names.last(), nv.names.last()),
        ] {
            if let (Some(o), Some(n)) = (o, n)
                && o != n
            {
                self.met
                    .entry((here.occurrence.contract.clone(), o.clone()))
                    .or_default()
                    .insert(n.clone());
            }
        }
        let key = (ov.names.join("/"), nv.names.join("/"));
        let named = !key.0.is_empty() && !key.1.is_empty();
        if named && self.stack.contains(&key) {
            return;
        }
        if named {
            self.stack.push(key);
        }
        let here = here.enter(&nv);
        self.keywords(&ov, &nv, &here);
        self.properties(&ov, &nv, &here);
        if let (Some(oi), Some(ni)) = (ov.get("items"), nv.get("items")) {
            self.node(oi, ni, &here.child(Seg::Items));
        }
        if named {
            self.stack.pop();
        }
    }

    fn push(
        &mut self,
        here: &Here,
        kind: Kind,
        old: Option<String>,
        new: Option<String>,
        effect: Effect,
    ) {
        self.findings.push(here.finding(kind, old, new, effect));
    }

    fn keywords(&mut self, ov: &View<'a>, nv: &View<'a>, here: &Here) {
        let (ot, nt) = (types(&self.old, ov, 0), types(&self.new, nv, 0));
        if ot != nt {
            let effect = if ot.is_empty() {
                Effect::Narrowed
            } else if nt.is_empty() || covers(&nt, &ot) {
                Effect::Widened
            } else if covers(&ot, &nt) {
                Effect::Narrowed
            } else {
                Effect::Both
            };
            self.push(
                here,
                Kind::TypeChanged,
                Some(show_set(&ot)),
                Some(show_set(&nt)),
                effect,
            );
        }
        let (on, nn) = (nullable(ov), nullable(nv));
        if on != nn {
            let effect = if nn {
                Effect::Widened
            } else {
                Effect::Narrowed
            };
            let word = |b: bool| if b { "null toegestaan" } else { "geen null" }.to_owned();
            self.push(
                here,
                Kind::NullableChanged,
                Some(word(on)),
                Some(word(nn)),
                effect,
            );
        }
        for (keyword, kind) in [
            ("format", Kind::FormatChanged),
            ("pattern", Kind::PatternChanged),
        ] {
            let (o, n) = (text(ov, keyword), text(nv, keyword));
            if o != n {
                let effect = match (&o, &n) {
                    (None, Some(_)) => Effect::Narrowed,
                    (Some(_), None) => Effect::Widened,
                    _ => Effect::Both,
                };
                self.push(
                    here,
                    kind,
                    o.or(Some("-".to_owned())),
                    n.or(Some("-".to_owned())),
                    effect,
                );
            }
        }
        for (keyword, kind, upper) in [
            ("minLength", Kind::MinLengthChanged, false),
            ("maxLength", Kind::MaxLengthChanged, true),
            ("minimum", Kind::MinimumChanged, false),
            ("exclusiveMinimum", Kind::MinimumChanged, false),
            ("maximum", Kind::MaximumChanged, true),
            ("exclusiveMaximum", Kind::MaximumChanged, true),
            ("minItems", Kind::MinItemsChanged, false),
            ("maxItems", Kind::MaxItemsChanged, true),
        ] {
            let (o, n) = (ov.value(keyword), nv.value(keyword));
            if o == n || number(o) == number(n) && o.is_some() && n.is_some() {
                continue;
            }
            let effect = match (number(o), number(n), o.is_some(), n.is_some()) {
                (_, _, false, true) => Effect::Narrowed,
                (_, _, true, false) => Effect::Widened,
                (Some(a), Some(b), _, _) if (b > a) == upper => Effect::Widened,
                (Some(_), Some(_), _, _) => Effect::Narrowed,
                _ => Effect::Both,
            };
            let label = |v: Option<&Value>| {
                Some(match v {
                    None => "-".to_owned(),
                    Some(v) if keyword.starts_with("exclusive") => {
                        format!("{} (exclusief)", scalar(v))
                    }
                    Some(v) => scalar(v),
                })
            };
            self.push(here, kind, label(o), label(n), effect);
        }
        match (enum_values(&self.old, ov, 0), enum_values(&self.new, nv, 0)) {
            (Some(o), Some(n)) => {
                let added: BTreeSet<&String> = n.difference(&o).collect();
                let removed: BTreeSet<&String> = o.difference(&n).collect();
                if !added.is_empty() {
                    let values = show_set(&added.into_iter().cloned().collect());
                    self.push(
                        here,
                        Kind::EnumValuesAdded,
                        None,
                        Some(values),
                        Effect::Widened,
                    );
                }
                if !removed.is_empty() {
                    let values = show_set(&removed.into_iter().cloned().collect());
                    self.push(
                        here,
                        Kind::EnumValuesRemoved,
                        Some(values),
                        None,
                        Effect::Narrowed,
                    );
                }
            }
            (None, Some(n)) => {
                self.push(
                    here,
                    Kind::EnumIntroduced,
                    None,
                    Some(show_set(&n)),
                    Effect::Narrowed,
                );
            }
            (Some(o), None) => {
                self.push(
                    here,
                    Kind::EnumDropped,
                    Some(show_set(&o)),
                    None,
                    Effect::Widened,
                );
            }
            (None, None) => {}
        }
        if is_object_like(ov) || is_object_like(nv) {
            let (o, n) = (closed(&self.old, ov, 0), closed(&self.new, nv, 0));
            if o != n {
                let word = |c: bool| if c { "gesloten (false)" } else { "open" }.to_owned();
                let effect = if n { Effect::Narrowed } else { Effect::Widened };
                self.push(
                    here,
                    Kind::AdditionalPropertiesChanged,
                    Some(word(o)),
                    Some(word(n)),
                    effect,
                );
            }
        }
        let (os, ns) = (shape(ov), shape(nv));
        if os != ns {
            self.push(
                here,
                Kind::StructureChanged,
                Some(os),
                Some(ns),
                Effect::Both,
            );
        }
    }

    fn properties(&mut self, ov: &View<'a>, nv: &View<'a>, here: &Here) {
        let (op, oreq) = merged(&self.old, ov);
        let (np, nreq) = merged(&self.new, nv);
        if op.is_empty() && np.is_empty() {
            return;
        }
        let removed: Vec<&String> = op.keys().filter(|k| !np.contains_key(*k)).collect();
        let added: Vec<&String> = np.keys().filter(|k| !op.contains_key(*k)).collect();
        let pairs = self.renamed(&removed, &added, &op, &np);
        for (key, old) in &op {
            let Some(new) = np.get(key) else { continue };
            let child = here.child(Seg::Key(key.clone()));
            self.required(&child, oreq.contains(key), nreq.contains(key));
            let child = self.enter_child(&child, key, *new);
            self.node(*old, *new, &child);
        }
        for (r, a) in &pairs {
            let kind = if here.question.is_some() {
                Kind::CriterionRenamed
            } else {
                Kind::FieldMoved
            };
            self.push(
                here,
                kind,
                Some((*r).clone()),
                Some((*a).clone()),
                Effect::Both,
            );
            let child = here.child(Seg::Key((*a).clone()));
            self.required(&child, oreq.contains(*r), nreq.contains(*a));
            self.node(op[*r], np[*a], &child);
        }
        for key in removed
            .iter()
            .filter(|k| !pairs.iter().any(|(r, _)| r == *k))
        {
            self.one_sided(false, key, op[*key], oreq.contains(*key), here);
        }
        for key in added.iter().filter(|k| !pairs.iter().any(|(_, a)| a == *k)) {
            self.one_sided(true, key, np[*key], nreq.contains(*key), here);
        }
    }

    /// A child entering the question when it is the `vraagObject` of a request body.
    fn enter_child(&self, child: &Here, key: &str, new: Node<'a>) -> Here {
        let is_question = child.question.is_none()
            && key == "vraagObject"
            && child.occurrence.direction == Direction::Request
            && child.path.len() == 1;
        if is_question {
            child.enter_question(&self.new.view(new))
        } else {
            child.clone()
        }
    }

    pub(crate) fn required(&mut self, child: &Here, old: bool, new: bool) {
        match (old, new) {
            (false, true) => self.push(
                child,
                Kind::MadeRequired,
                Some("optioneel".into()),
                Some("verplicht".into()),
                Effect::Narrowed,
            ),
            (true, false) => self.push(
                child,
                Kind::MadeOptional,
                Some("verplicht".into()),
                Some("optioneel".into()),
                Effect::Widened,
            ),
            _ => {}
        }
    }

    /// Pairs removed and added keys of one object that are the same field under another name.
    fn renamed<'k>(
        &self,
        removed: &[&'k String],
        added: &[&'k String],
        op: &BTreeMap<String, Node<'a>>,
        np: &BTreeMap<String, Node<'a>>,
    ) -> Vec<(&'k String, &'k String)> {
        let similar = |r: &str, a: &str| {
            let (ov, nv) = (self.old.view(op[r]), self.new.view(np[a]));
            let same_print = fingerprint(&self.old, op[r]) == fingerprint(&self.new, np[a]);
            let same_leaf = last_segment(r) == last_segment(a);
            let same_ref = ov.name().is_some() && ov.name() == nv.name();
            let description = ov.value("description").filter(|d| !d.is_null());
            (same_leaf && (same_ref || same_print))
                || (same_print
                    && (r.eq_ignore_ascii_case(a)
                        || description.is_some() && description == nv.value("description")))
        };
        let mut pairs = Vec::new();
        for r in removed {
            let candidates: Vec<&&String> = added.iter().filter(|a| similar(r, a)).collect();
            if let [a] = candidates.as_slice() {
                let back = removed.iter().filter(|r2| similar(r2, a)).count();
                if back == 1 {
                    pairs.push((*r, **a));
                }
            }
        }
        pairs
    }

    fn one_sided(&mut self, added: bool, key: &str, node: Node<'a>, required: bool, here: &Here) {
        let child = here.child(Seg::Key(key.to_owned()));
        if let Some(q) = &here.question {
            let operator = key.starts_with('$');
            let (kind, effect) = match (q.pos, operator, added) {
                (Pos::Operand, _, true) if required => (Kind::RequiredFieldAdded, Effect::Both),
                (Pos::Operand, _, true) => (Kind::FieldAdded, Effect::Widened),
                (Pos::Operand, _, false) => (Kind::FieldRemoved, Effect::Both),
                (_, true, true) => (Kind::OperatorAdded, Effect::Widened),
                (_, true, false) => (Kind::OperatorRemoved, Effect::Narrowed),
                (_, false, true) => (Kind::CriterionAdded, Effect::Widened),
                (_, false, false) => (Kind::CriterionRemoved, Effect::Narrowed),
            };
            self.push(&child, kind, None, None, effect);
            return;
        }
        let resolver = if added { self.new } else { self.old };
        let view = resolver.view(node);
        self.loose.push(Loose {
            added,
            top: true,
            required,
            here: child.clone(),
            node,
        });
        let mut stack = Vec::new();
        self.descendants(resolver, added, &view, &child.enter(&view), &mut stack);
    }

    /// Every field inside an added or removed field, as candidates for a move.
    fn descendants(
        &mut self,
        resolver: Resolver<'a>,
        added: bool,
        view: &View<'a>,
        here: &Here,
        stack: &mut Vec<String>,
    ) {
        if here.path.len() > MAX_DEPTH {
            return;
        }
        let name = view.names.join("/");
        if !name.is_empty() && stack.contains(&name) {
            return;
        }
        stack.push(name);
        let (props, required) = merged(&resolver, view);
        for (key, node) in props {
            let child_view = resolver.view(node);
            let child = here.child(Seg::Key(key.clone())).enter(&child_view);
            self.loose.push(Loose {
                added,
                top: false,
                required: required.contains(&key),
                here: child.clone(),
                node,
            });
            self.descendants(resolver, added, &child_view, &child, stack);
        }
        if let Some(items) = view.get("items") {
            let items_view = resolver.view(items);
            let child = here.child(Seg::Items).enter(&items_view);
            self.descendants(resolver, added, &items_view, &child, stack);
        }
        stack.pop();
    }
}

fn last_segment(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}
