//! The catalogue of messages: every body of the interface that gets its own JSON Schema (the same
//! messages in every version of the registry; what a version's schema allows differs).

use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema};

use crate::berichten::{
    BronVacatureMatchesResponse, BronWerkzoekendeMatchesResponse, VacatureDetailResponse,
    VacatureMatchesRequest, VacatureMatchesResponse, WerkzoekendeDetailResponse,
    WerkzoekendeMatchesRequest, WerkzoekendeMatchesResponse,
};
use crate::error::ErrorBody;
use crate::schema;
use crate::vacature::{BronVacatureMatch, Vacature, VacatureMatch};
use crate::versie::{NIEUWSTE_ACTIEVE, Versie, Versienummer};
use crate::vraag::{VacatureVraag, WerkzoekendeVraag};
use crate::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende, WerkzoekendeMatch};

/// One of the four upstream contracts of interface 3.0.0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Contract {
    /// Exchange → source, job seekers.
    BronWerkzoekendeProfielen,
    /// Exchange → source, vacancies.
    BronVacatures,
    /// Mediator → exchange, job seekers.
    BemiddelaarWerkzoekendeProfielen,
    /// Mediator → exchange, vacancies.
    BemiddelaarVacatures,
}

impl Contract {
    /// All four, source side first.
    pub const ALL: [Contract; 4] = [
        Self::BronWerkzoekendeProfielen,
        Self::BronVacatures,
        Self::BemiddelaarWerkzoekendeProfielen,
        Self::BemiddelaarVacatures,
    ];

    /// The contract's name, as the upstream files are named (`VUM-Bron-Vacatures`).
    pub fn name(self) -> &'static str {
        match self {
            Self::BronWerkzoekendeProfielen => "VUM-Bron-WerkzoekendeProfielen",
            Self::BronVacatures => "VUM-Bron-Vacatures",
            Self::BemiddelaarWerkzoekendeProfielen => "VUM-Bemiddelaar-WerkzoekendeProfielen",
            Self::BemiddelaarVacatures => "VUM-Bemiddelaar-Vacatures",
        }
    }

    /// Whether the server of this contract is a source (otherwise the exchange).
    pub fn is_bron(self) -> bool {
        matches!(self, Self::BronWerkzoekendeProfielen | Self::BronVacatures)
    }
}

/// Where a message's schema stands in an upstream contract: the contract and a JSON pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpstreamLocation {
    /// The contract.
    pub contract: Contract,
    /// A JSON pointer into the contract document.
    pub pointer: &'static str,
}

macro_rules! messages {
    ($($variant:ident => $name:literal, $ty:ty, $contract:ident, $pointer:literal, $doc:literal;)+) => {
        /// A message of interface 3.0.0 with its own schema (`vum-spec validate --as NAME`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Message {
            $(
                #[doc = $doc]
                $variant,
            )+
        }

        impl Message {
            /// Every message.
            pub const ALL: &'static [Message] = &[$(Self::$variant),+];

            /// The message's name (`werkzoekende-match-bron`).
            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $name,)+ }
            }

            /// What the message is.
            pub fn description(self) -> &'static str {
                match self { $(Self::$variant => $doc,)+ }
            }

            /// The message's JSON Schema (draft 2020-12) in the newest `actief` version, as
            /// generated from its Rust type.
            pub fn schema(self) -> Schema {
                self.schema_at(NIEUWSTE_ACTIEVE)
            }

            /// The message's JSON Schema in a version of the registry.
            pub fn schema_for(self, versie: &Versie) -> Schema {
                self.schema_at(versie.nummer)
            }

            /// The message's JSON Schema in the version with this number: every property
            /// introduced after it left out.
            pub fn schema_at(self, versie: Versienummer) -> Schema {
                match self { $(Self::$variant => schema::root_schema::<$ty>(self.name(), versie),)+ }
            }

            /// Where the upstream 3.0.0 contracts define the same message.
            pub fn upstream(self) -> UpstreamLocation {
                match self {
                    $(Self::$variant => UpstreamLocation { contract: Contract::$contract, pointer: $pointer },)+
                }
            }

            /// The schema name of the message's Rust type (its name in the OpenAPI components).
            pub fn schema_name(self) -> String {
                match self { $(Self::$variant => <$ty as JsonSchema>::schema_name().into_owned(),)+ }
            }
        }
    };
}

messages! {
    Werkzoekende => "werkzoekende", Werkzoekende, BronWerkzoekendeProfielen,
        "/components/schemas/Werkzoekende",
        "Detailprofiel van een werkzoekende (GET bij de bron).";
    Vacature => "vacature", Vacature, BronVacatures,
        "/components/schemas/Vacature",
        "Detail van een vacature (GET bij de bron).";
    BronWerkzoekendeMatch => "werkzoekende-match-bron", BronWerkzoekendeMatch, BronWerkzoekendeProfielen,
        "/components/schemas/MPWerkzoekendeMatch",
        "Matchingprofiel van een werkzoekende met idWerkzoekende, zoals een bron het levert.";
    WerkzoekendeMatch => "werkzoekende-match", WerkzoekendeMatch, BemiddelaarWerkzoekendeProfielen,
        "/components/schemas/MPWerkzoekendeMatch",
        "Matchingprofiel van een werkzoekende met vumID, zoals de uitwisselingsvoorziening het levert.";
    BronVacatureMatch => "vacature-match-bron", BronVacatureMatch, BronVacatures,
        "/components/schemas/MPVacatureMatch",
        "Matchingprofiel van een vacature met idVacature, zoals een bron het levert.";
    VacatureMatch => "vacature-match", VacatureMatch, BemiddelaarVacatures,
        "/components/schemas/MPVacatureMatch",
        "Matchingprofiel van een vacature met vumID, zoals de uitwisselingsvoorziening het levert.";
    WerkzoekendeVraag => "werkzoekende-vraag", WerkzoekendeVraag, BronWerkzoekendeProfielen,
        "/components/schemas/MPWerkzoekende",
        "Zoekvraag naar werkzoekenden (vraagObject).";
    VacatureVraag => "vacature-vraag", VacatureVraag, BronVacatures,
        "/components/schemas/MPVacature",
        "Zoekvraag naar vacatures (vraagObject).";
    WerkzoekendeMatchesRequest => "werkzoekende-matches-request", WerkzoekendeMatchesRequest, BronWerkzoekendeProfielen,
        "/components/requestBodies/WerkzoekendeProfielMatchesRequest/content/application~1json/schema",
        "Body van POST /werkzoekendeProfielen/matches.";
    VacatureMatchesRequest => "vacature-matches-request", VacatureMatchesRequest, BronVacatures,
        "/components/requestBodies/VacatureMatchesRequest/content/application~1json/schema",
        "Body van POST /vacatures/matches.";
    BronWerkzoekendeMatchesResponse => "werkzoekende-matches-response-bron", BronWerkzoekendeMatchesResponse, BronWerkzoekendeProfielen,
        "/paths/~1werkzoekendeProfielen~1matches/post/responses/200/content/application~1json/schema",
        "Antwoord (200) van een bron op POST /werkzoekendeProfielen/matches.";
    WerkzoekendeMatchesResponse => "werkzoekende-matches-response", WerkzoekendeMatchesResponse, BemiddelaarWerkzoekendeProfielen,
        "/components/schemas/WerkzoekendeProfielMatchesResponse",
        "Antwoord (200) van de uitwisselingsvoorziening op POST /werkzoekendeProfielen/matches.";
    BronVacatureMatchesResponse => "vacature-matches-response-bron", BronVacatureMatchesResponse, BronVacatures,
        "/paths/~1vacatures~1matches/post/responses/200/content/application~1json/schema",
        "Antwoord (200) van een bron op POST /vacatures/matches.";
    VacatureMatchesResponse => "vacature-matches-response", VacatureMatchesResponse, BemiddelaarVacatures,
        "/components/schemas/VacaturesMatchesResponse",
        "Antwoord (200) van de uitwisselingsvoorziening op POST /vacatures/matches.";
    WerkzoekendeDetailResponse => "werkzoekende-detail-response", WerkzoekendeDetailResponse, BemiddelaarWerkzoekendeProfielen,
        "/paths/~1werkzoekendeProfielen~1{vumID}/get/responses/200/content/application~1json/schema",
        "Antwoord (200) van de uitwisselingsvoorziening op GET /werkzoekendeProfielen/{vumID}.";
    VacatureDetailResponse => "vacature-detail-response", VacatureDetailResponse, BemiddelaarVacatures,
        "/paths/~1vacatures~1{vumID}/get/responses/200/content/application~1json/schema",
        "Antwoord (200) van de uitwisselingsvoorziening op GET /vacatures/{vumID}.";
    Error => "error", ErrorBody, BronWerkzoekendeProfielen,
        "/components/schemas/Error",
        "Foutbericht bij 400, 429, 500 en 503.";
}

impl Message {
    /// The file the message's schema is committed in, under `spec/schema/<version>/`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown message {0:?}; known: {known}", known = Message::ALL.iter().map(|m| m.name()).collect::<Vec<_>>().join(", "))]
pub struct UnknownMessage(pub String);

impl FromStr for Message {
    type Err = UnknownMessage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|m| m.name() == s)
            .ok_or_else(|| UnknownMessage(s.to_owned()))
    }
}
