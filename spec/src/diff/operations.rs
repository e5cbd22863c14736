//! The comparison of one contract with its next version: base path, operations, parameters and
//! headers, request bodies, status codes and response bodies. Bodies and parameter schemas are
//! handed to the schema [`Walker`].

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::change::{Direction, Effect, Finding, Kind, Message, Occurrence, Place};
use super::here::Here;
use super::load::Contract;
use super::resolve::{Node, Resolver, View};
use super::schema::Walker;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// An occurrence in a contract, outside any operation.
pub(crate) fn contract_occurrence(contract: &Contract) -> Occurrence {
    Occurrence {
        contract: contract.name.clone(),
        operation: None,
        part: None,
        path: None,
        side: contract.side,
        direction: Direction::Request,
        message: Message::Contract,
        kind: contract.kind.clone(),
    }
}

fn finding(
    kind: Kind,
    place: Place,
    old: Option<String>,
    new: Option<String>,
    effect: Effect,
    occurrence: Occurrence,
    names: Vec<String>,
) -> Finding {
    Finding {
        kind,
        place,
        old,
        new,
        effect,
        occurrence,
        names,
    }
}

/// One operation of a contract: method, path as written, and the objects it is read from.
struct Operation<'a> {
    method: String,
    path: String,
    item: Node<'a>,
    op: Node<'a>,
}

/// Compares two versions of one contract.
pub(crate) struct ContractPair<'w, 'a> {
    pub walker: &'w mut Walker<'a>,
    pub old: &'a Contract,
    pub new: &'a Contract,
    pub groups: &'w mut usize,
}

impl<'a> ContractPair<'_, 'a> {
    pub(crate) fn compare(&mut self) {
        let (old_doc, new_doc) = (self.doc(false), self.doc(true));
        let (ob, nb) = (base_paths(old_doc), base_paths(new_doc));
        if ob != nb {
            self.push(finding(
                Kind::BasePathChanged,
                Place::BasePath,
                Some(join(&ob)),
                Some(join(&nb)),
                Effect::Both,
                contract_occurrence(self.new),
                Vec::new(),
            ));
        }
        let old_ops = self.operations(false);
        let new_ops = self.operations(true);
        let keys: BTreeSet<&(String, String)> = old_ops.keys().chain(new_ops.keys()).collect();
        for key in keys {
            match (old_ops.get(key), new_ops.get(key)) {
                (Some(o), Some(n)) => self.operation(o, n),
                (Some(o), None) => self.whole_operation(o, false),
                (None, Some(n)) => self.whole_operation(n, true),
                (None, None) => {}
            }
        }
    }

    fn resolver(&self, new: bool) -> Resolver<'a> {
        if new {
            self.walker.new
        } else {
            self.walker.old
        }
    }

    fn doc(&self, new: bool) -> Node<'a> {
        let (resolver, contract) = if new {
            (self.walker.new, self.new)
        } else {
            (self.walker.old, self.old)
        };
        Node {
            doc: contract.document,
            value: &resolver.documents()[contract.document].value,
        }
    }

    fn push(&mut self, finding: Finding) {
        self.walker.findings.push(finding);
    }

    fn next_group(&mut self) -> usize {
        *self.groups += 1;
        *self.groups
    }

    /// The operations of a contract by method and path template (parameter names left out).
    fn operations(&self, new: bool) -> BTreeMap<(String, String), Operation<'a>> {
        let contract = if new { self.new } else { self.old };
        let resolver = self.resolver(new);
        let doc = self.doc(new);
        let mut out = BTreeMap::new();
        for path in &contract.paths {
            let Some(item) = doc.value.get("paths").and_then(|p| p.get(path)) else {
                continue;
            };
            let item = resolver
                .view(Node {
                    doc: doc.doc,
                    value: item,
                })
                .target();
            for method in METHODS {
                if let Some(op) = item.value.get(method) {
                    let key = (method.to_uppercase(), template(path));
                    out.insert(
                        key,
                        Operation {
                            method: method.to_uppercase(),
                            path: path.clone(),
                            item,
                            op: Node {
                                doc: item.doc,
                                value: op,
                            },
                        },
                    );
                }
            }
        }
        out
    }

    fn occurrence(
        &self,
        op: &Operation<'_>,
        part: Option<String>,
        direction: Direction,
        message: Message,
    ) -> Occurrence {
        Occurrence {
            contract: self.new.name.clone(),
            operation: Some(format!("{} {}", op.method, op.path)),
            part,
            path: None,
            side: self.new.side,
            direction,
            message,
            kind: self.new.kind.clone(),
        }
    }

    fn whole_operation(&mut self, op: &Operation<'a>, added: bool) {
        let (kind, effect, old, new) = if added {
            (
                Kind::OperationAdded,
                Effect::Widened,
                None,
                Some(format!("{} {}", op.method, op.path)),
            )
        } else {
            (
                Kind::OperationRemoved,
                Effect::Narrowed,
                Some(format!("{} {}", op.method, op.path)),
                None,
            )
        };
        let occurrence = self.occurrence(op, None, Direction::Request, Message::Contract);
        let names = vec![format!("{} {}", op.method, op.path), op.path.clone()];
        self.push(finding(
            kind,
            Place::Operation {
                method: op.method.clone(),
                path: op.path.clone(),
            },
            old,
            new,
            effect,
            occurrence,
            names,
        ));
    }

    fn operation(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        self.parameters(old, new);
        self.request_body(old, new);
        self.responses(old, new);
    }

    fn parameters(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        let (op, np) = (
            self.parameter_map(old, false),
            self.parameter_map(new, true),
        );
        let keys: BTreeSet<&(String, String)> = op.keys().chain(np.keys()).collect();
        for key in keys {
            let occurrence = |this: &Self, at: &Operation<'_>| {
                this.occurrence(
                    at,
                    Some("verzoek".into()),
                    Direction::Request,
                    Message::Header,
                )
            };
            match (op.get(key), np.get(key)) {
                (Some(o), Some(n)) => {
                    let (old_name, new_name) = (param_name(o), param_name(n));
                    if old_name != new_name && key.1 != new_name.to_ascii_lowercase() {
                        let place = param_place(n);
                        self.push(finding(
                            Kind::ParameterRenamed,
                            place,
                            Some(old_name),
                            Some(new_name),
                            Effect::Neutral,
                            occurrence(self, new),
                            Vec::new(),
                        ));
                    }
                    let here = Here::fixed(
                        occurrence(self, new),
                        param_place(n),
                        param_names(n),
                        self.next_group(),
                    );
                    self.walker.required(&here, required(o), required(n));
                    if let (Some(os), Some(ns)) = (o.get("schema"), n.get("schema")) {
                        self.walker.node(os, ns, &here);
                    }
                }
                (Some(o), None) => {
                    let kind = if key.0 == "header" {
                        Kind::HeaderRemoved
                    } else {
                        Kind::ParameterRemoved
                    };
                    self.push(finding(
                        kind,
                        param_place(o),
                        None,
                        None,
                        Effect::Widened,
                        occurrence(self, old),
                        param_names(o),
                    ));
                }
                (None, Some(n)) => {
                    let (kind, effect) = match (key.0 == "header", required(n)) {
                        (true, true) => (Kind::RequiredHeaderAdded, Effect::Both),
                        (true, false) => (Kind::HeaderAdded, Effect::Harmless),
                        (false, true) => (Kind::ParameterAdded, Effect::Both),
                        (false, false) => (Kind::ParameterAdded, Effect::Widened),
                    };
                    self.push(finding(
                        kind,
                        param_place(n),
                        None,
                        None,
                        effect,
                        occurrence(self, new),
                        param_names(n),
                    ));
                }
                (None, None) => {}
            }
        }
    }

    /// Parameters of the path item and the operation (the operation's win), by location and name
    /// (header names in lower case: they are case-insensitive).
    fn parameter_map(&self, op: &Operation<'a>, new: bool) -> BTreeMap<(String, String), View<'a>> {
        let resolver = self.resolver(new);
        let mut out = BTreeMap::new();
        for holder in [op.item, op.op] {
            for value in holder
                .value
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let view = resolver.view(Node {
                    doc: holder.doc,
                    value,
                });
                let location = view
                    .value("in")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let name = param_name(&view);
                // Header names are case-insensitive; path parameters are known by their place.
                let key = match location.as_str() {
                    "header" => name.to_ascii_lowercase(),
                    "path" => names_in_template(&op.path)
                        .iter()
                        .position(|p| *p == name)
                        .map_or(name, |i| format!("{{{i}}}")),
                    _ => name,
                };
                out.insert((location, key), view);
            }
        }
        out
    }

    fn request_body(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        let ob = old.op.value.get("requestBody").map(|v| {
            self.resolver(false).view(Node {
                doc: old.op.doc,
                value: v,
            })
        });
        let nb = new.op.value.get("requestBody").map(|v| {
            self.resolver(true).view(Node {
                doc: new.op.doc,
                value: v,
            })
        });
        let occurrence = self.occurrence(
            new,
            Some("verzoek".into()),
            Direction::Request,
            Message::Request,
        );
        let place = Place::Body {
            direction: Direction::Request,
            media_type: String::new(),
        };
        match (ob, nb) {
            (None, None) => {}
            (Some(_), None) => self.push(finding(
                Kind::BodyRemoved,
                place,
                None,
                None,
                Effect::Both,
                occurrence,
                Vec::new(),
            )),
            (None, Some(n)) => {
                let effect = if required(&n) {
                    Effect::Both
                } else {
                    Effect::Widened
                };
                self.push(finding(
                    Kind::BodyAdded,
                    place,
                    None,
                    None,
                    effect,
                    occurrence,
                    Vec::new(),
                ));
            }
            (Some(o), Some(n)) => {
                let here = Here::fixed(occurrence.clone(), place, Vec::new(), 0);
                self.walker.required(&here, required(&o), required(&n));
                let label = format!("verzoek op {} {}", new.method, new.path);
                self.content(&o, &n, &occurrence, &label);
            }
        }
    }

    fn responses(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        let (or, nr) = (self.response_map(old, false), self.response_map(new, true));
        let codes: BTreeSet<&String> = or.keys().chain(nr.keys()).collect();
        for code in codes {
            let part = Some(format!("antwoord {code}"));
            let message = message_of(&new.method, &new.path, code);
            match (or.get(code), nr.get(code)) {
                (Some(o), Some(n)) => {
                    self.response_headers(new, code, o, n);
                    let occurrence = self.occurrence(new, part, Direction::Response, message);
                    let label = format!("antwoord {code} op {} {}", new.method, new.path);
                    self.content(o, n, &occurrence, &label);
                }
                (o, n) => {
                    let (kind, effect, view, op) = match (o, n) {
                        (Some(o), _) => (Kind::StatusRemoved, Effect::Narrowed, o, old),
                        (_, Some(n)) => (Kind::StatusAdded, Effect::Widened, n, new),
                        _ => continue,
                    };
                    let occurrence = self.occurrence(op, part, Direction::Response, message);
                    let mut names = vec![code.clone()];
                    names.extend(self.body_names(view, kind == Kind::StatusAdded));
                    self.push(finding(
                        kind,
                        Place::Status { code: code.clone() },
                        None,
                        None,
                        effect,
                        occurrence,
                        names,
                    ));
                }
            }
        }
    }

    fn response_map(&self, op: &Operation<'a>, new: bool) -> BTreeMap<String, View<'a>> {
        let resolver = self.resolver(new);
        op.op
            .value
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(code, value)| {
                (
                    code.clone(),
                    resolver.view(Node {
                        doc: op.op.doc,
                        value,
                    }),
                )
            })
            .collect()
    }

    /// Component names of a response's bodies (`Error`), for requirement matching.
    fn body_names(&self, response: &View<'a>, new: bool) -> Vec<String> {
        let resolver = self.resolver(new);
        media(&resolver, response)
            .into_values()
            .filter_map(|m| m.get("schema"))
            .flat_map(|s| resolver.view(s).names)
            .collect()
    }

    fn response_headers(
        &mut self,
        new: &Operation<'a>,
        code: &str,
        old: &View<'a>,
        newv: &View<'a>,
    ) {
        let (oh, nh) = (self.header_map(old, false), self.header_map(newv, true));
        let keys: BTreeSet<&String> = oh.keys().chain(nh.keys()).collect();
        for key in keys {
            let occurrence = self.occurrence(
                new,
                Some(format!("antwoord {code}")),
                Direction::Response,
                Message::Header,
            );
            match (oh.get(key), nh.get(key)) {
                (Some((_, o)), Some((name, n))) => {
                    let place = Place::Header {
                        name: name.clone(),
                        direction: Direction::Response,
                    };
                    let here =
                        Here::fixed(occurrence, place, vec![name.clone()], self.next_group());
                    self.walker.required(&here, required(o), required(n));
                    if let (Some(os), Some(ns)) = (o.get("schema"), n.get("schema")) {
                        self.walker.node(os, ns, &here);
                    }
                }
                (Some((name, _)), None) => {
                    let place = Place::Header {
                        name: name.clone(),
                        direction: Direction::Response,
                    };
                    self.push(finding(
                        Kind::HeaderRemoved,
                        place,
                        None,
                        None,
                        Effect::Widened,
                        occurrence,
                        vec![name.clone()],
                    ));
                }
                (None, Some((name, n))) => {
                    let place = Place::Header {
                        name: name.clone(),
                        direction: Direction::Response,
                    };
                    let (kind, effect) = if required(n) {
                        (Kind::RequiredHeaderAdded, Effect::Narrowed)
                    } else {
                        (Kind::HeaderAdded, Effect::Harmless)
                    };
                    self.push(finding(
                        kind,
                        place,
                        None,
                        None,
                        effect,
                        occurrence,
                        vec![name.clone()],
                    ));
                }
                (None, None) => {}
            }
        }
    }

    /// Response headers by lower-case name, with the name as written.
    fn header_map(&self, response: &View<'a>, new: bool) -> BTreeMap<String, (String, View<'a>)> {
        let resolver = self.resolver(new);
        response
            .get("headers")
            .and_then(|h| h.value.as_object().map(|m| (h.doc, m)))
            .into_iter()
            .flat_map(|(doc, map)| {
                map.iter().map(move |(name, value)| {
                    (
                        name.to_ascii_lowercase(),
                        (name.clone(), resolver.view(Node { doc, value })),
                    )
                })
            })
            .collect()
    }

    /// Compares the media types of a request body or response and walks their schemas.
    fn content(&mut self, old: &View<'a>, new: &View<'a>, occurrence: &Occurrence, label: &str) {
        let (om, nm) = (
            media(&self.resolver(false), old),
            media(&self.resolver(true), new),
        );
        let types: BTreeSet<&String> = om.keys().chain(nm.keys()).collect();
        for media_type in types {
            let place = Place::Body {
                direction: occurrence.direction,
                media_type: media_type.clone(),
            };
            match (om.get(media_type), nm.get(media_type)) {
                (Some(o), Some(n)) => {
                    if let (Some(os), Some(ns)) = (o.get("schema"), n.get("schema")) {
                        let here = Here::root(occurrence.clone(), label, self.next_group());
                        self.walker.node(os, ns, &here);
                    }
                }
                (Some(_), None) => self.push(finding(
                    Kind::BodyRemoved,
                    place,
                    None,
                    None,
                    Effect::Both,
                    occurrence.clone(),
                    Vec::new(),
                )),
                (None, Some(_)) => self.push(finding(
                    Kind::BodyAdded,
                    place,
                    None,
                    None,
                    Effect::Widened,
                    occurrence.clone(),
                    Vec::new(),
                )),
                (None, None) => {}
            }
        }
    }
}

fn media<'a>(resolver: &Resolver<'a>, holder: &View<'a>) -> BTreeMap<String, View<'a>> {
    holder
        .get("content")
        .and_then(|c| c.value.as_object().map(|m| (c.doc, m)))
        .into_iter()
        .flat_map(|(doc, map)| {
            map.iter()
                .map(move |(k, value)| (k.clone(), resolver.view(Node { doc, value })))
        })
        .collect()
}

fn required(view: &View<'_>) -> bool {
    view.value("required").and_then(Value::as_bool) == Some(true)
}

fn param_place(view: &View<'_>) -> Place {
    let location = view
        .value("in")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let name = view
        .value("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if location == "header" {
        Place::Header {
            name,
            direction: Direction::Request,
        }
    } else {
        Place::Parameter { name, location }
    }
}

fn param_name(view: &View<'_>) -> String {
    view.value("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}

fn param_names(view: &View<'_>) -> Vec<String> {
    view.value("name")
        .and_then(Value::as_str)
        .map(|n| vec![n.to_owned()])
        .unwrap_or_default()
}

/// What a response body is, for mapping changes to requirements.
fn message_of(method: &str, path: &str, code: &str) -> Message {
    match code.chars().next() {
        Some('2') if method == "POST" && path.ends_with("/matches") => Message::Matches,
        Some('2') if method == "GET" => Message::Detail,
        Some('4' | '5') => Message::Error,
        _ => Message::OtherResponse,
    }
}

/// A path with its parameter names left out: `/vacatures/{}`.
fn template(path: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn names_in_template(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split('}').next())
        .collect()
}

/// The paths of the servers' URLs (`https://host/api/v3` → `/api/v3`).
fn base_paths(doc: Node<'_>) -> BTreeSet<String> {
    doc.value
        .get("servers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|s| s.get("url").and_then(Value::as_str))
        .map(|url| {
            let path = match url.split_once("://") {
                Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
                None => url,
            };
            let path = path.trim_end_matches('/');
            if path.is_empty() {
                "/".to_owned()
            } else {
                path.to_owned()
            }
        })
        .collect()
}

fn join(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "-".to_owned()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}
