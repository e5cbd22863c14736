//! Deliberate faults of the reference client, for the fault matrix of the mediator profile: each
//! [`Afwijking`] breaks exactly one rule of the standard, so that a harness playing the exchange
//! can show it catches it. A client has at most one, set in
//! [`super::BemiddelaarConfig::afwijking`]; the `vum-node` commands set one only with the hidden
//! flag `--afwijking NAAM`, never by default.
//!
//! | fault | what the client then does |
//! |---|---|
//! | `verkeerde-to-party` | `X-VUM-toParty` is the test source's OIN (the exchange's when the exchange is configured as that source) |
//! | `via-party-niet-certificaat` | `X-VUM-viaParty` is another OIN than the configured one (which over mutual TLS is the certificate's): the `fromParty` when it differs, else the test set's processor (or, for that processor, its mediator) |
//! | `geen-selectiegebied` | the question has no `selectiegebied` |
//! | `criterium-op-verkeerd-pad` | the first criterion of the question after `selectiegebied` (in the order of the body) is put on a path the standard does not give it: a dotted path loses its first segment (`arbeidsmarktkwalificatie.rijbewijs` → `rijbewijs`), an undotted one gains `arbeidsmarktkwalificatie.` (`rijbewijs` → `arbeidsmarktkwalificatie.rijbewijs`) |
//! | `gte-voor-hoogstens` | every `$lte` of the question (the "at most" of `beschikbaarUiterlijk` and of `urenPerWeek.tot`) is sent as `$gte` |
//! | `detail-op-bron-id` | after each detail the client asks it again by the source's own key in the answer (`idWerkzoekende`, `idVacature`) instead of the `vumID` |
//! | `elfde-detail` | the limit per question is 11 instead of 10, so a task asking for more gets an 11th detail |
//! | `directe-herhaling-na-429` | a `429` is retried at once, its `Retry-After` ignored (also one without `Retry-After`) |
//! | `herhaalstorm-na-503` | a `503` is retried at once, without waiting (its `Retry-After` ignored too), up to [`STORM_POGINGEN`] times |
//!
//! A fault on a criterion does nothing to a question without one (`criterium-op-verkeerd-pad`
//! without criteria, `gte-voor-hoogstens` without an "at most"); the harness's tasks for these
//! faults have them.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;
use vum_spec::headers::Oin;
use vum_spec::testdata::oins;

/// Tries in all for a `503` under [`Afwijking::HerhaalstormNa503`].
pub const STORM_POGINGEN: u32 = 20;

/// A deliberate fault of the reference client (see the module's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Afwijking {
    /// `X-VUM-toParty` is not the exchange.
    VerkeerdeToParty,
    /// `X-VUM-viaParty` is not the OIN of the client certificate.
    ViaPartyNietCertificaat,
    /// The question has no `selectiegebied`.
    GeenSelectiegebied,
    /// A criterion on a path the standard does not give it.
    CriteriumOpVerkeerdPad,
    /// `$gte` where the task means "at most" (`$lte`).
    GteVoorHoogstens,
    /// A detail asked by the source's own key instead of a `vumID`.
    DetailOpBronId,
    /// An 11th detail of one question.
    ElfdeDetail,
    /// A `429` retried at once, `Retry-After` ignored.
    DirecteHerhalingNa429,
    /// A `503` retried at once and far beyond a bounded number of tries.
    HerhaalstormNa503,
}

impl Afwijking {
    /// Every fault, in the order of the module's table.
    pub const ALLE: [Afwijking; 9] = [
        Self::VerkeerdeToParty,
        Self::ViaPartyNietCertificaat,
        Self::GeenSelectiegebied,
        Self::CriteriumOpVerkeerdPad,
        Self::GteVoorHoogstens,
        Self::DetailOpBronId,
        Self::ElfdeDetail,
        Self::DirecteHerhalingNa429,
        Self::HerhaalstormNa503,
    ];

    /// Its name on the command line and in reports (`geen-selectiegebied`).
    pub fn naam(self) -> &'static str {
        match self {
            Self::VerkeerdeToParty => "verkeerde-to-party",
            Self::ViaPartyNietCertificaat => "via-party-niet-certificaat",
            Self::GeenSelectiegebied => "geen-selectiegebied",
            Self::CriteriumOpVerkeerdPad => "criterium-op-verkeerd-pad",
            Self::GteVoorHoogstens => "gte-voor-hoogstens",
            Self::DetailOpBronId => "detail-op-bron-id",
            Self::ElfdeDetail => "elfde-detail",
            Self::DirecteHerhalingNa429 => "directe-herhaling-na-429",
            Self::HerhaalstormNa503 => "herhaalstorm-na-503",
        }
    }

    /// What the client then does wrong, in Dutch.
    pub fn omschrijving(self) -> &'static str {
        match self {
            Self::VerkeerdeToParty => "X-VUM-toParty is niet de uitwisselingsvoorziening",
            Self::ViaPartyNietCertificaat => {
                "X-VUM-viaParty is niet het OIN van het clientcertificaat"
            }
            Self::GeenSelectiegebied => "de zoekvraag heeft geen selectiegebied",
            Self::CriteriumOpVerkeerdPad => "een criterium staat op een verkeerd pad",
            Self::GteVoorHoogstens => "$gte waar de taak 'hoogstens' bedoelt",
            Self::DetailOpBronId => "een detail gevraagd met de sleutel van de bron",
            Self::ElfdeDetail => "een elfde detail van één zoekvraag",
            Self::DirecteHerhalingNa429 => "na 429 direct opnieuw, Retry-After genegeerd",
            Self::HerhaalstormNa503 => "na 503 direct en onbegrensd opnieuw",
        }
    }
}

impl fmt::Display for Afwijking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.naam())
    }
}

/// A name that is no fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{gegeven:?} is geen afwijking; kies uit {}", Afwijking::ALLE.map(Afwijking::naam).join(", "))]
pub struct OnbekendeAfwijking {
    /// The name given.
    pub gegeven: String,
}

impl FromStr for Afwijking {
    type Err = OnbekendeAfwijking;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALLE
            .into_iter()
            .find(|a| a.naam() == text.trim())
            .ok_or_else(|| OnbekendeAfwijking {
                gegeven: text.to_owned(),
            })
    }
}

/// The `X-VUM-toParty` sent: the configured one, or a wrong one under the fault.
pub(super) fn to_party(afwijking: Option<Afwijking>, to_party: &Oin) -> String {
    if afwijking != Some(Afwijking::VerkeerdeToParty) {
        return to_party.to_string();
    }
    if to_party.as_str() == oins::BRON {
        oins::UITWISSELING.to_owned()
    } else {
        oins::BRON.to_owned()
    }
}

/// The `X-VUM-viaParty` sent: the configured one, or another under the fault.
pub(super) fn via_party(afwijking: Option<Afwijking>, from_party: &Oin, via_party: &Oin) -> String {
    if afwijking != Some(Afwijking::ViaPartyNietCertificaat) {
        return via_party.to_string();
    }
    if from_party != via_party {
        from_party.to_string()
    } else if via_party.as_str() == oins::BEMIDDELAAR_VERWERKER {
        oins::BEMIDDELAAR.to_owned()
    } else {
        oins::BEMIDDELAAR_VERWERKER.to_owned()
    }
}

/// The question's body as sent: `body` itself, or broken as the fault says.
pub(super) fn vraag_body(afwijking: Option<Afwijking>, body: String) -> String {
    let Some(
        afwijking @ (Afwijking::GeenSelectiegebied
        | Afwijking::CriteriumOpVerkeerdPad
        | Afwijking::GteVoorHoogstens),
    ) = afwijking
    else {
        return body;
    };
    let Ok(mut value) = serde_json::from_str::<Value>(&body) else {
        return body;
    };
    if let Some(vraag) = value.get_mut("vraagObject").and_then(Value::as_object_mut) {
        match afwijking {
            Afwijking::GeenSelectiegebied => {
                vraag.remove("selectiegebied");
            }
            Afwijking::CriteriumOpVerkeerdPad => {
                // The body's first criterion: the order of the typed question, not of the map.
                let eerste = criteria_in_volgorde(&body)
                    .into_iter()
                    .find(|pad| pad != "selectiegebied" && vraag.contains_key(pad));
                if let Some(pad) = eerste
                    && let Some(criterium) = vraag.remove(&pad)
                {
                    vraag.insert(verkeerd_pad(&pad), criterium);
                }
            }
            _ => {
                for criterium in vraag.values_mut() {
                    lte_wordt_gte(criterium);
                }
            }
        }
    }
    serde_json::to_string(&value).unwrap_or(body)
}

/// The keys of `vraagObject` in the order they appear in `body`.
fn criteria_in_volgorde(body: &str) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Vraag {
        #[serde(rename = "vraagObject")]
        vraag_object: Box<serde_json::value::RawValue>,
    }
    let Ok(vraag) = serde_json::from_str::<Vraag>(body) else {
        return Vec::new();
    };
    // A map read as a sequence of keys keeps their order.
    struct Sleutels(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Sleutels {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Bezoeker;
            impl<'de> serde::de::Visitor<'de> for Bezoeker {
                type Value = Sleutels;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Sleutels, A::Error> {
                    let mut sleutels = Vec::new();
                    while let Some((sleutel, _)) =
                        map.next_entry::<String, serde::de::IgnoredAny>()?
                    {
                        sleutels.push(sleutel);
                    }
                    Ok(Sleutels(sleutels))
                }
            }
            d.deserialize_map(Bezoeker)
        }
    }
    serde_json::from_str::<Sleutels>(vraag.vraag_object.get())
        .map(|s| s.0)
        .unwrap_or_default()
}

/// A path the standard does not give the criterion.
fn verkeerd_pad(pad: &str) -> String {
    match pad.split_once('.') {
        Some((_, rest)) => rest.to_owned(),
        None => format!("arbeidsmarktkwalificatie.{pad}"),
    }
}

fn lte_wordt_gte(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(grens) = map.remove("$lte") {
                map.insert("$gte".to_owned(), grens);
            }
            map.values_mut().for_each(lte_wordt_gte);
        }
        Value::Array(items) => items.iter_mut().for_each(lte_wordt_gte),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The body of the reference client for a job seeker search with an "at most" criterion.
    const BODY: &str = r#"{"vraagObject":{"selectiegebied":{"postcode":"1791AA","afstand":15},"arbeidsmarktkwalificatie.rijbewijs":{"$all":[{"$elemMatch":{"codeSoortRijbewijs":{"$eq":"C"}}}]},"datumAanvangBeschikbaarVoorWerk":{"$lte":"2026-12-01"},"werktijden.aantalWerkurenPerWeekMaximaal":{"$gte":24},"werktijden.aantalWerkurenPerWeekMinimaal":{"$lte":32}}}"#;

    fn body(afwijking: Option<Afwijking>) -> Value {
        serde_json::from_str(&vraag_body(afwijking, BODY.to_owned())).unwrap()
    }

    /// The keys of `vraagObject` that differ between the correct body and the faulty one.
    fn verschil(afwijking: Afwijking) -> Vec<(String, Option<Value>, Option<Value>)> {
        let goed = body(None)["vraagObject"].as_object().unwrap().clone();
        let fout = body(Some(afwijking))["vraagObject"]
            .as_object()
            .unwrap()
            .clone();
        let mut sleutels: Vec<&String> = goed.keys().chain(fout.keys()).collect();
        sleutels.sort();
        sleutels.dedup();
        sleutels
            .into_iter()
            .filter(|k| goed.get(*k) != fout.get(*k))
            .map(|k| (k.clone(), goed.get(k).cloned(), fout.get(k).cloned()))
            .collect()
    }

    #[test]
    fn without_a_fault_nothing_changes_and_names_round_trip() {
        assert_eq!(vraag_body(None, BODY.to_owned()), BODY);
        for afwijking in Afwijking::ALLE {
            assert_eq!(afwijking.naam().parse::<Afwijking>(), Ok(afwijking));
            assert!(!afwijking.omschrijving().is_empty());
        }
        let fout = "alles".parse::<Afwijking>().unwrap_err();
        assert!(fout.to_string().starts_with(
            "\"alles\" is geen afwijking; kies uit verkeerde-to-party, via-party-niet-certificaat,"
        ));
        // The faults that are not about the body leave it alone.
        for afwijking in [
            Afwijking::VerkeerdeToParty,
            Afwijking::ViaPartyNietCertificaat,
            Afwijking::DetailOpBronId,
            Afwijking::ElfdeDetail,
            Afwijking::DirecteHerhalingNa429,
            Afwijking::HerhaalstormNa503,
        ] {
            assert_eq!(vraag_body(Some(afwijking), BODY.to_owned()), BODY);
        }
    }

    #[test]
    fn no_selectiegebied_removes_exactly_it() {
        assert_eq!(
            verschil(Afwijking::GeenSelectiegebied),
            [(
                "selectiegebied".to_owned(),
                Some(json!({"postcode": "1791AA", "afstand": 15})),
                None
            )]
        );
    }

    #[test]
    fn a_criterion_on_the_wrong_path_moves_exactly_the_first_criterion() {
        let rijbewijs = json!({"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "C"}}}]});
        assert_eq!(
            verschil(Afwijking::CriteriumOpVerkeerdPad),
            [
                (
                    "arbeidsmarktkwalificatie.rijbewijs".to_owned(),
                    Some(rijbewijs.clone()),
                    None
                ),
                ("rijbewijs".to_owned(), None, Some(rijbewijs)),
            ]
        );
        // A vacancy's undotted path gains the job seeker's parent.
        let vac = r#"{"vraagObject":{"selectiegebied":{"postcode":"8881AA","afstand":15},"rijbewijs":{"$all":[]}}}"#;
        let fout: Value = serde_json::from_str(&vraag_body(
            Some(Afwijking::CriteriumOpVerkeerdPad),
            vac.to_owned(),
        ))
        .unwrap();
        assert!(fout["vraagObject"]["arbeidsmarktkwalificatie.rijbewijs"].is_object());
        assert!(fout["vraagObject"].get("rijbewijs").is_none());
    }

    #[test]
    fn gte_for_at_most_turns_exactly_the_lte_operators() {
        assert_eq!(
            verschil(Afwijking::GteVoorHoogstens),
            [
                (
                    "datumAanvangBeschikbaarVoorWerk".to_owned(),
                    Some(json!({"$lte": "2026-12-01"})),
                    Some(json!({"$gte": "2026-12-01"}))
                ),
                (
                    "werktijden.aantalWerkurenPerWeekMinimaal".to_owned(),
                    Some(json!({"$lte": 32})),
                    Some(json!({"$gte": 32}))
                ),
            ]
        );
    }

    #[test]
    fn the_party_faults_change_exactly_their_header() {
        let oin = |s: &str| s.parse::<Oin>().unwrap();
        let (mediator, processor, exchange) = (
            oin(oins::BEMIDDELAAR),
            oin(oins::BEMIDDELAAR_VERWERKER),
            oin(oins::UITWISSELING),
        );
        for afwijking in Afwijking::ALLE {
            let to = to_party(Some(afwijking), &exchange);
            let via = via_party(Some(afwijking), &mediator, &mediator);
            if afwijking == Afwijking::VerkeerdeToParty {
                assert_eq!(to, oins::BRON);
            } else {
                assert_eq!(to, oins::UITWISSELING);
            }
            if afwijking == Afwijking::ViaPartyNietCertificaat {
                assert_eq!(via, oins::BEMIDDELAAR_VERWERKER);
            } else {
                assert_eq!(via, oins::BEMIDDELAAR);
            }
        }
        let fout = Some(Afwijking::ViaPartyNietCertificaat);
        assert_eq!(via_party(fout, &mediator, &processor), oins::BEMIDDELAAR);
        assert_eq!(via_party(fout, &processor, &processor), oins::BEMIDDELAAR);
        assert_eq!(
            to_party(Some(Afwijking::VerkeerdeToParty), &oin(oins::BRON)),
            oins::UITWISSELING
        );
        assert_eq!(to_party(None, &exchange), oins::UITWISSELING);
    }
}
