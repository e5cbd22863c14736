//! The verdict of a change per role, with its reason in words (the tables are in the module
//! documentation of [`crate::diff`]).

use std::collections::{BTreeMap, BTreeSet};

use super::change::{Change, Direction, Effect, Finding, Kind, Occurrence, Place};
use super::load::Side;
use super::verdict::{Class, Role, RoleVerdict};

/// The server and the client role of a contract side.
fn server_and_client(side: Side) -> (Role, Role) {
    match side {
        Side::Bron => (Role::Bron, Role::Uitwisseling),
        Side::Bemiddelaar => (Role::Uitwisseling, Role::Bemiddelaar),
    }
}

/// The verdict per role: the worst over the occurrences, with the reasons of that class.
pub(crate) fn roles(
    kind: Kind,
    effect: Effect,
    in_question: bool,
    occurrences: &[Occurrence],
) -> BTreeMap<Role, RoleVerdict> {
    let mut verdicts: BTreeMap<Role, (Class, Vec<String>)> = BTreeMap::new();
    for occurrence in occurrences {
        let (server, client) = server_and_client(occurrence.side);
        for role in [server, client] {
            let sender = (role == client) == (occurrence.direction == Direction::Request);
            let (class, reason) =
                if in_question && role == Role::Uitwisseling && effect != Effect::Neutral {
                    (
                        Class::Compatible,
                        "geeft de zoekvraag ongewijzigd door aan de bronnen".to_owned(),
                    )
                } else {
                    let class = side_class(effect, sender);
                    (
                        class,
                        reason(kind, effect, sender, occurrence.direction, in_question),
                    )
                };
            let entry = verdicts.entry(role).or_insert((class, Vec::new()));
            if class > entry.0 {
                *entry = (class, Vec::new());
            }
            if class == entry.0 && !entry.1.contains(&reason) {
                entry.1.push(reason);
            }
        }
    }
    let sides: Vec<Side> = occurrences.iter().map(|o| o.side).collect();
    Role::ALL
        .iter()
        .map(|&role| {
            let verdict = match verdicts.remove(&role) {
                Some((class, reasons)) => RoleVerdict {
                    class,
                    reason: reasons.join("; "),
                },
                None => RoleVerdict {
                    class: Class::None,
                    reason: uninvolved(&sides),
                },
            };
            (role, verdict)
        })
        .collect()
}

fn uninvolved(sides: &[Side]) -> String {
    if sides.iter().all(|s| *s == Side::Bron) {
        "niet betrokken: de wijziging zit alleen in de Bron-contracten".to_owned()
    } else {
        "niet betrokken: de wijziging zit alleen in de Bemiddelaar-contracten".to_owned()
    }
}

fn side_class(effect: Effect, sender: bool) -> Class {
    match (effect, sender) {
        (Effect::Neutral, _) => Class::None,
        (Effect::Harmless, _) | (Effect::Widened, true) | (Effect::Narrowed, false) => {
            Class::Compatible
        }
        (Effect::Both, _) | (Effect::Widened, false) | (Effect::Narrowed, true) => Class::Breaking,
    }
}

fn reason(
    kind: Kind,
    effect: Effect,
    sender: bool,
    direction: Direction,
    question: bool,
) -> String {
    if effect == Effect::Neutral {
        return "alleen een naam in het contract; de berichten veranderen niet".to_owned();
    }
    if question {
        return question_reason(kind, effect, sender).to_owned();
    }
    let specific = match (kind, sender) {
        (Kind::ContractAdded, false) => "moet het nieuwe contract aanbieden",
        (Kind::ContractAdded, true) => "mag het nieuwe contract gebruiken",
        (Kind::ContractRemoved, true) => "kan het contract niet meer gebruiken",
        (Kind::ContractRemoved, false) => "hoeft het contract niet meer aan te bieden",
        (Kind::BasePathChanged, true) => "moet het nieuwe basispad aanroepen",
        (Kind::BasePathChanged, false) => "moet op het nieuwe basispad antwoorden",
        (Kind::OperationAdded, false) => "moet de nieuwe operatie aanbieden",
        (Kind::OperationAdded, true) => "mag de nieuwe operatie gebruiken",
        (Kind::OperationRemoved, true) => "kan de operatie niet meer gebruiken",
        (Kind::OperationRemoved, false) => "hoeft de operatie niet meer aan te bieden",
        (Kind::StatusAdded, false) => "moet de nieuwe statuscode kunnen afhandelen",
        (Kind::StatusAdded, true) => "mag de nieuwe statuscode gebruiken",
        (Kind::StatusRemoved, true) => "mag de statuscode niet meer gebruiken",
        (Kind::StatusRemoved, false) => "krijgt de statuscode niet meer",
        (Kind::HeaderAdded, true) => "mag de nieuwe header meesturen",
        (Kind::HeaderAdded, false) => "mag de nieuwe header negeren",
        (Kind::RequiredHeaderAdded, true) => "moet de nieuwe header altijd meesturen",
        (Kind::RequiredHeaderAdded, false) if direction == Direction::Request => {
            "moet de nieuwe header controleren en verwerken"
        }
        (Kind::RequiredHeaderAdded, false) => "mag op de nieuwe header rekenen",
        (Kind::HeaderRemoved, true) => "hoeft de header niet meer mee te sturen",
        (Kind::HeaderRemoved, false) => "kan niet meer op de header rekenen",
        (Kind::ParameterAdded, true) => "mag of moet de nieuwe parameter meesturen",
        (Kind::ParameterAdded, false) => "moet de nieuwe parameter verwerken",
        (Kind::ParameterRemoved, true) => "hoeft de parameter niet meer mee te sturen",
        (Kind::ParameterRemoved, false) => "kan niet meer op de parameter rekenen",
        (Kind::FieldAdded, true) => "mag het nieuwe veld vullen",
        (Kind::FieldAdded, false) if direction == Direction::Request => {
            "moet het nieuwe veld accepteren en verwerken"
        }
        (Kind::FieldAdded, false) => {
            "krijgt een nieuw veld; de objecten zijn gesloten (additionalProperties: false), dus wie strikt valideert moet het kennen"
        }
        (Kind::RequiredFieldAdded, true) => "moet het nieuwe verplichte veld altijd vullen",
        (Kind::RequiredFieldAdded, false) => {
            "krijgt een nieuw veld dat het moet kennen en verwerken"
        }
        (Kind::FieldRemoved, true) => "mag het veld niet meer sturen (het object is gesloten)",
        (Kind::FieldRemoved, false) => "krijgt het veld niet meer",
        (Kind::FieldMoved, true) => {
            "moet het veld op de nieuwe plek of onder de nieuwe naam sturen"
        }
        (Kind::FieldMoved, false) => {
            "moet het veld op de nieuwe plek of onder de nieuwe naam lezen"
        }
        (Kind::MadeRequired, true) => "moet het nu altijd vullen",
        (Kind::MadeRequired, false) => "kan er nu op rekenen",
        (Kind::MadeOptional, true) => "mag het nu weglaten",
        (Kind::MadeOptional, false) => "kan er niet meer op rekenen dat het er is",
        (Kind::EnumValuesAdded, true) => "mag de nieuwe waarden gebruiken",
        (Kind::EnumValuesAdded, false) => "moet de nieuwe waarden kennen en accepteren",
        (Kind::EnumValuesRemoved, true) => "mag de waarden niet meer gebruiken",
        (Kind::EnumValuesRemoved, false) => "krijgt de waarden niet meer",
        (Kind::BodyRemoved, false) => "krijgt de body niet meer",
        (Kind::BodyRemoved, true) => "mag de body niet meer sturen",
        _ => "",
    };
    if !specific.is_empty() {
        return specific.to_owned();
    }
    let messages = match direction {
        Direction::Request => "verzoeken",
        Direction::Response => "antwoorden",
    };
    match (effect, sender) {
        (Effect::Widened, true) => {
            format!("mag ruimere {messages} sturen; wat het stuurde blijft geldig")
        }
        (Effect::Widened, false) => format!("moet {messages} accepteren die eerst ongeldig waren"),
        (Effect::Narrowed, true) => {
            format!("{messages} die eerst geldig waren, zijn dat niet meer")
        }
        (Effect::Narrowed, false) => "krijgt alleen nog wat het al accepteerde".to_owned(),
        (Effect::Both, true) => format!("moet aanpassen wat het in {messages} stuurt"),
        (Effect::Both, false) => format!("moet aanpassen hoe het {messages} leest"),
        (Effect::Harmless, _) | (Effect::Neutral, _) => "kan het negeren of gebruiken".to_owned(),
    }
}

/// Reasons inside the question; `sender` is the mediator (or the exchange), the receiver the source.
fn question_reason(kind: Kind, effect: Effect, sender: bool) -> &'static str {
    match (kind, sender) {
        (Kind::CriterionAdded, false) => {
            "moet het nieuwe criterium toepassen: een bron past de criteria van haar versie toe"
        }
        (Kind::CriterionAdded, true) => {
            "mag het nieuwe criterium gebruiken; een bron op een oudere versie negeert het (antwoord mogelijk breder)"
        }
        (Kind::OperatorAdded, false) => "moet de nieuwe operator toepassen",
        (Kind::OperatorAdded, true) => {
            "mag de nieuwe operator gebruiken; een bron op een oudere versie negeert hem"
        }
        (Kind::CriterionRemoved | Kind::OperatorRemoved, false) => {
            "mag het negeren: het hoort niet meer bij de zoekvraag"
        }
        (Kind::CriterionRemoved | Kind::OperatorRemoved, true) => {
            "wordt niet meer toegepast: antwoorden kunnen breder zijn; pas het zelf toe als het precies moet"
        }
        (Kind::CriterionRenamed, false) => "moet het criterium onder de nieuwe naam toepassen",
        (Kind::CriterionRenamed, true) => {
            "moet de nieuwe naam gebruiken; een bron op de nieuwe versie negeert de oude"
        }
        _ => match (effect, sender) {
            (Effect::Widened, false) => {
                "moet zoekvragen accepteren en toepassen die eerst ongeldig waren"
            }
            (Effect::Widened, true) => "mag ruimere zoekvragen stellen",
            (Effect::Narrowed, true) => "zoekvragen die eerst geldig waren, zijn dat niet meer",
            (Effect::Narrowed, false) => "krijgt alleen zoekvragen die het al accepteerde",
            (Effect::Both, false) => "moet de gewijzigde zoekvraag anders lezen",
            (Effect::Both, true) => "moet de zoekvraag anders stellen",
            (Effect::Harmless, _) | (Effect::Neutral, _) => "kan het negeren of gebruiken",
        },
    }
}

/// Groups findings into changes, classified per role, in a stable order.
pub(crate) fn group(findings: Vec<Finding>) -> Vec<Change> {
    type Key = (Kind, Place, Option<String>, Option<String>);
    let mut groups: BTreeMap<Key, (Effect, BTreeSet<Occurrence>, BTreeSet<String>)> =
        BTreeMap::new();
    for f in findings {
        let entry = groups.entry((f.kind, f.place, f.old, f.new)).or_insert((
            f.effect,
            BTreeSet::new(),
            BTreeSet::new(),
        ));
        entry.0 = entry.0.join(f.effect);
        entry.1.insert(f.occurrence);
        entry.2.extend(f.names);
    }
    groups
        .into_iter()
        .map(|((kind, place, old, new), (effect, occurrences, names))| {
            let occurrences: Vec<Occurrence> = occurrences.into_iter().collect();
            let roles = roles(kind, effect, place.in_question(), &occurrences);
            Change {
                kind,
                place,
                old,
                new,
                roles,
                occurrences,
                requirements: Vec::new(),
                scenarios: Vec::new(),
                names,
            }
        })
        .collect()
}
