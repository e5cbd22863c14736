//! Changes: what kind, where, old and new value, and the places where they matter. Findings of the
//! comparison are grouped into changes: the same kind at the same place with the same old and new
//! value is one change, whatever the number of operations and contracts it occurs in.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use super::load::Side;
use super::verdict::{Class, RequirementRef, Role, RoleVerdict, ScenarioRef};

/// Which way a message goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Client to server.
    Request,
    /// Server to client.
    Response,
}

impl Direction {
    /// The Dutch word.
    pub fn dutch(self) -> &'static str {
        match self {
            Self::Request => "verzoek",
            Self::Response => "antwoord",
        }
    }
}

macro_rules! kinds {
    ($($variant:ident => $id:literal, $label:literal;)+) => {
        /// The kind of a change.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $(
                #[doc = $label]
                $variant,
            )+
        }

        impl Kind {
            /// Every kind, in report order.
            pub const ALL: &'static [Kind] = &[$(Self::$variant),+];

            /// A stable id (`field-added`), used in the JSON report.
            pub fn id(self) -> &'static str {
                match self { $(Self::$variant => $id,)+ }
            }

            /// What it is, in Dutch, for the changelog.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)+ }
            }
        }
    };
}

kinds! {
    ContractAdded => "contract-added", "contract toegevoegd";
    ContractRemoved => "contract-removed", "contract verwijderd";
    BasePathChanged => "base-path-changed", "basispad gewijzigd";
    OperationAdded => "operation-added", "operatie toegevoegd";
    OperationRemoved => "operation-removed", "operatie verwijderd";
    StatusAdded => "status-added", "statuscode toegevoegd";
    StatusRemoved => "status-removed", "statuscode verwijderd";
    BodyAdded => "body-added", "body toegevoegd";
    BodyRemoved => "body-removed", "body verwijderd";
    HeaderAdded => "header-added", "header toegevoegd";
    RequiredHeaderAdded => "required-header-added", "verplichte header toegevoegd";
    HeaderRemoved => "header-removed", "header verwijderd";
    ParameterAdded => "parameter-added", "parameter toegevoegd";
    ParameterRemoved => "parameter-removed", "parameter verwijderd";
    ParameterRenamed => "parameter-renamed", "padparameter hernoemd";
    CriterionAdded => "criterion-added", "zoekcriterium toegevoegd";
    CriterionRemoved => "criterion-removed", "zoekcriterium verwijderd";
    CriterionRenamed => "criterion-renamed", "zoekcriterium hernoemd";
    OperatorAdded => "operator-added", "operator toegevoegd";
    OperatorRemoved => "operator-removed", "operator verwijderd";
    FieldAdded => "field-added", "veld toegevoegd (optioneel)";
    RequiredFieldAdded => "required-field-added", "verplicht veld toegevoegd";
    FieldRemoved => "field-removed", "veld verwijderd";
    FieldMoved => "field-moved", "veld verplaatst of hernoemd";
    MadeRequired => "made-required", "verplicht gemaakt";
    MadeOptional => "made-optional", "optioneel gemaakt";
    TypeChanged => "type-changed", "type gewijzigd";
    StructureChanged => "structure-changed", "structuur gewijzigd";
    FormatChanged => "format-changed", "format gewijzigd";
    PatternChanged => "pattern-changed", "patroon gewijzigd";
    MinLengthChanged => "min-length-changed", "minimale lengte gewijzigd";
    MaxLengthChanged => "max-length-changed", "maximale lengte gewijzigd";
    MinimumChanged => "minimum-changed", "minimum gewijzigd";
    MaximumChanged => "maximum-changed", "maximum gewijzigd";
    MinItemsChanged => "min-items-changed", "minimaal aantal elementen gewijzigd";
    MaxItemsChanged => "max-items-changed", "maximaal aantal elementen gewijzigd";
    EnumValuesAdded => "enum-values-added", "waarden toegevoegd";
    EnumValuesRemoved => "enum-values-removed", "waarden verwijderd";
    EnumIntroduced => "enum-introduced", "waardelijst ingevoerd";
    EnumDropped => "enum-dropped", "waardelijst vervallen";
    NullableChanged => "nullable-changed", "null toegestaan gewijzigd";
    AdditionalPropertiesChanged => "additional-properties-changed", "additionalProperties gewijzigd";
    SchemaAdded => "schema-added", "schema toegevoegd";
    SchemaRemoved => "schema-removed", "schema verwijderd";
    SchemaRenamed => "schema-renamed", "schema hernoemd";
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a change is, independent of the contract it occurs in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Place {
    /// A whole contract.
    Contract {
        /// `VUM-Bron-Vacatures`.
        contract: String,
    },
    /// The base path of the servers (`/api/v3`).
    BasePath,
    /// An operation.
    Operation {
        /// `GET`, `POST`.
        method: String,
        /// The path template of the new version (of the old one when removed).
        path: String,
    },
    /// A status code of an operation.
    Status {
        /// `404`.
        code: String,
    },
    /// A request or response header.
    Header {
        /// As the contract spells it.
        name: String,
        /// Request or response.
        direction: Direction,
    },
    /// A path, query or cookie parameter.
    Parameter {
        /// Its name.
        name: String,
        /// `path`, `query`, `cookie`.
        location: String,
    },
    /// A request or response body as a whole.
    Body {
        /// Request or response.
        direction: Direction,
        /// The media type.
        media_type: String,
    },
    /// A field of a message, under the component it stands in.
    Field {
        /// The nearest component that is an object (`Webadres`), or the message.
        anchor: String,
        /// The path from there (`url`, `[].codeTaal`); empty for the component itself.
        path: String,
        /// Request or response.
        direction: Direction,
    },
    /// A place in the selection question (`vraagObject`).
    Question {
        /// The question's component (`MPWerkzoekende`).
        question: String,
        /// Criterion keys and operators from the question's root, joined with ` › `.
        path: String,
    },
    /// A component schema.
    Schema {
        /// Its name.
        name: String,
    },
}

impl Place {
    /// The place in words, for the changelog.
    pub fn subject(&self) -> String {
        match self {
            Self::Contract { contract } => format!("contract {contract}"),
            Self::BasePath => "basispad van de servers".to_owned(),
            Self::Operation { method, path } => format!("{method} {path}"),
            Self::Status { code } => format!("status {code}"),
            Self::Header { name, direction } => format!("{}header {name}", direction.dutch()),
            Self::Parameter { name, location } => format!("{location}parameter {name}"),
            Self::Body {
                direction,
                media_type,
            } => format!("{}body {media_type}", direction.dutch()),
            Self::Field { anchor, path, .. } => match path.as_str() {
                "" => anchor.clone(),
                p if p.starts_with('[') => format!("{anchor}{p}"),
                p => format!("{anchor}.{p}"),
            },
            Self::Question { question, path } if path.is_empty() => question.clone(),
            Self::Question { question, path } => format!("{question} › {path}"),
            Self::Schema { name } => format!("schema {name}"),
        }
    }

    /// Whether the place is inside the selection question.
    pub fn in_question(&self) -> bool {
        matches!(self, Self::Question { .. })
    }
}

/// What part of an operation a place is in, for mapping changes to requirements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Message {
    /// The contract, an operation as a whole, or component names.
    Contract,
    /// Another request body.
    Request,
    /// The 2xx body of `POST …/matches`.
    Matches,
    /// The 2xx body of a `GET` (the detail).
    Detail,
    /// A 4xx or 5xx body.
    Error,
    /// Any other response body.
    OtherResponse,
    /// A header or parameter.
    Header,
}

/// One place where a change occurs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Occurrence {
    /// The contract (`VUM-Bron-WerkzoekendeProfielen`).
    pub contract: String,
    /// The operation (`POST /werkzoekendeProfielen/matches`), if the change is inside one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// `verzoek` or `antwoord 200`, if inside a message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// The path in the body (`matches[].mobiliteit.bemiddelingspostcode`), if a field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip)]
    pub(crate) side: Side,
    #[serde(skip)]
    pub(crate) direction: Direction,
    #[serde(skip)]
    pub(crate) message: Message,
    #[serde(skip)]
    pub(crate) kind: String,
}

/// How a change affects what a message may hold; see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Effect {
    /// Only names in the contract.
    Neutral,
    /// Compatible for both sides.
    Harmless,
    /// More is allowed: the receiver must accept it.
    Widened,
    /// Less is allowed: the sender must keep to it.
    Narrowed,
    /// Both sides must adapt.
    Both,
}

impl Effect {
    pub(super) fn join(self, other: Self) -> Self {
        match (self, other) {
            (a, b) if a == b => a,
            (Self::Widened, Self::Narrowed) | (Self::Narrowed, Self::Widened) => Self::Both,
            (a, b) => a.max(b),
        }
    }
}

/// One observation of the comparison, at one place in one operation.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    pub kind: Kind,
    pub place: Place,
    pub old: Option<String>,
    pub new: Option<String>,
    pub effect: Effect,
    pub occurrence: Occurrence,
    /// Names a requirement may use for what changed (header, field path, component, …).
    pub names: Vec<String>,
}

/// One change between two versions, with its verdict per role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What kind of change.
    pub kind: Kind,
    /// Where.
    pub place: Place,
    /// The old value or name, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The new value or name, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// The verdict for each of the three roles.
    pub roles: BTreeMap<Role, RoleVerdict>,
    /// Every place it occurs, sorted.
    pub occurrences: Vec<Occurrence>,
    /// The requirements it touches.
    pub requirements: Vec<RequirementRef>,
    /// The scenarios tagged with those requirements.
    pub scenarios: Vec<ScenarioRef>,
    #[serde(skip)]
    pub(crate) names: BTreeSet<String>,
}

impl Change {
    /// The worst verdict over the roles.
    pub fn class(&self) -> Class {
        self.roles
            .values()
            .map(|v| v.class)
            .max()
            .unwrap_or(Class::None)
    }

    /// The verdict of one role.
    pub fn verdict(&self, role: Role) -> Class {
        self.roles.get(&role).map_or(Class::None, |v| v.class)
    }

    /// The change in one Dutch line: kind, place, old and new.
    pub fn describe(&self) -> String {
        let values = match (&self.old, &self.new) {
            (Some(old), Some(new)) => format!(": {old} → {new}"),
            (Some(old), None) => format!(": {old}"),
            (None, Some(new)) => format!(": {new}"),
            (None, None) => String::new(),
        };
        format!("{} — {}{values}", self.kind.label(), self.place.subject())
    }
}
