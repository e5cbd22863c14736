//! The two kinds of profile the standard exchanges, and everything that differs between them on
//! the wire: the id field, the API collection and paths, the messages. Node, harness and
//! generators all take these from here.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::message::{Contract, Message};

/// A kind of profile: job seekers or vacancies (`werkzoekende`, `vacature` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Job seekers (*werkzoekenden*), collection `werkzoekendeProfielen`.
    Werkzoekende,
    /// Vacancies (*vacatures*), collection `vacatures`.
    Vacature,
}

impl Kind {
    /// Both kinds, job seekers first.
    pub const ALL: [Kind; 2] = [Self::Werkzoekende, Self::Vacature];

    /// The singular name (`werkzoekende`, `vacature`): on the command line, in messages, and the
    /// member that holds the profile in the exchange's detail answer.
    pub fn name(self) -> &'static str {
        match self {
            Self::Werkzoekende => "werkzoekende",
            Self::Vacature => "vacature",
        }
    }

    /// The plural (`werkzoekenden`, `vacatures`): the Gherkin tag of scenarios specific to the kind.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Werkzoekende => "werkzoekenden",
            Self::Vacature => "vacatures",
        }
    }

    /// The field that holds a source's id (`idWerkzoekende`, `idVacature`).
    pub fn id_field(self) -> &'static str {
        match self {
            Self::Werkzoekende => "idWerkzoekende",
            Self::Vacature => "idVacature",
        }
    }

    /// The kind whose id field a document carries, if it carries exactly one of them.
    pub fn of_document(document: &Value) -> Option<Kind> {
        let has = |kind: Kind| document.get(kind.id_field()).is_some_and(|v| !v.is_null());
        match (has(Self::Werkzoekende), has(Self::Vacature)) {
            (true, false) => Some(Self::Werkzoekende),
            (false, true) => Some(Self::Vacature),
            _ => None,
        }
    }

    /// The API collection (`werkzoekendeProfielen`, `vacatures`).
    pub fn collection(self) -> &'static str {
        match self {
            Self::Werkzoekende => "werkzoekendeProfielen",
            Self::Vacature => "vacatures",
        }
    }

    /// The profile's field whose postcode `selectiegebied` measures from
    /// (`mobiliteit.bemiddelingspostcode`, `adres.postcode`), as the question's schema annotates it.
    pub fn postcode_field(self) -> &'static str {
        match self {
            Self::Werkzoekende => "mobiliteit.bemiddelingspostcode",
            Self::Vacature => "adres.postcode",
        }
    }

    /// The question (`vraagObject`) of this kind.
    pub fn vraag_message(self) -> Message {
        match self {
            Self::Werkzoekende => Message::WerkzoekendeVraag,
            Self::Vacature => Message::VacatureVraag,
        }
    }

    /// The path of the question below the base path (`/werkzoekendeProfielen/matches`).
    pub fn matches_path(self) -> String {
        format!("/{}/matches", self.collection())
    }

    /// The path of a detail below the base path (`/vacatures/{id}`).
    pub fn detail_path(self, id: &str) -> String {
        format!("/{}/{id}", self.collection())
    }

    /// The kind whose API a path below the base path belongs to.
    pub fn of_path(path: &str) -> Option<Kind> {
        let first = path.trim_start_matches('/').split('/').next()?;
        Self::ALL.into_iter().find(|k| k.collection() == first)
    }

    /// The detail object, as a source publishes it.
    pub fn detail_message(self) -> Message {
        match self {
            Self::Werkzoekende => Message::Werkzoekende,
            Self::Vacature => Message::Vacature,
        }
    }

    /// The body of the question (the same towards a source and towards the exchange).
    pub fn matches_request_message(self) -> Message {
        match self {
            Self::Werkzoekende => Message::WerkzoekendeMatchesRequest,
            Self::Vacature => Message::VacatureMatchesRequest,
        }
    }

    /// A source's answer to a question.
    pub fn bron_matches_response_message(self) -> Message {
        match self {
            Self::Werkzoekende => Message::BronWerkzoekendeMatchesResponse,
            Self::Vacature => Message::BronVacatureMatchesResponse,
        }
    }

    /// The exchange's answer to a question.
    pub fn matches_response_message(self) -> Message {
        match self {
            Self::Werkzoekende => Message::WerkzoekendeMatchesResponse,
            Self::Vacature => Message::VacatureMatchesResponse,
        }
    }

    /// The exchange's answer to a detail request.
    pub fn detail_response_message(self) -> Message {
        match self {
            Self::Werkzoekende => Message::WerkzoekendeDetailResponse,
            Self::Vacature => Message::VacatureDetailResponse,
        }
    }
}

impl Contract {
    /// The kind of profile the contract is about.
    pub fn kind(self) -> Kind {
        match self {
            Self::BronWerkzoekendeProfielen | Self::BemiddelaarWerkzoekendeProfielen => {
                Kind::Werkzoekende
            }
            Self::BronVacatures | Self::BemiddelaarVacatures => Kind::Vacature,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a kind of profile.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is geen soort profiel; kies werkzoekende of vacature")]
pub struct UnknownKind(pub String);

impl FromStr for Kind {
    type Err = UnknownKind;

    /// The singular or the plural name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.name() == s || k.plural() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_names_belong_together() {
        for kind in Kind::ALL {
            assert_eq!(Kind::of_path(&kind.matches_path()), Some(kind));
            assert_eq!(Kind::of_path(&kind.detail_path("x")), Some(kind));
            assert_eq!(kind.name().parse::<Kind>(), Ok(kind));
            assert_eq!(kind.plural().parse::<Kind>(), Ok(kind));
        }
        assert_eq!(Kind::of_path("/openapi.json"), None);
        for kind in Kind::ALL {
            let schema = serde_json::to_value(kind.vraag_message().schema()).unwrap();
            assert_eq!(
                schema.pointer("/properties/selectiegebied/x-vum-veld"),
                Some(&serde_json::Value::from(kind.postcode_field())),
                "{kind}: the schema annotates selectiegebied with the postcode field"
            );
        }
        assert!("profiel".parse::<Kind>().is_err());
    }
}
