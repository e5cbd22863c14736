//! Pseudonyms and details through the exchange.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::{Value, json};
use vum_reference::uitwisseling::UitwisselingConfig;
use vum_reference::uitwisseling::vumid::{Pseudonym, VraagId};
use vum_spec::Kind;
use vum_spec::testdata::oins;

use super::fanout::halves;
use super::support::{
    Answer, Source, TestExchange, VAC, WZ, ask, bron, detail_path, faulty, fetch,
};

fn vraag(postcode: &str, afstand: u16) -> Value {
    json!({"vraagObject": {"selectiegebied": {"postcode": postcode, "afstand": afstand}}})
}

/// The `vumID` of each source id in an answer.
fn by_id(exchange: &TestExchange, kind: Kind, answer: &Answer) -> Vec<(String, String)> {
    answer
        .vum_ids()
        .into_iter()
        .map(|v| (exchange.open(kind, oins::BEMIDDELAAR, &v).id, v))
        .collect()
}

fn sha256_hex(text: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, text.as_bytes());
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

fn requests(sources: &[&Source]) -> usize {
    sources.iter().map(|s| s.seen().len()).sum()
}

#[tokio::test]
async fn vum_ids_differ_per_question_reveal_nothing_and_refuse_tampering_without_a_source_call() {
    let (a, b, exchange) = halves().await;
    let question = vraag("1791AA", 2);
    let first = by_id(
        &exchange,
        Kind::Werkzoekende,
        &exchange.call(ask(WZ, oins::BEMIDDELAAR, &question)).await,
    );
    let second = by_id(
        &exchange,
        Kind::Werkzoekende,
        &exchange.call(ask(WZ, oins::BEMIDDELAAR, &question)).await,
    );
    assert_eq!(first.len(), 3);
    let ids: BTreeSet<&String> = first.iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids,
        second.iter().map(|(id, _)| id).collect(),
        "the same profiles"
    );
    for ((id, one), (_, two)) in first.iter().zip(&second) {
        assert_ne!(one, two, "{id}: a new vumID for every question");
        assert!(!one.contains(id.as_str()), "{one} contains {id}");
        assert!(!one.contains(&sha256_hex(id)) && !one.contains(&sha256_hex(id)[..16]));
        assert!(
            one.len() <= 500
                && one
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"_.-".contains(&c))
        );
    }

    let (_, vum_id) = &first[0];
    let before = requests(&[&a, &b]);
    let mut tampered = Vec::new();
    for position in [1, vum_id.len() / 2, vum_id.len() - 1] {
        let mut bytes = vum_id.clone().into_bytes();
        bytes[position] = if bytes[position] == b'x' { b'y' } else { b'x' };
        tampered.push(String::from_utf8(bytes).unwrap());
    }
    // Another exchange's pseudonym of the same profile (a different key).
    let (_, _, other) = halves().await;
    let foreign = other
        .call(ask(WZ, oins::BEMIDDELAAR, &question))
        .await
        .vum_ids()[0]
        .clone();
    tampered.push(foreign);
    tampered.push("wz-t01".to_owned());
    for bad in &tampered {
        let answer = exchange
            .call(fetch(
                &detail_path(Kind::Werkzoekende, bad),
                oins::BEMIDDELAAR,
            ))
            .await;
        assert_eq!(
            (answer.status.as_u16(), answer.code()),
            (404, "404.01".to_owned()),
            "{bad}"
        );
    }
    // Right pseudonym, wrong kind or another asker: also unknown (SEC-10).
    let answer = exchange
        .call(fetch(
            &detail_path(Kind::Vacature, vum_id),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(answer.status, 404);
    let answer = exchange
        .call(fetch(
            &detail_path(Kind::Werkzoekende, vum_id),
            oins::PARTICULIER,
        ))
        .await;
    assert_eq!(answer.status, 404);
    let answer = exchange
        .call(fetch(
            &detail_path(Kind::Werkzoekende, "a%2Fb"),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(
        (answer.status.as_u16(), answer.code()),
        (400, "400.01".to_owned())
    );
    assert_eq!(requests(&[&a, &b]), before, "no source was called");
}

#[tokio::test]
async fn a_detail_is_the_sources_stored_document_with_the_bron_id() {
    let (a, b, exchange) = halves().await;
    for (kind, path, question) in [
        (Kind::Werkzoekende, WZ, vraag("1791AA", 2)),
        (Kind::Vacature, VAC, vraag("8881AA", 15)),
    ] {
        let answer = exchange.call(ask(path, oins::BEMIDDELAAR, &question)).await;
        for vum_id in answer.vum_ids() {
            let p = exchange.open(kind, oins::BEMIDDELAAR, &vum_id);
            let detail = exchange
                .call(fetch(&detail_path(kind, &vum_id), oins::BEMIDDELAAR))
                .await;
            assert_eq!(detail.status, 200, "{}", detail.text);
            let source = if p.bron_id == "bron-a" { &a } else { &b };
            let field = match kind {
                Kind::Werkzoekende => "werkzoekende",
                Kind::Vacature => "vacature",
            };
            assert_eq!(
                detail.json(),
                json!({"bronID": p.bron_id, field: source.document(kind, &p.id)}),
                "{}",
                p.id
            );
            let asked = source.seen().last().cloned().unwrap();
            assert_eq!(
                asked.path,
                format!("{}/{}", detail_path(kind, "").trim_end_matches('/'), p.id)
            );
            assert_eq!(asked.headers["x-vum-suwiparty"], "true");
        }
    }
    // The processing log holds pseudonyms only, never a source id or a payload.
    let log = exchange.exchange.database().audit(None, None).unwrap();
    let released: Vec<&str> = log.iter().filter_map(|r| r.betrokkene.as_deref()).collect();
    assert!(!released.is_empty());
    for r in &log {
        let text = format!("{r:?}");
        assert!(
            !text.contains("wz-t") && !text.contains("vac-t") && !text.contains("kanarie"),
            "{text}"
        );
    }
    let tables: Vec<String> = {
        let connection = exchange.exchange.database().connection().unwrap();
        let mut statement = connection
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let ledger: Vec<String> = {
        let connection = exchange.exchange.database().connection().unwrap();
        let mut statement = connection
            .prepare("SELECT vraag_id || ' ' || vum_id FROM detailtelling")
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(
        ledger
            .iter()
            .all(|row| !row.contains("wz-t") && !row.contains("vac-t")),
        "the detail ledger holds pseudonyms only: {ledger:?}"
    );
    assert_eq!(
        tables,
        ["logboek", "detailtelling"],
        "the exchange has no place for profiles"
    );
}

#[tokio::test]
async fn the_eleventh_detail_of_a_question_is_429_and_a_new_question_starts_afresh() {
    let (_a, _b, exchange) = halves().await;
    // Ameland, 10 km: 100 job seekers.
    let answer = exchange
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("9161AA", 10)))
        .await;
    let vum_ids = answer.vum_ids();
    assert_eq!(vum_ids.len(), 100);
    for vum_id in &vum_ids[..10] {
        let detail = exchange
            .call(fetch(
                &detail_path(Kind::Werkzoekende, vum_id),
                oins::BEMIDDELAAR,
            ))
            .await;
        assert_eq!(detail.status, 200);
    }
    let eleventh = exchange
        .call(fetch(
            &detail_path(Kind::Werkzoekende, &vum_ids[10]),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(
        (eleventh.status.as_u16(), eleventh.code()),
        (429, "429.01".to_owned())
    );
    let again = exchange
        .call(fetch(
            &detail_path(Kind::Werkzoekende, &vum_ids[3]),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(
        again.status, 200,
        "a detail already released is not counted twice"
    );
    let next = exchange
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("9161AA", 10)))
        .await;
    let detail = exchange
        .call(fetch(
            &detail_path(Kind::Werkzoekende, &next.vum_ids()[50]),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(detail.status, 200);

    // Configurable: with a limit of 2 the third is refused, also when asked at once.
    let limited = TestExchange::new(
        exchange.exchange.bronnen().cloned().collect(),
        UitwisselingConfig {
            max_details: 2,
            ..UitwisselingConfig::default()
        },
    );
    let answer = limited
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("9161AA", 10)))
        .await;
    let statuses: Vec<u16> = futures::future::join_all(answer.vum_ids()[..3].iter().map(|v| {
        limited.call(fetch(
            &detail_path(Kind::Werkzoekende, v),
            oins::BEMIDDELAAR,
        ))
    }))
    .await
    .iter()
    .map(|a| a.status.as_u16())
    .collect();
    let mut sorted = statuses.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [200, 200, 429], "{statuses:?}");
}

#[tokio::test]
async fn a_detail_whose_source_fails_is_503_and_does_not_use_up_the_limit() {
    let stalled = faulty(200, "{}", Duration::from_secs(30)).await;
    let failing = TestExchange::new(
        vec![bron("bron-a", stalled, Duration::from_millis(300))],
        UitwisselingConfig {
            max_details: 1,
            ..UitwisselingConfig::default()
        },
    );
    // A pseudonym as this exchange would have released it for bron-a.
    let p = Pseudonym {
        vraag_id: VraagId::new().unwrap(),
        issued: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        bron_id: "bron-a".to_owned(),
        id: "wz-t01".to_owned(),
    };
    let sealed = failing
        .exchange
        .key()
        .seal(Kind::Werkzoekende, oins::BEMIDDELAAR, &p)
        .unwrap();
    // Twice: with a limit of 1, a failure that used up the limit would make the second a 429.
    for _ in 0..2 {
        let answer = failing
            .call(fetch(
                &detail_path(Kind::Werkzoekende, &sealed),
                oins::BEMIDDELAAR,
            ))
            .await;
        assert_eq!(
            (answer.status.as_u16(), answer.code()),
            (503, "500.3".to_owned()),
            "{}",
            answer.text
        );
    }
    // Expired pseudonyms are unknown.
    let old = Pseudonym {
        issued: p.issued - 2 * 24 * 60 * 60,
        ..p
    };
    let sealed = failing
        .exchange
        .key()
        .seal(Kind::Werkzoekende, oins::BEMIDDELAAR, &old)
        .unwrap();
    let answer = failing
        .call(fetch(
            &detail_path(Kind::Werkzoekende, &sealed),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(answer.status, 404);
}

#[tokio::test]
async fn the_detail_limit_of_a_question_holds_across_a_restart_with_the_same_key() {
    use vum_reference::uitwisseling::Uitwisseling;
    use vum_reference::uitwisseling::vumid::PseudonymKey;
    let (_a, _b, first) = halves().await;
    let dir = std::env::temp_dir().join(format!("vum-ledger-{}-{}", std::process::id(), line!()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("uitwisseling.db");
    let hex = "11".repeat(32);
    let start = || {
        TestExchange::with(
            first.exchange.bronnen().cloned().collect(),
            UitwisselingConfig::default(),
            PseudonymKey::from_hex(&hex).unwrap(),
            Uitwisseling::open_database(&db).unwrap(),
        )
    };
    let before = start();
    let vum_ids = before
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("9161AA", 10)))
        .await
        .vum_ids();
    for vum_id in &vum_ids[..10] {
        let detail = before
            .call(fetch(
                &detail_path(Kind::Werkzoekende, vum_id),
                oins::BEMIDDELAAR,
            ))
            .await;
        assert_eq!(detail.status, 200);
    }
    drop(before);
    let after = start();
    let eleventh = after
        .call(fetch(
            &detail_path(Kind::Werkzoekende, &vum_ids[10]),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(
        (eleventh.status.as_u16(), eleventh.code()),
        (429, "429.01".to_owned()),
        "the count survived the restart"
    );
    let again = after
        .call(fetch(
            &detail_path(Kind::Werkzoekende, &vum_ids[0]),
            oins::BEMIDDELAAR,
        ))
        .await;
    assert_eq!(again.status, 200, "a released detail stays available");
    let _ = std::fs::remove_dir_all(&dir);
}
