//! Spec lint: does every criterion a contract's selection question allows resolve to a field of
//! the matching profile, with a compatible type?
//!
//! The question schema is the `vraagObject` of the `POST …/matches` request body; the matching
//! profile is the item schema of `matches` in its `200` response. A criterion key is a dotted path
//! into the profile (arrays are traversed, as in MongoDB); inside `$elemMatch` paths are relative to
//! the array element; `$or`/`$and` hold alternatives at the same level; `$all` holds `$elemMatch`
//! conditions on the same field. A property annotated with `x-vum-veld` is resolved at the path the
//! annotation names instead of its key (see [`crate::vraag`]). `selectiegebied` is a distance rule,
//! not a path: it is checked only when annotated, as a string postcode field.

use std::fmt;

use serde_json::{Map, Value};

use crate::vraag::VELD_ANNOTATIE;

/// A criterion that does not fit the matching profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The contract (`info.title`).
    pub contract: String,
    /// The criterion as it stands in the question (`bemiddelingsberoep → $elemMatch → $or[] →
    /// beroep.codeBeroepsnaam`).
    pub criterion: String,
    /// The field path it was resolved at in the matching profile.
    pub path: String,
    /// Why it does not fit.
    pub reason: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: criterion `{}` (path `{}`): {}",
            self.contract, self.criterion, self.path, self.reason
        )
    }
}

/// A document that cannot be linted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LintError {
    /// No `POST …/matches` operation with a `vraagObject` request.
    #[error("no POST …/matches operation with a vraagObject request body in {0}")]
    NoQuestion(String),
    /// No `matches` array in the 200 response.
    #[error("no `matches` array in the 200 response of {0}")]
    NoMatchingProfile(String),
    /// A `$ref` that does not resolve inside the document.
    #[error("reference {0} does not resolve inside the document")]
    BadReference(String),
}

const COMPARISONS: [&str; 6] = ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte"];

/// Lints one OpenAPI document (3.0 or 3.1). Returns the findings of every `…/matches` operation.
pub fn lint(document: &Value) -> Result<Vec<Finding>, LintError> {
    let title = document
        .pointer("/info/title")
        .and_then(Value::as_str)
        .unwrap_or("(untitled)")
        .to_owned();
    let linter = Linter {
        doc: document,
        title: title.clone(),
    };
    let mut findings = Vec::new();
    let mut operations = 0;
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let Some(post) = item.get("post").filter(|_| path.ends_with("/matches")) else {
            continue;
        };
        let question = linter
            .question(post)?
            .ok_or_else(|| LintError::NoQuestion(title.clone()))?;
        let profile = linter
            .profile(post)?
            .ok_or_else(|| LintError::NoMatchingProfile(title.clone()))?;
        operations += 1;
        linter.criteria(question, profile, &Trail::root(), &mut findings)?;
    }
    if operations == 0 {
        return Err(LintError::NoQuestion(title));
    }
    Ok(findings)
}

struct Linter<'a> {
    doc: &'a Value,
    title: String,
}

/// Where we are: the criterion as written, and the field path in the profile.
#[derive(Clone)]
struct Trail {
    criterion: Vec<String>,
    field: String,
}

impl Trail {
    fn root() -> Self {
        Self {
            criterion: Vec::new(),
            field: String::new(),
        }
    }

    fn step(&self, criterion: &str, field: Option<&str>) -> Self {
        let mut next = self.clone();
        next.criterion.push(criterion.to_owned());
        if let Some(field) = field {
            next.field = join(&self.field, field);
        }
        next
    }

    fn criterion(&self) -> String {
        self.criterion.join(" → ")
    }
}

fn join(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_owned()
    } else {
        format!("{prefix}.{path}")
    }
}

impl<'a> Linter<'a> {
    fn resolve(&self, mut schema: &'a Value) -> Result<&'a Value, LintError> {
        for _ in 0..64 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                return Ok(schema);
            };
            let pointer = reference
                .strip_prefix('#')
                .ok_or_else(|| LintError::BadReference(reference.to_owned()))?;
            schema = self
                .doc
                .pointer(pointer)
                .ok_or_else(|| LintError::BadReference(reference.to_owned()))?;
        }
        Err(LintError::BadReference("(reference cycle)".to_owned()))
    }

    fn question(&self, post: &'a Value) -> Result<Option<&'a Value>, LintError> {
        let Some(body) = post.get("requestBody") else {
            return Ok(None);
        };
        let body = self.resolve(body)?;
        let Some(schema) = body.pointer("/content/application~1json/schema") else {
            return Ok(None);
        };
        let schema = self.resolve(schema)?;
        match schema.pointer("/properties/vraagObject") {
            Some(question) => self.resolve(question).map(Some),
            None => Ok(None),
        }
    }

    fn profile(&self, post: &'a Value) -> Result<Option<&'a Value>, LintError> {
        let Some(ok) = post.pointer("/responses/200") else {
            return Ok(None);
        };
        let ok = self.resolve(ok)?;
        let Some(schema) = ok.pointer("/content/application~1json/schema") else {
            return Ok(None);
        };
        let schema = self.resolve(schema)?;
        let Some(matches) = schema.pointer("/properties/matches") else {
            return Ok(None);
        };
        let matches = self.resolve(matches)?;
        match matches.get("items") {
            Some(items) => self.resolve(items).map(Some),
            None => Ok(None),
        }
    }

    fn properties(&self, schema: &'a Value) -> Result<Vec<(&'a String, &'a Value)>, LintError> {
        let schema = self.resolve(schema)?;
        Ok(schema
            .get("properties")
            .and_then(Value::as_object)
            .map(Map::iter)
            .into_iter()
            .flatten()
            .collect())
    }

    /// A criteria object: keys are field paths relative to `base`, or `$or`/`$and`.
    fn criteria(
        &self,
        criteria: &'a Value,
        base: &'a Value,
        trail: &Trail,
        out: &mut Vec<Finding>,
    ) -> Result<(), LintError> {
        for (key, property) in self.properties(criteria)? {
            if key == "$or" || key == "$and" {
                let alternatives = self.resolve(property)?;
                if let Some(items) = alternatives.get("items") {
                    self.criteria(items, base, &trail.step(&format!("{key}[]"), None), out)?;
                }
                continue;
            }
            if key.starts_with('$') {
                out.push(self.finding(
                    &trail.step(key, None),
                    "an operator where a field path was expected",
                ));
                continue;
            }
            let annotated = property.get(VELD_ANNOTATIE).and_then(Value::as_str);
            if trail.criterion.is_empty() && key == "selectiegebied" {
                if let Some(field) = annotated {
                    self.selectiegebied(base, &trail.step(key, Some(field)), out)?;
                }
                continue;
            }
            let next = trail.step(key, Some(annotated.unwrap_or(key)));
            match self.field(base, &trail.field, annotated.unwrap_or(key))? {
                Err(reason) => out.push(self.finding(&next, &reason)),
                Ok(field) => self.operators(property, field, &next, out)?,
            }
        }
        Ok(())
    }

    /// An operator object on one field (possibly with `oneOf`/`anyOf`/`allOf` alternatives).
    fn operators(
        &self,
        operators: &'a Value,
        field: &'a Value,
        trail: &Trail,
        out: &mut Vec<Finding>,
    ) -> Result<(), LintError> {
        let operators = self.resolve(operators)?;
        for combinator in ["oneOf", "anyOf", "allOf"] {
            for alternative in operators
                .get(combinator)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.operators(alternative, field, trail, out)?;
            }
        }
        for (op, operand) in self.properties(operators)? {
            let here = trail.step(op, None);
            match op.as_str() {
                op if COMPARISONS.contains(&op) => {
                    let scalar = self.scalar(field)?;
                    if let Some(reason) = self.incompatible(scalar, operand)? {
                        out.push(self.finding(&here, &reason));
                    }
                }
                "$elemMatch" => match self.element(field)? {
                    Some(element) => {
                        self.criteria(operand, element, &here.step_field("[]"), out)?;
                    }
                    None => {
                        out.push(self.finding(&here, "$elemMatch on a field that is not an array"));
                    }
                },
                "$all" => {
                    if self.element(field)?.is_none() {
                        out.push(self.finding(&here, "$all on a field that is not an array"));
                    } else if let Some(items) = self.resolve(operand)?.get("items") {
                        self.operators(items, field, &here.step("[]", None), out)?;
                    }
                }
                other if other.starts_with('$') => {
                    out.push(self.finding(&here, "operator outside the subset the standard uses"));
                }
                _ => out.push(self.finding(&here, "a field path where an operator was expected")),
            }
        }
        Ok(())
    }

    fn selectiegebied(
        &self,
        base: &'a Value,
        trail: &Trail,
        out: &mut Vec<Finding>,
    ) -> Result<(), LintError> {
        match self.field(base, "", &trail.field)? {
            Err(reason) => out.push(self.finding(trail, &reason)),
            Ok(field) => {
                if !types(self.resolve(field)?).contains(&"string") {
                    out.push(self.finding(
                        trail,
                        "the postcode field of selectiegebied is not a string",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Resolves a dotted path from `base` (which stands at `context` in the profile); `Err(reason)`
    /// when a segment is not a field.
    fn field(
        &self,
        base: &'a Value,
        context: &str,
        path: &str,
    ) -> Result<Result<&'a Value, String>, LintError> {
        let mut current = self.resolve(base)?;
        let mut walked = String::new();
        for segment in path.split('.') {
            if let Some(element) = self.element(current)? {
                current = element;
            }
            let parent = match (walked.is_empty(), context.is_empty()) {
                (true, true) => "the matching profile".to_owned(),
                (true, false) => format!("the element of `{}`", context.trim_end_matches("[]")),
                (false, _) => format!("`{}`", join(context, &walked)),
            };
            let properties = current.get("properties").and_then(Value::as_object);
            let Some(next) = properties.and_then(|p| p.get(segment)) else {
                let known: Vec<&str> = properties
                    .into_iter()
                    .flat_map(|p| p.keys().map(String::as_str))
                    .collect();
                let mut reason = format!(
                    "`{segment}` is not a field of {parent} (fields: {})",
                    known.join(", ")
                );
                if let Some(found) = self.find_leaf(self.resolve(base)?, segment, "")? {
                    reason.push_str(&format!("; a field `{found}` exists"));
                }
                return Ok(Err(reason));
            };
            current = self.resolve(next)?;
            walked = join(&walked, segment);
        }
        Ok(Ok(current))
    }

    /// A field named `leaf` anywhere below `schema`, as a dotted path (for a helpful reason).
    fn find_leaf(
        &self,
        schema: &'a Value,
        leaf: &str,
        prefix: &str,
    ) -> Result<Option<String>, LintError> {
        let mut schema = self.resolve(schema)?;
        if let Some(element) = self.element(schema)? {
            schema = element;
        }
        for (key, property) in schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let path = join(prefix, key);
            if key == leaf && !prefix.is_empty() {
                return Ok(Some(path));
            }
            if prefix.split('.').count() < 4
                && let Some(found) = self.find_leaf(property, leaf, &path)?
            {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// The item schema of an array schema.
    fn element(&self, schema: &'a Value) -> Result<Option<&'a Value>, LintError> {
        let schema = self.resolve(schema)?;
        if types(schema).contains(&"array") {
            return schema.get("items").map(|i| self.resolve(i)).transpose();
        }
        Ok(None)
    }

    /// The schema a comparison applies to: the field, or its element when it is an array.
    fn scalar(&self, field: &'a Value) -> Result<&'a Value, LintError> {
        Ok(self.element(field)?.unwrap_or(self.resolve(field)?))
    }

    fn incompatible(
        &self,
        field: &'a Value,
        operand: &'a Value,
    ) -> Result<Option<String>, LintError> {
        let field = self.resolve(field)?;
        let operand = self.resolve(operand)?;
        let (field_types, operand_types) = (types(field), types(operand));
        let compatible = operand_types.iter().any(|t| {
            field_types.contains(t) || (*t == "integer" && field_types.contains(&"number"))
        });
        if !compatible {
            return Ok(Some(format!(
                "operand type {} does not fit field type {}",
                operand_types.join("|"),
                field_types.join("|")
            )));
        }
        if let (Some(allowed), Some(asked)) = (
            field.get("enum").and_then(Value::as_array),
            operand.get("enum").and_then(Value::as_array),
        ) {
            let foreign: Vec<String> = asked
                .iter()
                .filter(|v| !allowed.contains(v))
                .map(Value::to_string)
                .collect();
            if !foreign.is_empty() {
                return Ok(Some(format!(
                    "operand values {} are not values of the field",
                    foreign.join(", ")
                )));
            }
        }
        let (field_format, operand_format) = (
            field.get("format").and_then(Value::as_str),
            operand.get("format").and_then(Value::as_str),
        );
        if field_format.is_some() && operand_format.is_some() && field_format != operand_format {
            return Ok(Some(format!(
                "operand format {} does not fit field format {}",
                operand_format.unwrap_or_default(),
                field_format.unwrap_or_default()
            )));
        }
        Ok(None)
    }

    fn finding(&self, trail: &Trail, reason: &str) -> Finding {
        Finding {
            contract: self.title.clone(),
            criterion: trail.criterion(),
            path: trail.field.clone(),
            reason: reason.to_owned(),
        }
    }
}

impl Trail {
    fn step_field(&self, suffix: &str) -> Self {
        let mut next = self.clone();
        next.field.push_str(suffix);
        next
    }
}

/// The JSON types a schema allows: its `type`, or the types of its `enum` values.
fn types(schema: &Value) -> Vec<&'static str> {
    fn name(t: &str) -> &'static str {
        match t {
            "string" => "string",
            "integer" => "integer",
            "number" => "number",
            "boolean" => "boolean",
            "array" => "array",
            "object" => "object",
            _ => "null",
        }
    }
    match schema.get("type") {
        Some(Value::String(t)) => vec![name(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(name).collect(),
        _ => schema
            .get("enum")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|v| match v {
                Value::String(_) => "string",
                Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                Value::Number(_) => "number",
                Value::Bool(_) => "boolean",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
                Value::Null => "null",
            })
            .collect(),
    }
}
