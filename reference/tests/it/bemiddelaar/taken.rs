//! A task file executed through the whole chain: each task's question and the details of its
//! first matches; a task asking more details than the standard allows gets ten.

use vum_reference::bemiddelaar::{Taakverslag, Uitkomst, voer_alle_uit};
use vum_spec::taken::Takenlijst;

use super::support::Keten;

const TAKEN: &str = r#"{
  "versie": 1,
  "taken": [
    {
      "nummer": 1,
      "omschrijving": "Zoek werkzoekenden binnen 15 km van 1791AA die rijbewijs B en C hebben; vraag het detail op van de eerste twee",
      "zoek": {"werkzoekenden": {"postcode": "1791AA", "afstand": 15, "rijbewijzen": ["B", "C"]}},
      "details": 2
    },
    {
      "nummer": 2,
      "omschrijving": "Zoek vacatures binnen 15 km van 8881AA",
      "zoek": {"vacatures": {"postcode": "8881AA", "afstand": 15}}
    },
    {
      "nummer": 3,
      "omschrijving": "Zoek werkzoekenden binnen 20 km van 9161AA; vraag het detail op van de eerste twaalf",
      "zoek": {"werkzoekenden": {"postcode": "9161AA", "afstand": 20}},
      "details": 12
    }
  ]
}"#;

#[tokio::test]
async fn a_task_file_runs_and_an_eleventh_detail_is_never_sent() {
    let keten = Keten::plain().await;
    let client = keten.client();
    let lijst = Takenlijst::lees(TAKEN).unwrap();
    let verslagen = voer_alle_uit(&client, &lijst).await;
    assert_eq!(verslagen.len(), 3);
    assert!(
        verslagen.iter().all(Taakverslag::voltooid),
        "{verslagen:#?}"
    );

    let een = &verslagen[0];
    assert_eq!(een.nummer, 1);
    assert_eq!(
        een.zoekopdracht,
        "werkzoekenden binnen 15 km van 1791AA, met rijbewijzen B en C"
    );
    assert_eq!(
        een.resultaat.as_ref().unwrap().aantal,
        2,
        "wz-t02 and wz-t12"
    );
    assert_eq!(een.details.len(), 2);
    assert_eq!(een.pogingen.len(), 3, "one question, two details");
    assert_eq!(een.pogingen[0].methode, "POST");
    assert_eq!(
        een.pogingen[0].body.as_deref(),
        Some(
            r#"{"vraagObject":{"selectiegebied":{"afstand":15,"postcode":"1791AA"},"arbeidsmarktkwalificatie.rijbewijs":{"$all":[{"$elemMatch":{"codeSoortRijbewijs":{"$eq":"B"}}},{"$elemMatch":{"codeSoortRijbewijs":{"$eq":"C"}}}]}}}"#
        )
    );
    for poging in &een.pogingen {
        assert!(matches!(
            poging.uitkomst,
            Uitkomst::Status { status: 200, .. }
        ));
    }

    let twee = &verslagen[1];
    assert_eq!(twee.resultaat.as_ref().unwrap().aantal, 9);
    assert!(twee.details.is_empty());

    let drie = &verslagen[2];
    assert!(drie.resultaat.as_ref().unwrap().aantal > 10);
    assert_eq!(drie.details.len(), 10);
    assert_eq!(
        drie.opmerkingen,
        [
            "de taak vraagt 12 details; de standaard staat er 10 per zoekvraag toe, dus alleen de eerste 10"
        ]
    );
    let gets = keten.seen().iter().filter(|s| s.method == "GET").count();
    assert_eq!(gets, 12, "2 details for task 1, 10 for task 3");
}
