//! `vum-spec diff`: what a new version of the VUM contracts means for the parties already connected.
//!
//! Two *contract sets* are compared operation by operation. A set is a directory of OpenAPI 3.0/3.1
//! documents (YAML or JSON, `$ref`s across files resolved) or a version of the registry
//! ([`Input`], [`Versions`], [`Committed`]: the committed `spec/schema/<version>/*.openapi.json` of
//! every version in `versions.toml`). The binary reads the files; this module gets [`Document`]s
//! and does no IO.
//!
//! # Contracts in a set
//!
//! A contract is recognised by its file name: `VUM-Bron-<Soort>` (a source is the server) and
//! `VUM-Bemiddelaar-<Soort>` (the exchange is the server, mediators are its clients), for
//! `WerkzoekendeProfielen` and `Vacatures` (any other `<Soort>` is compared the same way). A
//! trailing `-<version>` in the name is dropped. When a directory holds a `.json` and a `.yaml` of
//! the same contract, the JSON one is used and the report says so. The combined documents
//! `VUM-Bron(.openapi).json` / `VUM-Bemiddelaar(.openapi).json` are unions of the per-kind ones: a
//! kind they hold is taken from them only when no per-kind document exists, so nothing is counted
//! twice. Files that are not OpenAPI documents (our `*.schema.json`, upstream's `components.yaml`)
//! are no contracts but can be `$ref` targets.
//!
//! # What is compared
//!
//! * the contracts themselves, the base path of their servers, paths and operations (method and
//!   path template; path parameter names are only names), status codes;
//! * request parameters and response headers: added, removed, required-ness, and their schema;
//! * request and response bodies (media type and schema), walked in parallel through `$ref`s:
//!   fields added, removed, moved or renamed (a removed and an added field with the same last name
//!   and the same type — same referenced component or same content — and, within one object, the
//!   same content and description), `type`, `format`, `pattern`, `minLength`/`maxLength`,
//!   `minimum`/`maximum`, `minItems`/`maxItems`, `enum` values, `required`, `nullable`,
//!   `additionalProperties` and the shape of `oneOf`/`anyOf`/`not` (alternatives are read as one
//!   object whose fields are the union of theirs);
//! * the selection question (`vraagObject`): criteria (field-path keys), operators (`$eq`,
//!   `$gte`, `$elemMatch`, `$all`, `$or`, …) and their operands;
//! * component schemas by name (added, removed, renamed: a removed and an added name met at the
//!   same place of a message), which never changes a message by itself.
//!
//! Annotations (`description`, `title`, examples, `x-…`) and `security` are not compared. Nor is the
//! version number itself within one major version: that the version headers (`X-VUM-berichtVersie`,
//! `API-Version`) carry `3.1.0` where they carried `3.0.0` is how a request chooses its version at
//! the same base path, and the report names it once ([`Report::version_headers`]); across majors
//! (2.0.0 → 3.0.0) it is a change like any other.
//!
//! A change in a shared component is reported **once**, under the component (and path in it) where
//! it stands in the new version — `Webadres.url` — with the list of places (contract, operation,
//! request or response, path in the body) where it matters. The same change in the Bron and the
//! Bemiddelaar contracts is therefore one change with a verdict for all three roles.
//!
//! # Classification
//!
//! Every change gets, per role, a class — `breaking`, `compatible` or `none` — and a reason. The
//! roles: **bron** (server of the Bron contracts), **uitwisseling** (server of the Bemiddelaar
//! contracts and client of the Bron contracts) and **bemiddelaar** (client of the Bemiddelaar
//! contracts). A role that none of the places of a change involves gets `none`.
//!
//! Each kind of change has an *effect* on what a message may contain. The *sender* of a request is
//! the client, of a response the server; the other side is the *receiver*.
//!
//! | effect | kinds of change | sender | receiver |
//! |---|---|---|---|
//! | widened | optional field added; enum values added or the enum dropped; `maxLength`, `maximum`, `maxItems` raised or dropped; `minLength`, `minimum`, `minItems` lowered or dropped; pattern or format dropped; made optional; made nullable; object opened (`additionalProperties`); type widened (integer → number); operation, contract or status code added; header or parameter removed | compatible: may use it | breaking: must accept and handle it |
//! | narrowed | the reverse: made required; enum values removed or an enum introduced; bounds tightened or added; pattern or format added; object closed; operation, contract or status code removed; a required response header added | breaking: what was valid is no longer | compatible: gets only what it accepted |
//! | both | required field, parameter or request header added; field or body removed; field moved or renamed; type or structure (`oneOf`, `anyOf`, `not`) changed; pattern or format changed; base path changed | breaking | breaking |
//! | harmless | optional header added (an unknown header is ignored) | compatible | compatible |
//! | neutral | component schema added, removed or renamed; path parameter renamed | none | none |
//!
//! So, for the server of an operation: a request that accepts less is breaking for clients; a new
//! required request field is breaking for clients and for servers (they must handle it); a response
//! field removed or made optional, or a new response enum value, is breaking for clients.
//!
//! The selection question follows the same table, with the rules of the standard (§4.5: a source
//! applies the criteria of its version and ignores unknown ones; the exchange passes the question
//! on):
//!
//! | change in the question | bron (applies it) | uitwisseling (passes it on) | bemiddelaar (asks it) |
//! |---|---|---|---|
//! | criterion or operator added | breaking: must apply it | compatible | compatible: may use it |
//! | criterion or operator removed | compatible: may ignore it | compatible | breaking: no longer applied, answers may be broader |
//! | criterion renamed | breaking | compatible | breaking |
//! | operand widened (more values allowed) | breaking | compatible | compatible |
//! | operand narrowed | compatible | compatible | breaking |
//!
//! The verdict of a role is the worst over the places of the change, with the reasons of the
//! places that have it. [`Report::exit_code`]: 0 when no change is compatible or breaking for any role, 1 when
//! changes are compatible only, 2 when one is breaking for some role.
//!
//! # Requirements and scenarios
//!
//! Each change is mapped to the requirements of the catalogue (`requirements/<version>.toml` of the
//! new version when it is one of the registry, else of the newest `actief` version) whose
//! title or source names what changed — the header, the status code, the operation, the field path
//! (two or more segments, or one distinctive camelCase name), the criterion key or its `_selectie`
//! component — and by area: the generic header requirements for header changes, the
//! forward-compatibility requirements for criteria and operators, the matches/detail/error-body
//! requirements for changes in those bodies. A requirement that names only job seekers or only
//! vacancies, or roles the change does not touch, is left out. Then the scenarios tagged with those
//! requirements ([`Scenario`], read from `features/**/*.feature` by the binary). A change that maps
//! to nothing says *geen eis*.

mod change;
mod classify;
mod compare;
mod here;
mod input;
mod json;
mod keywords;
mod load;
mod markdown;
mod moves;
mod operations;
mod report;
mod resolve;
mod scenarios;
mod schema;
mod trace;
mod verdict;
mod versions;

pub use change::{Change, Direction, Kind, Occurrence, Place};
pub use input::{Committed, Document, Input, Versions};
pub use load::{Contract, ContractSet, Side};
pub use report::{Report, Summary, VersionHeaders};
pub use scenarios::{Scenario, scenarios};
pub use verdict::{Class, RequirementRef, Role, RoleVerdict, ScenarioRef};

use crate::requirements::Eis;

/// Why a contract set cannot be compared. Every variant names the file (and pointer) at fault.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DiffError {
    /// A file that is not valid JSON or YAML.
    #[error("{file}: not valid {format}: {reason}")]
    Syntax {
        /// The file.
        file: String,
        /// `JSON` or `YAML`.
        format: &'static str,
        /// What the parser said.
        reason: String,
    },
    /// A file whose name says JSON or YAML, with another extension.
    #[error("{file}: not a .json, .yaml or .yml file")]
    Extension {
        /// The file.
        file: String,
    },
    /// An OpenAPI document of a version this tool does not read.
    #[error("{file}: not an OpenAPI 3.0 or 3.1 document ({reason})")]
    NotOpenApi {
        /// The file.
        file: String,
        /// What it is instead.
        reason: String,
    },
    /// A `$ref` that points at nothing.
    #[error("{file}: the $ref `{reference}` at {pointer} resolves to nothing{detail}")]
    UnresolvedRef {
        /// The file holding the reference.
        file: String,
        /// JSON pointer to the object holding the `$ref`.
        pointer: String,
        /// The reference as written.
        reference: String,
        /// Why, when more can be said (a missing file).
        detail: String,
    },
    /// A set without any VUM contract.
    #[error(
        "{set}: no VUM contracts (files named VUM-Bron-… or VUM-Bemiddelaar-… with an `openapi` key)"
    )]
    NoContracts {
        /// The set, as the user named it.
        set: String,
    },
    /// Two documents for the same contract.
    #[error("{set}: two documents for {contract}: {first} and {second}")]
    DuplicateContract {
        /// The set.
        set: String,
        /// The contract (`VUM-Bron-Vacatures`).
        contract: String,
        /// One file.
        first: String,
        /// The other.
        second: String,
    },
}

/// What a change is mapped to: the requirement catalogue and the scenarios of the features.
#[derive(Clone, Copy, Debug)]
pub struct Traceability<'a> {
    /// The catalogue (`requirements::catalogue()`).
    pub catalogue: &'a [Eis],
    /// Every scenario with its tags.
    pub scenarios: &'a [Scenario],
}

/// Compares two contract sets: every change, classified per role and mapped to requirements and
/// scenarios, in a stable order.
pub fn diff(old: &ContractSet, new: &ContractSet, trace: Traceability<'_>) -> Report {
    let (findings, version_headers) =
        versions::without_version_numbers(compare::findings(old, new), old, new);
    let changes = classify::group(findings)
        .into_iter()
        .map(|change| trace::map(change, trace))
        .collect();
    Report::new(old, new, changes, version_headers)
}

#[cfg(test)]
mod tests;
