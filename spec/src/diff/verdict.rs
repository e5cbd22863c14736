//! The vocabulary of a changelog's verdicts: the roles, the classes of change, a role's verdict,
//! and the requirements and scenarios a change touches.

use std::fmt;

use serde::Serialize;

/// A role in the exchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A source: server of the Bron contracts.
    Bron,
    /// The exchange: server of the Bemiddelaar contracts, client of the Bron contracts.
    Uitwisseling,
    /// A mediator: client of the Bemiddelaar contracts.
    Bemiddelaar,
}

impl Role {
    /// The three roles.
    pub const ALL: [Role; 3] = [Self::Bron, Self::Uitwisseling, Self::Bemiddelaar];

    /// The role's name as the standard spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bron => "bron",
            Self::Uitwisseling => "uitwisseling",
            Self::Bemiddelaar => "bemiddelaar",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a change affects a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// No effect on the role.
    None,
    /// The role keeps working unchanged; it may use what is new.
    Compatible,
    /// The role must change to keep working or to conform.
    Breaking,
}

impl Class {
    /// Every class, from worst to least.
    pub const ALL: [Class; 3] = [Self::Breaking, Self::Compatible, Self::None];

    /// The name used in both reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Compatible => "compatible",
            Self::Breaking => "breaking",
        }
    }
}

/// The verdict of a change for one role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleVerdict {
    /// Breaking, compatible or none.
    pub class: Class,
    /// Why, in Dutch.
    pub reason: String,
}

/// A requirement a change touches.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RequirementRef {
    /// `AV-KOP-005`.
    pub id: String,
    /// Its Dutch title.
    pub titel: String,
}

/// A scenario that verifies a touched requirement.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ScenarioRef {
    /// The feature file.
    pub file: String,
    /// The scenario's name.
    pub name: String,
}
