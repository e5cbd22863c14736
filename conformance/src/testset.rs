//! The certification test set as the harness knows it: the published profiles (for comparing
//! details and explaining discrepancies) and, per kind, a question with a known answer.

use std::collections::HashMap;

use serde_json::Value;
use vum_spec::Kind;

/// The certification test set as the harness knows it: the published facts.
#[derive(Debug, Default)]
pub struct TestSet {
    werkzoekenden: HashMap<String, Value>,
    vacatures: HashMap<String, Value>,
}

impl TestSet {
    /// The committed test set of the newest `actief` version.
    pub fn committed() -> Self {
        Self::from_texts(
            vum_spec::testdata::committed_werkzoekenden(),
            vum_spec::testdata::committed_vacatures(),
        )
    }

    /// The committed test set of `versie` (empty when the version has none).
    pub fn for_versie(versie: &vum_spec::versie::Versie) -> Self {
        Self::from_texts(
            vum_spec::testdata::committed_werkzoekenden_for(versie),
            vum_spec::testdata::committed_vacatures_for(versie),
        )
    }

    /// The test set of the version the target is asked in (the newest `actief` one when the
    /// target names no version of the registry: the run itself refuses that before it starts).
    pub fn for_target(target: &crate::target::Target) -> Self {
        target
            .spec_versie()
            .map_or_else(|_| Self::committed(), Self::for_versie)
    }

    fn from_texts(werkzoekenden: Option<&str>, vacatures: Option<&str>) -> Self {
        let index = |text: Option<&str>, kind: Kind| -> HashMap<String, Value> {
            let list: Vec<Value> = text
                .and_then(|t| serde_json::from_str(t).ok())
                .unwrap_or_default();
            list.into_iter()
                .filter_map(|v| Some((v.get(kind.id_field())?.as_str()?.to_owned(), v)))
                .collect()
        };
        Self {
            werkzoekenden: index(werkzoekenden, Kind::Werkzoekende),
            vacatures: index(vacatures, Kind::Vacature),
        }
    }

    /// A profile of the test set.
    pub fn get(&self, kind: Kind, id: &str) -> Option<&Value> {
        match kind {
            Kind::Werkzoekende => self.werkzoekenden.get(id),
            Kind::Vacature => self.vacatures.get(id),
        }
    }
}

/// A question with a known answer in the certification test set, for each kind: the pre-flight
/// asks it, and kind-neutral scenarios ask in its area.
#[derive(Clone, Copy, Debug)]
pub struct KnownQuestion {
    /// The kind asked for.
    pub kind: Kind,
    /// The body.
    pub body: &'static str,
    /// Its `selectiegebied`: postcode and distance in km.
    pub area: (&'static str, u16),
    /// The ids the answer holds.
    pub answer: &'static [&'static str],
    /// A profile of the kind whose detail kind-neutral scenarios ask for.
    pub detail: &'static str,
}

/// The known question of each kind.
pub const KNOWN_QUESTIONS: [KnownQuestion; 2] = [
    KnownQuestion {
        kind: Kind::Werkzoekende,
        body: r#"{"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}}"#,
        area: ("1791AA", 2),
        answer: &["wz-t01", "wz-t02", "wz-t10"],
        detail: "wz-0001",
    },
    KnownQuestion {
        kind: Kind::Vacature,
        body: r#"{"vraagObject": {"selectiegebied": {"postcode": "8881AA", "afstand": 15}}}"#,
        area: ("8881AA", 15),
        answer: &[
            "vac-t01", "vac-t02", "vac-t03", "vac-t04", "vac-t05", "vac-t06", "vac-t07", "vac-t08",
            "vac-t09",
        ],
        detail: "vac-0001",
    },
];

/// The known question of a kind.
pub fn known(kind: Kind) -> &'static KnownQuestion {
    match kind {
        Kind::Werkzoekende => &KNOWN_QUESTIONS[0],
        Kind::Vacature => &KNOWN_QUESTIONS[1],
    }
}

/// The centre of the test set's whole-country question.
pub const COUNTRY: (&str, u16) = ("3511AB", 999);
