//! Where a walk is: the operation and part of a message, the path in it, the component it is
//! anchored to, and — inside the selection question — whether keys are criteria or operators.

use super::change::{Effect, Finding, Kind, Occurrence, Place};
use super::keywords::is_object_like;
use super::resolve::View;

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

    /// One step further.
    pub(crate) fn child(&self, seg: Seg) -> Self {
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
