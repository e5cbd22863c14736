//! Golden outputs of one fixed run: the console, junit.xml and report.html of the suite against
//! the reference source behind a fault that ignores job seekers' own travel distance, over plain
//! HTTP. Times, ports and trace ids are normalised; everything else must stay as committed
//! (`INSTA_UPDATE=always cargo test -p vum-tests golden` accepts a deliberate change).

use std::collections::BTreeMap;

use vum_conformance::{Target, report};
use vum_reference::BronConfig;
use vum_tests::faults::FAULTS;
use vum_tests::proxy::{self, Upstream};

use crate::node::{options, start};

pub(crate) async fn fixed_run() -> vum_conformance::RunResult {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let node = start(BronConfig::default()).await;
    let mut clients = BTreeMap::new();
    clients.insert(String::new(), reqwest::Client::new());
    let fault = FAULTS
        .iter()
        .find(|f| f.name == "eigen-reisafstand-genegeerd")
        .unwrap();
    let upstream = Upstream {
        origin: format!("http://{node}"),
        clients,
        served_as: "uitwisseling",
    };
    let address = proxy::start(upstream, Some(fault), None).await;
    let mut opts = options(Target::new(&format!("http://{address}/api/v3")));
    opts.concurrency = 4;
    vum_conformance::run(opts).await.unwrap()
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[poort]");
    settings.add_filter(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "[tijd]");
    settings.add_filter(r"duur \d+\.\d s", "duur [s] s");
    settings.add_filter(r#"time="[0-9.]+""#, r#"time="[s]""#);
    settings.add_filter(r"00-[0-9a-f]{32}-[0-9a-f]{16}-01", "[traceparent]");
    settings.add_filter(
        r"(?i)date: [a-z]{3}, \d\d [a-z]{3} \d{4} \d\d:\d\d:\d\d GMT",
        "date: [datum]",
    );
    settings.add_filter(r"vum-conformance \d+\.\d+\.\d+", "vum-conformance [versie]");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reports_of_a_fixed_run() {
    let result = fixed_run().await;
    assert_eq!(result.exit_code(), 1, "{}", result.conclusion.reason);
    let mut settings = settings();
    // The reference declarations are re-affirmed on the day of the run.
    for d in &result.declarations {
        if let vum_conformance::verklaringen::Dekking::Geldig {
            verklaring,
            geldig_tot,
        } = &d.dekking
        {
            settings.add_filter(&format!(r"\b{}\b", verklaring.datum), "[vandaag]");
            settings.add_filter(&format!(r"\b{geldig_tot}\b"), "[geldig tot]");
        }
    }
    settings.bind(|| {
        insta::assert_snapshot!("console", report::console(&result));
        insta::assert_snapshot!("scope", report::scope(&result.scope));
        insta::assert_snapshot!("junit", report::junit(&result));
        insta::assert_snapshot!("html", report::html(&result));
    });
}
