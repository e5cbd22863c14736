//! The contract lint finds exactly the three known defects upstream and none in ours.

use vum_spec::lint::lint;
use vum_spec::{Contract, openapi};

use crate::upstream;

#[test]
fn upstream_source_contracts_have_exactly_the_three_known_defects() {
    let mut found = Vec::new();
    for contract in [Contract::BronWerkzoekendeProfielen, Contract::BronVacatures] {
        for finding in lint(&upstream::contract(contract)).unwrap() {
            found.push((finding.criterion, finding.path));
        }
    }
    found.sort();
    let expected = [
        (
            "bemiddelingsberoep → $elemMatch → $or[] → beroep.codeBeroepsnaam",
            "bemiddelingsberoep[].beroep.codeBeroepsnaam",
        ),
        (
            "datumAanvangBeschikbaarVoorWerk",
            "datumAanvangBeschikbaarVoorWerk",
        ),
        ("datumAanvangWerkzaamheden", "datumAanvangWerkzaamheden"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, p)| ((*c).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn our_generated_contracts_have_no_findings() {
    for contract in Contract::ALL {
        let findings = lint(&openapi::document(contract)).unwrap();
        assert!(findings.is_empty(), "{}: {findings:#?}", contract.name());
    }
}

#[test]
fn the_lint_catches_a_criterion_whose_type_does_not_fit() {
    let mut contract = upstream::contract(Contract::BronWerkzoekendeProfielen);
    contract["components"]["schemas"]["aantalWerkuren"] = serde_json::json!({"type": "string"});
    let findings = lint(&contract).unwrap();
    let hours: Vec<_> = findings
        .iter()
        .filter(|f| f.path.starts_with("werktijden.aantalWerkuren"))
        .collect();
    assert_eq!(hours.len(), 2, "{findings:#?}");
    assert!(
        hours[0]
            .reason
            .contains("operand type string does not fit field type integer"),
        "{}",
        hours[0]
    );
}
