//! Questions through the exchange: merged answers, the flag, degradation, and the headers and
//! bodies the sources receive.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use vum_reference::BronConfig;
use vum_reference::bron::Part;
use vum_reference::uitwisseling::UitwisselingConfig;
use vum_spec::Kind;
use vum_spec::testdata::oins;

use super::support::{
    Source, TestExchange, VAC, WZ, ask, ask_with, bron, closed_port, faulty, mediator_headers,
};
use crate::support::range;

const DEADLINE: Duration = Duration::from_secs(5);

/// Two sources with one half of the test set each, and an exchange in front of them.
pub(super) async fn halves() -> (Source, Source, TestExchange) {
    let a = Source::start(Part { index: 1, of: 2 }, BronConfig::default()).await;
    let b = Source::start(Part { index: 2, of: 2 }, BronConfig::default()).await;
    let exchange = TestExchange::new(
        vec![
            bron("bron-a", a.address, DEADLINE),
            bron("bron-b", b.address, DEADLINE),
        ],
        UitwisselingConfig::default(),
    );
    (a, b, exchange)
}

fn vraag(postcode: &str, afstand: u16) -> Value {
    json!({"vraagObject": {"selectiegebied": {"postcode": postcode, "afstand": afstand}}})
}

/// The source ids behind an answer, per source, each checked to be held by that source.
fn resolve(
    exchange: &TestExchange,
    kind: Kind,
    answer: &super::support::Answer,
    a: &Source,
    b: &Source,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut at_a, mut at_b) = (BTreeSet::new(), BTreeSet::new());
    for vum_id in answer.vum_ids() {
        let p = exchange.open(kind, oins::BEMIDDELAAR, &vum_id);
        let (source, ids) = match p.bron_id.as_str() {
            "bron-a" => (a, &mut at_a),
            "bron-b" => (b, &mut at_b),
            other => panic!("unknown bronID {other}"),
        };
        assert!(
            source.holds(kind, &p.id),
            "{} is not at {}",
            p.id,
            p.bron_id
        );
        assert!(ids.insert(p.id.clone()), "{} twice", p.id);
    }
    (at_a, at_b)
}

#[tokio::test]
async fn answers_merge_both_halves_under_pseudonyms_with_the_sources_profiles() {
    let (a, b, exchange) = halves().await;
    // Texel, 2 km: wz-t01, wz-t02 and wz-t10 (the written-out answer of one whole source).
    let answer = exchange
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("1791AA", 2)))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let (at_a, at_b) = resolve(&exchange, Kind::Werkzoekende, &answer, &a, &b);
    assert!(
        !at_a.is_empty() && !at_b.is_empty(),
        "both halves contribute"
    );
    let all: BTreeSet<String> = at_a.union(&at_b).cloned().collect();
    assert_eq!(
        all,
        BTreeSet::from(["wz-t01", "wz-t02", "wz-t10"].map(String::from))
    );
    assert!(!answer.more());
    let vraag_id = answer.json()["vraagID"].as_str().unwrap().to_owned();
    assert_eq!(vraag_id.len(), 36);

    // Each match is the source's own matching profile, with vumID instead of idWerkzoekende.
    let direct = a
        .node
        .store()
        .matching_profiles(
            Kind::Werkzoekende,
            &at_a.iter().map(String::as_str).collect::<Vec<_>>(),
        )
        .unwrap();
    for (m, vum_id) in answer.json()["matches"]
        .as_array()
        .unwrap()
        .iter()
        .zip(answer.vum_ids())
    {
        let p = exchange.open(Kind::Werkzoekende, oins::BEMIDDELAAR, &vum_id);
        if p.bron_id != "bron-a" {
            continue;
        }
        let mut own: Value = direct
            .iter()
            .map(|d| serde_json::from_str::<Value>(d).unwrap())
            .find(|d| d["idWerkzoekende"] == p.id.as_str())
            .unwrap();
        own.as_object_mut().unwrap().remove("idWerkzoekende");
        own.as_object_mut()
            .unwrap()
            .insert("vumID".into(), json!(vum_id));
        assert_eq!(m, &own);
    }

    // Vacancies, Terschelling 15 km: vac-t01 … vac-t09.
    let answer = exchange
        .call(ask(VAC, oins::BEMIDDELAAR, &vraag("8881AA", 15)))
        .await;
    let (at_a, at_b) = resolve(&exchange, Kind::Vacature, &answer, &a, &b);
    let all: BTreeSet<String> = at_a.union(&at_b).cloned().collect();
    let expected = [
        "vac-t01", "vac-t02", "vac-t03", "vac-t04", "vac-t05", "vac-t06", "vac-t07", "vac-t08",
        "vac-t09",
    ];
    assert_eq!(all, BTreeSet::from(expected.map(String::from)));
}

#[tokio::test]
async fn the_flag_is_set_when_any_source_set_it_and_no_source_is_capped_by_the_others() {
    let (a, b, exchange) = halves().await;
    // Ameland, 11 km: wz-a001 … wz-a101. No half holds more than 100, so nothing is cut.
    let answer = exchange
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("9161AA", 11)))
        .await;
    let (at_a, at_b) = resolve(&exchange, Kind::Werkzoekende, &answer, &a, &b);
    let all: BTreeSet<String> = at_a.union(&at_b).cloned().collect();
    assert_eq!(all, range("wz-a", 1..=101).into_iter().collect());
    assert!(!answer.more());

    // A source that gives at most 10 sets the flag; the merged answer carries it.
    let small = Source::start(
        Part { index: 2, of: 2 },
        BronConfig {
            max_results: 10,
            ..BronConfig::default()
        },
    )
    .await;
    let exchange = TestExchange::new(
        vec![
            bron("bron-a", a.address, DEADLINE),
            bron("bron-b", small.address, DEADLINE),
        ],
        UitwisselingConfig::default(),
    );
    let answer = exchange
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("9161AA", 11)))
        .await;
    let (at_a, at_b) = resolve(&exchange, Kind::Werkzoekende, &answer, &a, &small);
    assert_eq!((at_a.len() > 10, at_b.len()), (true, 10));
    assert!(answer.more());
}

#[tokio::test]
async fn the_sources_get_the_headers_of_section_3_2_and_the_question_unchanged() {
    let (a, b, exchange) = halves().await;
    let body = json!({"vraagObject": {
        "selectiegebied": {"postcode": "1791AA", "afstand": 2},
        "toekomstigCriterium.code": {"$eq": "X"}
    }});
    let mut headers = mediator_headers(oins::PARTICULIER);
    // The caller's own SUWI claim is never passed on.
    headers.push(("X-VUM-SUWIparty", "true".to_owned()));
    headers.push((
        "traceparent",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".to_owned(),
    ));
    let answer = exchange.call(ask_with(WZ, &headers, &body)).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.header("x-vum-fromparty"), Some(oins::UITWISSELING));
    assert_eq!(answer.header("x-vum-toparty"), Some(oins::PARTICULIER));
    assert_eq!(answer.header("x-vum-viaparty"), Some(oins::PARTICULIER));
    exchange
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("1791AA", 2)))
        .await;
    for source in [&a, &b] {
        let seen = source.seen();
        assert_eq!(seen.len(), 2);
        for (request, (from, suwi)) in seen
            .iter()
            .zip([(oins::PARTICULIER, "false"), (oins::BEMIDDELAAR, "true")])
        {
            let h = |name: &str| request.headers.get(name).unwrap().to_str().unwrap();
            assert_eq!(request.method, "POST");
            assert_eq!(request.path, "/api/v3/werkzoekendeProfielen/matches");
            assert_eq!(
                h("x-vum-fromparty"),
                from,
                "the asking controller passes through"
            );
            assert_eq!(h("x-vum-toparty"), oins::BRON, "the answering controller");
            assert_eq!(
                h("x-vum-viaparty"),
                oins::BRON_VERWERKER,
                "the answering processor"
            );
            assert_eq!(h("x-vum-suwiparty"), suwi, "from the registry");
            assert_eq!(
                (h("x-vum-berichtversie"), h("api-version")),
                ("3.0.0", "3.0.0")
            );
        }
        let first = &seen[0];
        assert_eq!(
            serde_json::from_slice::<Value>(&first.body).unwrap(),
            body,
            "unknown criteria are passed on unchanged"
        );
        let trace = first.headers.get("traceparent").unwrap().to_str().unwrap();
        assert!(
            trace.starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"),
            "{trace}"
        );
    }
}

#[tokio::test]
async fn a_source_down_slow_or_off_contract_is_left_out_and_the_others_answer_in_time() {
    let a = Source::start(Part { index: 1, of: 2 }, BronConfig::default()).await;
    let deadline = Duration::from_millis(500);
    let slow = faulty(
        200,
        r#"{"maximumAantalResultatenBereikt":false,"matches":[]}"#,
        Duration::from_secs(30),
    )
    .await;
    let cases = [
        ("down", closed_port().await),
        ("slow", slow),
        (
            "500",
            faulty(500, r#"{"code":"500.1","message":"x"}"#, Duration::ZERO).await,
        ),
        (
            "off contract",
            faulty(200, r#"{"matches":"nee"}"#, Duration::ZERO).await,
        ),
        ("not JSON", faulty(200, "<html>", Duration::ZERO).await),
    ];
    for (name, address) in cases {
        let exchange = TestExchange::new(
            vec![
                bron("bron-a", a.address, deadline),
                bron("bron-x", address, deadline),
            ],
            UitwisselingConfig::default(),
        );
        let started = Instant::now();
        let answer = exchange
            .call(ask(WZ, oins::BEMIDDELAAR, &vraag("1791AA", 2)))
            .await;
        let took = started.elapsed();
        assert_eq!(answer.status, 200, "{name}: {}", answer.text);
        assert!(
            !answer.vum_ids().is_empty(),
            "{name}: bron-a's matches are there"
        );
        for vum_id in answer.vum_ids() {
            assert_eq!(
                exchange
                    .open(Kind::Werkzoekende, oins::BEMIDDELAAR, &vum_id)
                    .bron_id,
                "bron-a"
            );
        }
        // Not a timing test: the slow source would take 30 s; the answer comes at its deadline.
        assert!(took < Duration::from_secs(10), "{name}: took {took:?}");
        let log = exchange.exchange.database().audit(None, None).unwrap();
        assert!(
            log.iter()
                .any(|r| r.uitkomst.starts_with("bron bron-x weggelaten")),
            "{name}: the omission is logged"
        );
    }
}

#[tokio::test]
async fn when_every_source_fails_the_answer_is_503_500_3() {
    let exchange = TestExchange::new(
        vec![
            bron("bron-a", closed_port().await, DEADLINE),
            bron(
                "bron-b",
                faulty(503, r#"{"code":"500.3","message":"x"}"#, Duration::ZERO).await,
                DEADLINE,
            ),
        ],
        UitwisselingConfig::default(),
    );
    let answer = exchange
        .call(ask(WZ, oins::BEMIDDELAAR, &vraag("1791AA", 2)))
        .await;
    assert_eq!(
        (answer.status.as_u16(), answer.code()),
        (503, "500.3".to_owned())
    );
    assert!(
        !answer.text.contains("127.0.0.1"),
        "no internal addresses: {}",
        answer.text
    );
}

#[tokio::test]
async fn bad_questions_and_callers_are_refused_before_any_source_is_asked() {
    let (a, b, exchange) = halves().await;
    let mut wrong_to = mediator_headers(oins::BEMIDDELAAR);
    wrong_to[3].1 = oins::BRON.to_owned();
    let mut missing = mediator_headers(oins::BEMIDDELAAR);
    missing.remove(1);
    let cases = [
        (
            "no selectiegebied",
            mediator_headers(oins::BEMIDDELAAR),
            json!({"vraagObject": {}}),
            400,
            "400.02",
        ),
        (
            "unknown PC4",
            mediator_headers(oins::BEMIDDELAAR),
            vraag("0000AA", 2),
            400,
            "400.01",
        ),
        ("no API-Version", missing, vraag("1791AA", 2), 400, "400.02"),
        (
            "toParty not the exchange",
            wrong_to,
            vraag("1791AA", 2),
            401,
            "",
        ),
        (
            "unregistered controller",
            mediator_headers("00000099000000009000"),
            vraag("1791AA", 2),
            401,
            "",
        ),
        (
            "a source is no mediator",
            mediator_headers(oins::BRON),
            vraag("1791AA", 2),
            401,
            "",
        ),
    ];
    for (name, headers, body, status, code) in cases {
        let answer = exchange.call(ask_with(WZ, &headers, &body)).await;
        assert_eq!(answer.status.as_u16(), status, "{name}: {}", answer.text);
        if status != 401 {
            assert_eq!(answer.code(), code, "{name}");
        }
    }
    assert!(
        a.seen().is_empty() && b.seen().is_empty(),
        "no source was asked"
    );
    let refusals = exchange.exchange.database().audit(None, None).unwrap();
    assert_eq!(
        refusals
            .iter()
            .filter(|r| r.uitkomst.starts_with("geweigerd"))
            .count(),
        3,
        "every 401 has an audit record"
    );
}

#[tokio::test]
async fn the_body_limits_and_the_rate_limit_of_a_source_hold_at_the_exchange_too() {
    let (a, b, exchange) = halves().await;
    let raw = |content_type: &str, body: String| {
        let mut builder = axum::http::Request::builder()
            .method("POST")
            .uri(WZ)
            .header("host", "localhost")
            .header("content-type", content_type);
        for (name, value) in mediator_headers(oins::BEMIDDELAAR) {
            builder = builder.header(name, value);
        }
        builder.body(axum::body::Body::from(body)).unwrap()
    };
    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    let cases = [
        ("text/plain", vraag("1791AA", 2).to_string()),
        ("application/json", "{\"vraagObject\":".to_owned()),
        ("application/json", format!("{{\"vraagObject\":{deep}}}")),
        ("application/json", "x".repeat(2 * 1024 * 1024)),
    ];
    for (content_type, body) in cases {
        let answer = exchange.call(raw(content_type, body)).await;
        assert_eq!(
            (answer.status.as_u16(), answer.code()),
            (400, "400.01".to_owned())
        );
    }
    assert!(a.seen().is_empty() && b.seen().is_empty());

    let mut config = UitwisselingConfig::default();
    config.limits.rate = Some(vum_reference::server::limit::RateLimit {
        per_second: 0.5,
        burst: 2.0,
    });
    let limited = TestExchange::new(exchange.exchange.bronnen().cloned().collect(), config);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(
            limited
                .call(ask(WZ, oins::BEMIDDELAAR, &vraag("1791AA", 2)))
                .await,
        );
    }
    assert_eq!(
        statuses
            .iter()
            .map(|a| a.status.as_u16())
            .collect::<Vec<_>>(),
        [200, 200, 429]
    );
    assert_eq!(statuses[2].code(), "429.01");
    assert!(statuses[2].header("retry-after").is_some());
}

#[test]
fn the_command_line_names_what_is_wrong_with_an_exchange_setup() {
    let dir = std::env::temp_dir().join(format!("vum-uitwisseling-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sources = dir.join("bronnen.toml");
    std::fs::write(
        &sources,
        "[[bron]]\nbronID = \"bron-a\"\nurl = \"http://127.0.0.1:1\"\n\
         verwerkingsverantwoordelijke = \"00000099000000002000\"\nverwerker = \"123\"\n",
    )
    .unwrap();
    let node = env!("CARGO_BIN_EXE_vum-node");
    let cases: [(&[&str], &str); 4] = [
        (&[], "the exchange has no sources"),
        (
            &["--sources", sources.to_str().unwrap()],
            "bron 1 (bron-a): verwerker \"123\"",
        ),
        (&["--source", "bron-a"], "expected BRONID=URL"),
        (
            &["--source", "a=http://127.0.0.1:1", "--demo"],
            "unexpected argument '--demo'",
        ),
    ];
    for (args, expected) in cases {
        let output = std::process::Command::new(node)
            .args(["uitwisseling", "--listen", "127.0.0.1:0"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}
