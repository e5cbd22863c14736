//! What a node is configured with: its own OINs, limits, the SUWI field policy, and (in mutual
//! TLS mode) the participants it trusts.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;
use vum_spec::headers::Oin;
use vum_spec::testdata::oins;

/// The node's configuration.
#[derive(Clone, Debug)]
pub struct NodeConfig {
    /// OIN of the source's controller: the `X-VUM-toParty` it accepts and the `X-VUM-fromParty` it
    /// answers with.
    pub controller_oin: Oin,
    /// OIN of the source's processor: the `X-VUM-viaParty` it accepts and answers with.
    pub processor_oin: Oin,
    /// At most this many matches per question (the standard's default: 100).
    pub max_results: usize,
    /// Largest request body in bytes.
    pub body_limit: usize,
    /// Deepest JSON nesting accepted in a request.
    pub max_depth: usize,
    /// Time allowed for one request.
    pub request_timeout: Duration,
    /// Requests per caller, if limited.
    pub rate_limit: Option<RateLimit>,
    /// Fields withheld from callers that are not SUWI parties (`X-VUM-SUWIparty: false`), as
    /// dotted paths into the detail. Default: `indicatieLdrRegistratie`, which reveals a
    /// registration in the Landelijk Doelgroepregister (work disability).
    pub suwi_only_fields: Vec<String>,
    /// Participants trusted over mutual TLS; `None` in plain HTTP mode.
    pub participants: Option<Participants>,
}

impl Default for NodeConfig {
    fn default() -> Self {
        Self {
            controller_oin: oin(oins::BRON),
            processor_oin: oin(oins::BRON_VERWERKER),
            max_results: 100,
            body_limit: 1024 * 1024,
            max_depth: 32,
            request_timeout: Duration::from_secs(10),
            rate_limit: Some(RateLimit {
                per_second: 200.0,
                burst: 400.0,
            }),
            suwi_only_fields: vec!["indicatieLdrRegistratie".to_owned()],
            participants: None,
        }
    }
}

fn oin(text: &str) -> Oin {
    // The test OINs are constants of the published test set and well-formed; a test checks them.
    text.parse()
        .unwrap_or_else(|_| unreachable!("test OIN {text} is well-formed"))
}

/// A token bucket per caller.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Sustained requests per second.
    pub per_second: f64,
    /// Requests allowed in a burst.
    pub burst: f64,
}

/// The role a participant has in the exchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rol {
    /// The exchange (uitwisselingsvoorziening): the only party a source serves.
    Uitwisseling,
    /// A mediator (controller).
    Bemiddelaar,
    /// A source.
    Bron,
    /// A processor acting for mediators (its certificate calls the exchange for them).
    Verwerker,
}

impl Rol {
    /// The role in a sentence: "de uitwisselingsvoorziening", "een bemiddelaar", …
    pub fn omschrijving(self) -> &'static str {
        match self {
            Self::Uitwisseling => "de uitwisselingsvoorziening",
            Self::Bemiddelaar => "een bemiddelaar",
            Self::Bron => "een bron",
            Self::Verwerker => "een verwerker",
        }
    }
}

/// A participant of the exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deelnemer {
    /// Its name.
    pub naam: String,
    /// Its role.
    pub rol: Rol,
    /// Whether it takes part in SUWI (UWV, municipalities): the exchange sends this to sources as
    /// `X-VUM-SUWIparty` when it asks for this controller. Default: false.
    pub suwi: bool,
}

/// The participants file: OIN → name and role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Participants {
    by_oin: BTreeMap<String, Deelnemer>,
}

/// A participants file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ParticipantsError {
    /// Not TOML of the expected shape.
    #[error("{0}")]
    Syntax(#[from] toml::de::Error),
    /// An entry with a malformed OIN.
    #[error("deelnemer {index} ({naam}): {error}")]
    Oin {
        /// Position in the file (0-based).
        index: usize,
        /// Its name.
        naam: String,
        /// What is wrong with the OIN.
        error: vum_spec::headers::OinError,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    deelnemer: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    oin: String,
    naam: String,
    rol: Rol,
    #[serde(default)]
    suwi: bool,
}

impl Participants {
    /// Parses a participants file:
    ///
    /// ```toml
    /// [[deelnemer]]
    /// oin = "00000099000000001000"
    /// naam = "Uitwisselingsvoorziening"
    /// rol = "uitwisseling"
    ///
    /// [[deelnemer]]
    /// oin = "00000099000000004000"
    /// naam = "Gemeente Testdorp"
    /// rol = "bemiddelaar"
    /// suwi = true
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParticipantsError> {
        let file: File = toml::from_str(text)?;
        let mut by_oin = BTreeMap::new();
        for (index, entry) in file.deelnemer.into_iter().enumerate() {
            let oin: Oin = entry.oin.parse().map_err(|error| ParticipantsError::Oin {
                index,
                naam: entry.naam.clone(),
                error,
            })?;
            by_oin.insert(
                oin.to_string(),
                Deelnemer {
                    naam: entry.naam,
                    rol: entry.rol,
                    suwi: entry.suwi,
                },
            );
        }
        Ok(Self { by_oin })
    }

    /// The participant with this OIN.
    pub fn get(&self, oin: &str) -> Option<&Deelnemer> {
        self.by_oin.get(oin)
    }

    /// The participants of the test PKI (`vum-node dev-pki` writes the same as `deelnemers.toml`).
    pub fn test() -> Self {
        // The text is a constant of this crate; a unit test parses it.
        Self::parse(&test_participants_toml()).unwrap_or_default()
    }
}

/// The participants file of the test PKI: the exchange, a SUWI mediator (controller and its own
/// processor), a mediator outside SUWI, and the test source.
pub fn test_participants_toml() -> String {
    let entry = |oin: &str, naam: &str, rol: &str, suwi: bool| {
        format!(
            "[[deelnemer]]\noin = \"{oin}\"\nnaam = \"{naam}\"\nrol = \"{rol}\"\nsuwi = {suwi}\n"
        )
    };
    [
        "# Participants the reference node trusts (generated by vum-node dev-pki).\n".to_owned(),
        entry(
            oins::UITWISSELING,
            "Uitwisselingsvoorziening (test)",
            "uitwisseling",
            false,
        ),
        entry(oins::BEMIDDELAAR, "Gemeente Testdorp", "bemiddelaar", true),
        entry(
            oins::BEMIDDELAAR_VERWERKER,
            "Testdorp ICT (verwerker)",
            "verwerker",
            false,
        ),
        entry(
            oins::PARTICULIER,
            "Particulier Bemiddelingsbureau (test)",
            "bemiddelaar",
            false,
        ),
        entry(oins::BRON, "Referentiebron", "bron", false),
    ]
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_are_read_by_oin_and_bad_oins_are_named() {
        let p = Participants::parse(
            "[[deelnemer]]\noin = \"00000099000000001000\"\nnaam = \"UV\"\nrol = \"uitwisseling\"\n",
        )
        .unwrap();
        assert_eq!(
            p.get("00000099000000001000").unwrap().rol,
            Rol::Uitwisseling
        );
        let err =
            Participants::parse("[[deelnemer]]\noin = \"123\"\nnaam = \"X\"\nrol = \"bron\"\n")
                .unwrap_err();
        assert!(err.to_string().starts_with("deelnemer 0 (X):"), "{err}");
        assert!(
            Participants::parse("[[deelnemer]]\noin = \"1\"\nnaam = \"X\"\nrol = \"baas\"\n")
                .is_err()
        );
    }

    #[test]
    fn the_test_participants_parse_with_their_suwi_flags() {
        let p = Participants::parse(&test_participants_toml()).unwrap();
        assert!(p.get(oins::BEMIDDELAAR).unwrap().suwi);
        assert!(!p.get(oins::PARTICULIER).unwrap().suwi);
        assert_eq!(
            p.get(oins::BEMIDDELAAR_VERWERKER).unwrap().rol,
            Rol::Verwerker
        );
        assert_eq!(Participants::test(), p);
    }

    #[test]
    fn the_default_oins_are_the_test_sets() {
        let config = NodeConfig::default();
        assert_eq!(config.controller_oin.as_str(), oins::BRON);
        assert!(config.controller_oin.is_test() && config.processor_oin.is_test());
    }
}
