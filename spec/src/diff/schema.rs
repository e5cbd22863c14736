//! The structural comparison of two schemas, walked in parallel through `$ref`s: keywords, fields
//! (with renames inside one object), items, and the selection question's criteria and operators.
//! Fields added or removed outside the question are collected as [`Loose`] ends and settled by
//! [`super::moves`], which recognises fields that moved.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::change::{Direction, Effect, Finding, Kind, Occurrence, Place};
use super::resolve::{Node, Resolver, View};

/// How deep a walk goes (VUM messages are about ten levels deep).
const MAX_DEPTH: usize = 48;
/// How deep alternatives within alternatives are read (a schema that is its own alternative ends).
const ALTERNATIVES_DEPTH: usize = 8;

/// One step of a path in a message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Seg {
    /// A property.
    Key(String),
    /// The elements of an array.
    Items,
}

/// Where a criterion key or operator stands in the question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pos {
    /// Keys are criteria (field paths) or `$or`/`$and`.
    Criteria,
    /// Keys are operators (`$eq`, `$elemMatch`, `$all`, …).
    Operators,
    /// An operand: keys are plain fields (`selectiegebied.postcode`).
    Operand,
}

/// The question part of a walk.
#[derive(Clone, Debug)]
pub(crate) struct Question {
    /// The question's component (`MPWerkzoekende`), or `vraagObject`.
    pub root: String,
    /// Where the question starts in the path.
    pub start: usize,
    pub pos: Pos,
    /// Criterion keys passed (`arbeidsmarktkwalificatie.rijbewijs`, `codeSoortRijbewijs`).
    pub keys: Vec<String>,
    /// Components passed inside the question (`rijbewijs_selectie`, …).
    pub components: Vec<String>,
}

/// Where the walk is: the operation and part, the path, and the component it is anchored to.
#[derive(Clone, Debug)]
pub(crate) struct Here {
    /// The occurrence this walk reports under (its path is filled per finding).
    pub occurrence: Occurrence,
    pub path: Vec<Seg>,
    /// The nearest object component (or the message label) and where it starts in the path.
    pub anchor: String,
    pub anchor_at: usize,
    /// Every anchor along the path, for placing moved fields.
    pub anchors: Vec<(usize, String)>,
    pub question: Option<Question>,
    /// Findings of one body share a group; moves are only recognised within it.
    pub group: usize,
    /// A place that every finding of this walk has (a header's or parameter's schema), with the
    /// names a requirement may use for it.
    pub fixed: Option<(Place, Vec<String>)>,
}

impl Here {
    /// The start of a body (or header/parameter) walk.
    pub(crate) fn root(occurrence: Occurrence, label: &str, group: usize) -> Self {
        Self {
            occurrence,
            path: Vec::new(),
            anchor: label.to_owned(),
            anchor_at: 0,
            anchors: vec![(0, label.to_owned())],
            question: None,
            group,
            fixed: None,
        }
    }

    /// A walk whose findings all stand at one place (a header's or parameter's schema).
    pub(crate) fn fixed(
        occurrence: Occurrence,
        place: Place,
        names: Vec<String>,
        group: usize,
    ) -> Self {
        let mut here = Self::root(occurrence, "", group);
        here.fixed = Some((place, names));
        here
    }

    fn child(&self, seg: Seg) -> Self {
        let mut next = self.clone();
        if let (Some(q), Seg::Key(key)) = (&mut next.question, &seg) {
            if q.pos == Pos::Criteria && !key.starts_with('$') {
                q.keys.push(key.clone());
            }
            q.pos = match (q.pos, key.as_str()) {
                (Pos::Operand, _) => Pos::Operand,
                (_, "$or" | "$and" | "$nor" | "$elemMatch") => Pos::Criteria,
                (_, "$all" | "$not") => Pos::Operators,
                (_, k) if k.starts_with('$') => Pos::Operand,
                (Pos::Criteria, "selectiegebied") if next.path.len() == q.start => Pos::Operand,
                (Pos::Criteria | Pos::Operators, _) => Pos::Operators,
            };
        }
        next.path.push(seg);
        next
    }

    /// The walk enters a schema: an object component becomes the anchor; in the question, the
    /// component is noted for requirement matching.
    pub(crate) fn enter(&self, view: &View<'_>) -> Self {
        let mut next = self.clone();
        match &mut next.question {
            Some(q) => {
                let root = q.root.clone();
                q.components
                    .extend(view.names.iter().filter(|n| **n != root).cloned());
            }
            None => {
                if let Some(name) = view.name().filter(|_| is_object_like(view)) {
                    next.anchor = name.to_owned();
                    next.anchor_at = next.path.len();
                    next.anchors.push((next.path.len(), name.to_owned()));
                }
            }
        }
        next
    }

    /// The walk enters the selection question (the `vraagObject` of a matches request).
    pub(crate) fn enter_question(&self, view: &View<'_>) -> Self {
        let mut next = self.clone();
        next.question = Some(Question {
            root: view.name().unwrap_or("vraagObject").to_owned(),
            start: next.path.len(),
            pos: Pos::Criteria,
            keys: Vec::new(),
            components: Vec::new(),
        });
        next
    }

    /// The place of a finding here.
    pub(crate) fn place(&self) -> Place {
        if let Some((place, _)) = &self.fixed {
            return place.clone();
        }
        match &self.question {
            Some(q) => Place::Question {
                question: q.root.clone(),
                path: show_question(&self.path[q.start..]),
            },
            None => Place::Field {
                anchor: self.anchor.clone(),
                path: show(&self.path[self.anchor_at..]),
                direction: self.occurrence.direction,
            },
        }
    }

    /// The occurrence of a finding here, with its full path.
    pub(crate) fn occurrence(&self) -> Occurrence {
        let mut occurrence = self.occurrence.clone();
        let path = match &self.question {
            Some(q) => {
                let inner = show_question(&self.path[q.start..]);
                let outer = show(&self.path[..q.start]);
                if inner.is_empty() {
                    outer
                } else {
                    format!("{outer} › {inner}")
                }
            }
            None => show(&self.path),
        };
        occurrence.path = (!path.is_empty()).then_some(path);
        occurrence
    }

    /// Names a requirement may use for this place.
    pub(crate) fn names(&self) -> Vec<String> {
        if let Some((_, names)) = &self.fixed {
            return names.clone();
        }
        let mut names = Vec::new();
        if let Some(q) = &self.question {
            names.extend(q.keys.iter().cloned());
            names.extend(q.components.iter().cloned());
            if let Some(Seg::Key(leaf)) = self.path.last()
                && is_distinctive(leaf)
            {
                names.push(leaf.clone());
            }
            return names;
        }
        let keys: Vec<&str> = self
            .path
            .iter()
            .filter_map(|s| match s {
                Seg::Key(k) => Some(k.as_str()),
                Seg::Items => None,
            })
            .collect();
        for start in 0..keys.len().saturating_sub(1) {
            names.push(keys[start..].join("."));
        }
        if let Some(leaf) = keys.last().filter(|l| is_distinctive(l)) {
            names.push((*leaf).to_owned());
        }
        if self.anchors.len() > 1 {
            names.push(self.anchor.clone());
        }
        names
    }

    pub(crate) fn finding(
        &self,
        kind: Kind,
        old: Option<String>,
        new: Option<String>,
        effect: Effect,
    ) -> Finding {
        Finding {
            kind,
            place: self.place(),
            old,
            new,
            effect,
            occurrence: self.occurrence(),
            names: self.names(),
        }
    }
}

/// A camelCase name like `idWerkzoekende` or `maximumAantalResultatenBereikt`: specific enough to
/// find in a requirement's text on its own (unlike `postcode` or `matches`).
fn is_distinctive(name: &str) -> bool {
    name.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

/// A body path: `matches[].arbeidsmarktkwalificatie.opleiding[].toelichtingOpleiding`.
pub(crate) fn show(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Items => out.push_str("[]"),
        }
    }
    out
}

/// A question path: `arbeidsmarktkwalificatie.rijbewijs › $all[] › $elemMatch › codeSoortRijbewijs`.
fn show_question(path: &[Seg]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for seg in path {
        match seg {
            Seg::Key(k) => parts.push(k.clone()),
            Seg::Items => match parts.last_mut() {
                Some(last) => last.push_str("[]"),
                None => parts.push("[]".to_owned()),
            },
        }
    }
    parts.join(" › ")
}

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

/// The alternatives of a schema (`oneOf`, `anyOf`), resolved.
fn alternatives<'a>(resolver: &Resolver<'a>, view: &View<'a>) -> Vec<View<'a>> {
    ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| view.get(k))
        .flat_map(|node| {
            node.value
                .as_array()
                .into_iter()
                .flatten()
                .map(move |value| Node {
                    doc: node.doc,
                    value,
                })
        })
        .map(|node| resolver.view(node))
        .collect()
}

fn all_of<'a>(resolver: &Resolver<'a>, view: &View<'a>) -> Vec<View<'a>> {
    view.get("allOf")
        .map(|node| {
            node.value
                .as_array()
                .into_iter()
                .flatten()
                .map(|value| {
                    resolver.view(Node {
                        doc: node.doc,
                        value,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The fields of an object, read through `allOf` and the alternatives, and which are required
/// (own and `allOf` requirements, and those every alternative requires).
pub(crate) fn merged<'a>(
    resolver: &Resolver<'a>,
    view: &View<'a>,
) -> (BTreeMap<String, Node<'a>>, BTreeSet<String>) {
    fn collect<'a>(
        resolver: &Resolver<'a>,
        view: &View<'a>,
        depth: usize,
        props: &mut BTreeMap<String, Node<'a>>,
        required: &mut BTreeSet<String>,
    ) {
        if depth > 6 {
            return;
        }
        if let Some(node) = view.get("properties")
            && let Some(map) = node.value.as_object()
        {
            for (key, value) in map {
                props.entry(key.clone()).or_insert(Node {
                    doc: node.doc,
                    value,
                });
            }
        }
        required.extend(strings(view.value("required")));
        for member in all_of(resolver, view) {
            collect(resolver, &member, depth + 1, props, required);
        }
        let alternatives = alternatives(resolver, view);
        let mut common: Option<BTreeSet<String>> = None;
        for alternative in &alternatives {
            let mut own = BTreeSet::new();
            collect(resolver, alternative, depth + 1, props, &mut own);
            common = Some(match common {
                None => own,
                Some(c) => c.intersection(&own).cloned().collect(),
            });
        }
        required.extend(common.unwrap_or_default());
    }
    let (mut props, mut required) = (BTreeMap::new(), BTreeSet::new());
    collect(resolver, view, 0, &mut props, &mut required);
    (props, required)
}

fn strings(value: Option<&Value>) -> BTreeSet<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// Whether a schema describes an object with fields (itself or through its alternatives).
pub(crate) fn is_object_like(view: &View<'_>) -> bool {
    view.get("properties").is_some()
        || view.value("type").and_then(Value::as_str) == Some("object")
        || ["oneOf", "anyOf", "allOf"].iter().any(|k| {
            view.value(k).and_then(Value::as_array).is_some_and(|alts| {
                alts.iter()
                    .any(|a| a.get("properties").is_some() || a.get("$ref").is_some())
            })
        })
}

/// The JSON types a schema allows (without `null`); empty when it does not say.
fn types(resolver: &Resolver<'_>, view: &View<'_>, depth: usize) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = match view.value("type") {
        Some(Value::String(t)) => [t.clone()].into(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => BTreeSet::new(),
    };
    if out.is_empty() {
        let alternatives = alternatives(resolver, view);
        if !alternatives.is_empty() && depth < ALTERNATIVES_DEPTH {
            for alternative in &alternatives {
                out.extend(types(resolver, alternative, depth + 1));
            }
        } else if let Some(values) = view.value("enum").and_then(Value::as_array) {
            out.extend(values.iter().filter(|v| !v.is_null()).map(json_type));
        } else if view.get("properties").is_some() {
            out.insert("object".to_owned());
        } else if view.get("items").is_some() {
            out.insert("array".to_owned());
        }
    }
    out.remove("null");
    out
}

fn json_type(value: &Value) -> String {
    match value {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    }
    .to_owned()
}

/// Whether `wide` allows every type of `narrow` (an integer is a number).
fn covers(wide: &BTreeSet<String>, narrow: &BTreeSet<String>) -> bool {
    narrow
        .iter()
        .all(|t| wide.contains(t) || t == "integer" && wide.contains("number"))
}

fn nullable(view: &View<'_>) -> bool {
    view.value("nullable").and_then(Value::as_bool) == Some(true)
        || match view.value("type") {
            Some(Value::Array(ts)) => ts.iter().any(|t| t == "null"),
            Some(Value::String(t)) => t == "null",
            _ => false,
        }
}

fn text(view: &View<'_>, keyword: &str) -> Option<String> {
    view.value(keyword).map(scalar)
}

fn number(value: Option<&Value>) -> Option<f64> {
    value.and_then(Value::as_f64)
}

/// A value as the changelog shows it: numbers without a needless `.0`, strings bare.
pub(crate) fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

/// The allowed values (`enum`, `const`; of every alternative when each has them), as JSON text.
fn enum_values(resolver: &Resolver<'_>, view: &View<'_>, depth: usize) -> Option<BTreeSet<String>> {
    if let Some(values) = view.value("enum").and_then(Value::as_array) {
        return Some(
            values
                .iter()
                .filter(|v| !v.is_null())
                .map(enum_text)
                .collect(),
        );
    }
    if let Some(value) = view.value("const") {
        return Some([enum_text(value)].into());
    }
    let alternatives = alternatives(resolver, view);
    if alternatives.is_empty() || depth >= ALTERNATIVES_DEPTH {
        return None;
    }
    let mut all = BTreeSet::new();
    for alternative in &alternatives {
        all.extend(enum_values(resolver, alternative, depth + 1)?);
    }
    Some(all)
}

fn enum_text(value: &Value) -> String {
    match value {
        Value::String(s) => format!("\"{s}\""),
        other => scalar(other),
    }
}

fn show_set(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "-".to_owned()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// `additionalProperties: false` on the object, or on every alternative.
fn closed(resolver: &Resolver<'_>, view: &View<'_>, depth: usize) -> bool {
    if view.value("additionalProperties") == Some(&Value::Bool(false)) {
        return true;
    }
    let alternatives = alternatives(resolver, view);
    depth < ALTERNATIVES_DEPTH
        && !alternatives.is_empty()
        && alternatives.iter().all(|a| closed(resolver, a, depth + 1))
}

/// The composition of a schema in words: `oneOf (2 varianten)`, `not`, or `-`.
fn shape(view: &View<'_>) -> String {
    let mut parts = Vec::new();
    for keyword in ["oneOf", "anyOf"] {
        if let Some(alts) = view.value(keyword).and_then(Value::as_array) {
            parts.push(format!("{keyword} ({} varianten)", alts.len()));
        }
    }
    if view.value("not").is_some() {
        parts.push("not".to_owned());
    }
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join(", ")
    }
}

/// What a schema constrains, as text: references followed, annotations left out, keys sorted.
pub(crate) fn fingerprint(resolver: &Resolver<'_>, node: Node<'_>) -> String {
    fn print(resolver: &Resolver<'_>, node: Node<'_>, depth: usize, out: &mut String) {
        if depth > 8 {
            out.push('…');
            return;
        }
        let view = resolver.view(node);
        let mut keys: BTreeSet<&str> = BTreeSet::new();
        for layer_key in [
            "type",
            "format",
            "pattern",
            "enum",
            "const",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minItems",
            "maxItems",
            "required",
            "additionalProperties",
            "nullable",
            "properties",
            "items",
            "oneOf",
            "anyOf",
            "allOf",
            "not",
        ] {
            if view.get(layer_key).is_some() {
                keys.insert(layer_key);
            }
        }
        out.push('{');
        for key in keys {
            let Some(child) = view.get(key) else { continue };
            out.push_str(key);
            out.push(':');
            match (key, child.value) {
                ("properties", Value::Object(map)) => {
                    out.push('{');
                    let sorted: BTreeMap<&String, &Value> = map.iter().collect();
                    for (name, value) in sorted {
                        out.push_str(name);
                        out.push(':');
                        print(
                            resolver,
                            Node {
                                doc: child.doc,
                                value,
                            },
                            depth + 1,
                            out,
                        );
                        out.push(',');
                    }
                    out.push('}');
                }
                ("items" | "not", value) if value.is_object() => {
                    print(
                        resolver,
                        Node {
                            doc: child.doc,
                            value,
                        },
                        depth + 1,
                        out,
                    );
                }
                ("additionalProperties", value) if value.is_object() => {
                    print(
                        resolver,
                        Node {
                            doc: child.doc,
                            value,
                        },
                        depth + 1,
                        out,
                    );
                }
                ("oneOf" | "anyOf" | "allOf", Value::Array(items)) => {
                    out.push('[');
                    for value in items {
                        print(
                            resolver,
                            Node {
                                doc: child.doc,
                                value,
                            },
                            depth + 1,
                            out,
                        );
                        out.push(',');
                    }
                    out.push(']');
                }
                ("required" | "enum", Value::Array(items)) => {
                    let sorted: BTreeSet<String> = items.iter().map(Value::to_string).collect();
                    out.push_str(&sorted.into_iter().collect::<Vec<_>>().join(","));
                }
                (_, value) => out.push_str(&scalar(value)),
            }
            out.push(';');
        }
        out.push('}');
    }
    let mut out = String::new();
    print(resolver, node, 0, &mut out);
    out
}
