//! Who may ask the exchange in whose name: the controller itself, or a processor registered to
//! act for it. Another mediator's identity with this fromParty is refused before any source is
//! asked (the authorisation hole of issue 13).

use serde_json::json;
use vum_spec::testdata::oins;

use super::fanout::halves;
use super::support::{WZ, ask_with, mediator_headers};

fn headers(from: &str, via: &str) -> Vec<(&'static str, String)> {
    mediator_headers(from)
        .into_iter()
        .map(|(name, value)| {
            if name == "X-VUM-viaParty" {
                (name, via.to_owned())
            } else {
                (name, value)
            }
        })
        .collect()
}

#[tokio::test]
async fn only_the_controller_or_its_registered_processor_asks_in_its_name() {
    let (a, b, exchange) = halves().await;
    let question = json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}});
    let cases = [
        (
            oins::BEMIDDELAAR,
            oins::BEMIDDELAAR,
            200,
            "the controller itself",
        ),
        (
            oins::BEMIDDELAAR,
            oins::BEMIDDELAAR_VERWERKER,
            200,
            "its registered processor",
        ),
        (
            oins::BEMIDDELAAR,
            oins::PARTICULIER,
            401,
            "another mediator as the SUWI one",
        ),
        (
            oins::PARTICULIER,
            oins::BEMIDDELAAR_VERWERKER,
            401,
            "a processor for a controller it does not act for",
        ),
    ];
    for (from, via, status, what) in cases {
        let seen = a.seen().len() + b.seen().len();
        let answer = exchange
            .call(ask_with(WZ, &headers(from, via), &question))
            .await;
        assert_eq!(answer.status.as_u16(), status, "{what}: {}", answer.text);
        let asked = a.seen().len() + b.seen().len() - seen;
        assert_eq!(asked, if status == 200 { 2 } else { 0 }, "{what}");
    }
}
