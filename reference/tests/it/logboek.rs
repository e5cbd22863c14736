//! The processing log: committed before personal data leaves, or no data leaves.

use std::process::Command;

use serde_json::json;
use vum_reference::BronConfig;
use vum_reference::bron::store::Store;
use vum_spec::testdata::oins;

use crate::support::{TestNode, WZ, get, post, test_set, vum_headers};

const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

fn traced(
    mut request: axum::http::Request<axum::body::Body>,
) -> axum::http::Request<axum::body::Body> {
    request.headers_mut().insert(
        "traceparent",
        format!("00-{TRACE}-00f067aa0ba902b7-01").parse().unwrap(),
    );
    request
}

#[tokio::test]
async fn one_record_per_returned_profile_with_the_callers_trace() {
    let node = TestNode::demo();
    let reply = node
        .call(traced(post(
            WZ,
            &json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}}),
        )))
        .await;
    assert_eq!(reply.ids(), ["wz-t01", "wz-t02", "wz-t10"]);
    assert!(
        reply
            .header("traceparent")
            .unwrap()
            .starts_with(&format!("00-{TRACE}-"))
    );
    node.call(traced(get("/api/v3/werkzoekendeProfielen/wz-t05")))
        .await;
    let log = node.node.database().audit(None, None).unwrap();
    let subjects: Vec<_> = log
        .iter()
        .map(|r| (r.operatie.as_str(), r.betrokkene.as_deref().unwrap()))
        .collect();
    assert_eq!(
        subjects,
        [
            ("werkzoekendeProfielen.matches", "wz-t01"),
            ("werkzoekendeProfielen.matches", "wz-t02"),
            ("werkzoekendeProfielen.matches", "wz-t10"),
            ("werkzoekendeProfielen.detail", "wz-t05"),
        ]
    );
    for record in &log {
        assert_eq!(record.trace_id, TRACE);
        assert_eq!(record.from_party.as_deref(), Some(oins::BEMIDDELAAR));
        assert_eq!(record.via_party.as_deref(), Some(oins::BRON_VERWERKER));
        assert_eq!(record.uitkomst, "verstrekt");
        assert!(record.tijd.ends_with('Z'));
    }
}

#[tokio::test]
async fn when_the_log_cannot_be_written_no_data_leaves() {
    let dir = std::env::temp_dir().join(format!("vum-log-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("node.db");
    let node =
        vum_reference::Bron::new(BronConfig::default(), Store::open(&path).unwrap()).unwrap();
    node.import(vum_spec::Kind::Werkzoekende, &test_set().0)
        .unwrap();
    let test = TestNode::from_node(node);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TRIGGER weiger BEFORE INSERT ON logboek BEGIN SELECT RAISE(ABORT, 'schijf vol'); END;")
        .unwrap();
    let reply = test
        .call(post(
            WZ,
            &json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 2}}}),
        ))
        .await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (500, "500.1".to_owned())
    );
    let reply = test.call(get("/api/v3/werkzoekendeProfielen/wz-t01")).await;
    assert_eq!(
        (reply.status.as_u16(), reply.code()),
        (500, "500.1".to_owned())
    );
    assert!(
        !reply.text.contains("wz-t01") && !reply.text.contains("schijf"),
        "{}",
        reply.text
    );
}

#[test]
fn the_audit_command_prints_and_filters_the_log() {
    let dir = std::env::temp_dir().join(format!("vum-audit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("node.db");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let node =
            vum_reference::Bron::new(BronConfig::default(), Store::open(&db).unwrap()).unwrap();
        node.import(vum_spec::Kind::Werkzoekende, &test_set().0)
            .unwrap();
        let test = TestNode::from_node(node);
        test.call(get("/api/v3/werkzoekendeProfielen/wz-t01")).await;
        let mut headers = vum_headers();
        headers.retain(|(h, _)| *h != "X-VUM-fromParty");
        headers.push(("X-VUM-fromParty", oins::PARTICULIER));
        test.call(crate::support::get_with(
            "/api/v3/werkzoekendeProfielen/wz-t02",
            &headers,
        ))
        .await;
    });
    let audit = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_vum-node"))
            .arg("audit")
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, out, _) = audit(&[]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("betrokkene=wz-t01")
            && out.contains("betrokkene=wz-t02")
            && out.ends_with("2 records\n"),
        "{out}"
    );
    let (_, out, _) = audit(&["--oin", oins::PARTICULIER]);
    assert!(
        out.contains("betrokkene=wz-t02")
            && !out.contains("wz-t01")
            && out.ends_with("1 records\n"),
        "{out}"
    );
    let (_, out, _) = audit(&["--since", "2999-01-01T00:00:00Z"]);
    assert!(out.ends_with("0 records\n"), "{out}");
    let (code, _, err) = audit(&["--since", "gisteren"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("RFC 3339"), "{err}");
}

#[test]
fn records_older_than_the_retention_period_are_removed_and_newer_ones_kept() {
    use vum_reference::server::bewaartermijn::{grens, handhaaf};
    use vum_reference::server::database::{Database, LOGBOEK_MIGRATIONS};
    use vum_reference::server::logboek::LogEntry;
    let database = Database::in_memory(LOGBOEK_MIGRATIONS).unwrap();
    let now = time::OffsetDateTime::now_utc();
    let at = |days_ago: u32| LogEntry {
        tijd: grens(now, days_ago),
        trace_id: "0".repeat(32),
        span_id: "0".repeat(16),
        operatie: "werkzoekendeProfielen.detail".to_owned(),
        from_party: None,
        via_party: None,
        certificaat_oin: None,
        betrokkenen: vec![format!("wz-{days_ago}")],
        uitkomst: "verstrekt".to_owned(),
    };
    database.log(&[at(800), at(731), at(729), at(1)]).unwrap();
    assert_eq!(handhaaf(&database, 730).unwrap(), 2);
    let kept: Vec<_> = database
        .audit(None, None)
        .unwrap()
        .into_iter()
        .filter_map(|r| r.betrokkene)
        .collect();
    assert_eq!(kept, ["wz-729", "wz-1"]);
    assert_eq!(handhaaf(&database, 730).unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_log_fails_none_of_many_concurrent_questions_gets_data() {
    let dir = std::env::temp_dir().join(format!("vum-log-many-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("node.db");
    let mut config = BronConfig::default();
    config.limits.rate = None;
    let node = vum_reference::Bron::new(config, Store::open(&path).unwrap()).unwrap();
    node.import(vum_spec::Kind::Werkzoekende, &test_set().0)
        .unwrap();
    let test = std::sync::Arc::new(TestNode::from_node(node));
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TRIGGER weiger BEFORE INSERT ON logboek BEGIN SELECT RAISE(ABORT, 'schijf vol'); END;")
        .unwrap();
    let questions = (0..100).map(|n| {
        let test = std::sync::Arc::clone(&test);
        tokio::spawn(async move {
            if n % 2 == 0 {
                test.call(post(
                    WZ,
                    &json!({"vraagObject": {"selectiegebied": {"postcode": "1791AA", "afstand": 15}}}),
                ))
                .await
            } else {
                test.call(get("/api/v3/werkzoekendeProfielen/wz-t01")).await
            }
        })
    });
    for reply in futures::future::join_all(questions).await {
        let reply = reply.unwrap();
        assert_eq!(
            (reply.status.as_u16(), reply.code()),
            (500, "500.1".to_owned())
        );
        assert!(!reply.text.contains("wz-t"), "{}", reply.text);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_flood_of_refusals_gets_429_and_one_aggregated_record() {
    let mut config = BronConfig::default();
    config.limits.refusals = Some(vum_reference::server::limit::RateLimit {
        per_second: 0.001,
        burst: 20.0,
    });
    let node = TestNode::with(config);
    let database = std::sync::Arc::clone(node.node.database());
    let mut headers = vum_headers();
    headers.retain(|(h, _)| *h != "X-VUM-toParty");
    headers.push(("X-VUM-toParty", oins::PARTICULIER));
    let mut statuses = std::collections::BTreeMap::new();
    for _ in 0..300 {
        let reply = node
            .call(crate::support::get_with(
                "/api/v3/werkzoekendeProfielen/wz-t01",
                &headers,
            ))
            .await;
        *statuses.entry(reply.status.as_u16()).or_insert(0) += 1;
    }
    assert_eq!(
        statuses,
        [(401, 20), (429, 280)].into_iter().collect(),
        "a burst of 20 refusals, then throttled"
    );
    let rows = |database: &vum_reference::server::database::Database| {
        database
            .audit(None, None)
            .unwrap()
            .into_iter()
            .filter(|r| r.operatie == "toegang")
            .map(|r| r.uitkomst)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows(&database).len(),
        20,
        "nothing written for a throttled refusal"
    );
    // When the node stops, the flood is logged as one record.
    drop(node);
    let refusals = rows(&database);
    assert_eq!(refusals.len(), 21, "{refusals:#?}");
    assert!(
        refusals[20].starts_with("280 geweigerde verzoeken van onbekend adres tussen "),
        "{}",
        refusals[20]
    );
}
