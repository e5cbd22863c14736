//! The participant registry: who takes part in the exchange, in which role, and whether inside
//! SUWI. A source reads it to know the exchange's certificate; the exchange to know mediators,
//! their processors and their SUWI flag.

use std::collections::BTreeMap;

use serde::Deserialize;
use vum_spec::headers::Oin;
use vum_spec::testdata::oins;

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
    /// For a processor: the controllers it acts for (their OINs). A processor's certificate may
    /// ask the exchange only as `X-VUM-viaParty` for one of these `X-VUM-fromParty`s.
    pub namens: Vec<String>,
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
    /// `namens` on a participant that is not a processor.
    #[error("deelnemer {index} ({naam}): namens hoort alleen bij een verwerker")]
    Namens {
        /// Position in the file (0-based).
        index: usize,
        /// Its name.
        naam: String,
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
    #[serde(default)]
    namens: Vec<String>,
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
    ///
    /// [[deelnemer]]
    /// oin = "00000099000000005000"
    /// naam = "Testdorp ICT"
    /// rol = "verwerker"
    /// namens = ["00000099000000004000"]  # the controllers it acts for
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
            if !entry.namens.is_empty() && entry.rol != Rol::Verwerker {
                return Err(ParticipantsError::Namens {
                    index,
                    naam: entry.naam,
                });
            }
            let mut namens = Vec::new();
            for controller in &entry.namens {
                let controller: Oin =
                    controller.parse().map_err(|error| ParticipantsError::Oin {
                        index,
                        naam: entry.naam.clone(),
                        error,
                    })?;
                namens.push(controller.to_string());
            }
            by_oin.insert(
                oin.to_string(),
                Deelnemer {
                    naam: entry.naam,
                    rol: entry.rol,
                    suwi: entry.suwi,
                    namens,
                },
            );
        }
        Ok(Self { by_oin })
    }

    /// The participant with this OIN.
    pub fn get(&self, oin: &str) -> Option<&Deelnemer> {
        self.by_oin.get(oin)
    }

    /// Whether the holder of `via`'s certificate may ask for controller `from`: `via` is `from`
    /// itself, or a processor registered to act for `from`.
    pub fn mag_vragen_namens(&self, via: &str, from: &str) -> bool {
        via == from
            || self
                .get(via)
                .is_some_and(|d| d.rol == Rol::Verwerker && d.namens.iter().any(|c| c == from))
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
    let processor = |oin: &str, naam: &str, namens: &str| {
        format!(
            "[[deelnemer]]\noin = \"{oin}\"\nnaam = \"{naam}\"\nrol = \"verwerker\"\nnamens = [\"{namens}\"]\n"
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
        processor(
            oins::BEMIDDELAAR_VERWERKER,
            "Testdorp ICT (verwerker)",
            oins::BEMIDDELAAR,
        ),
        entry(
            oins::PARTICULIER,
            "Particulier Bemiddelingsbureau (test)",
            "bemiddelaar",
            false,
        ),
        entry(oins::BRON, "Referentiebron", "bron", false),
        entry(oins::BRON_B, "Tweede bron (test)", "bron", false),
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
}
