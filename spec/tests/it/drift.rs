//! Every difference from the upstream component schemas is listed in the deviations file.

use std::path::PathBuf;

use vum_spec::Message;
use vum_spec::drift::{Deviations, check, differences};

use crate::upstream;

#[test]
fn every_difference_from_upstream_is_a_listed_deviation_and_every_listing_still_differs() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("deviations/3.0.0.toml");
    let deviations = Deviations::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut found = Vec::new();
    for message in Message::ALL {
        let contract = upstream::contract(message.upstream().contract);
        for difference in differences(*message, &contract).unwrap() {
            found.push((message.name().to_owned(), difference));
        }
    }
    let result = check(&found, &deviations);
    let unlisted: Vec<String> = result
        .unlisted
        .iter()
        .map(|(m, d)| format!("{m}: {d}"))
        .collect();
    assert!(
        result.is_clean(),
        "drift from upstream not accounted for in {} (inspect with `cargo run -p vum-spec -- drift`)\n\
         unlisted: {unlisted:#?}\nobsolete: {:#?}\nwithout reason: {:#?}",
        path.display(),
        result.obsolete,
        result.unexplained
    );
    assert!(
        !found.is_empty(),
        "the comparison found nothing at all; is it comparing?"
    );
}

#[test]
fn the_comparison_notices_a_changed_constraint() {
    let mut contract = upstream::contract(vum_spec::Contract::BronWerkzoekendeProfielen);
    contract["components"]["schemas"]["Integer1000"]["maximum"] = 1000.into();
    let found = differences(Message::Werkzoekende, &contract).unwrap();
    assert!(
        found.iter().any(
            |d| d.path == "/properties/mobiliteit/properties/maximaleReisafstand"
                && d.keyword == "maximum"
        ),
        "{found:#?}"
    );
}
