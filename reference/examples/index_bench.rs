//! Prints build time, memory and query latencies of the in-memory index with 1,000,000 job
//! seekers (the certification test set's profiles, repeated with new ids across all PC4 areas),
//! their prepared matching profiles included.
//!
//! `cargo run --release -p vum-reference --example index_bench [COUNT]`

use std::time::Instant;

use serde_json::json;
use vum_reference::bron::index::Index;
use vum_reference::bron::selectie::WerkzoekendeVraagPlan;
use vum_spec::geo::pc4_table;
use vum_spec::primitives::{IdWerkzoekende, Postcode};
use vum_spec::vraag::WerkzoekendeVraag;
use vum_spec::werkzoekende::{BronWerkzoekendeMatch, Werkzoekende};

fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> anyhow::Result<()> {
    let count: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let templates: Vec<Werkzoekende> = serde_json::from_str(
        vum_spec::testdata::committed_werkzoekenden()
            .ok_or_else(|| anyhow::anyhow!("no test set"))?,
    )?;
    let areas = pc4_table().areas();
    let before = rss_mib();
    let started = Instant::now();
    let mut index = Index::default();
    for n in 0..count {
        let mut w = templates[n % templates.len()].clone();
        if let Some(m) = w.mobiliteit.as_mut() {
            m.bemiddelingspostcode =
                Postcode::new(format!("{:04}AB", areas[(n * 7919) % areas.len()].pc4));
        }
        let id = format!("bench-{n:07}");
        let profiel = BronWerkzoekendeMatch::from_detail(&w, IdWerkzoekende::new(id.clone()))
            .map(|m| serde_json::value::to_raw_value(&m))
            .transpose()?;
        index.upsert_werkzoekende(&id, &w, profiel);
    }
    let built = started.elapsed();
    let after = rss_mib();
    println!(
        "index of {count} job seekers built in {:.2} s",
        built.as_secs_f64()
    );
    if let (Some(b), Some(a)) = (before, after) {
        println!(
            "resident memory: {:.0} MiB before, {:.0} MiB after ({:.0} bytes per profile)",
            b,
            a,
            (a - b) * 1024.0 * 1024.0 / count as f64
        );
    }
    let questions = [
        (
            "25 km around Utrecht, no criteria",
            json!({"selectiegebied": {"postcode": "3511AB", "afstand": 25}}),
        ),
        (
            "25 km around Utrecht, four criteria",
            json!({
            "selectiegebied": {"postcode": "3511AB", "afstand": 25},
            "contractvorm": {"$elemMatch": {"$or": [{"codeTypeArbeidscontract": {"$eq": "O"}}]}},
            "arbeidsmarktkwalificatie.taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 3}}}]},
            "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 24},
            "werktijden.aantalWerkurenPerWeekMinimaal": {"$lte": 32}}),
        ),
        (
            "the whole country (999 km), no criteria",
            json!({"selectiegebied": {"postcode": "3511AB", "afstand": 999}}),
        ),
    ];
    let three = |postcode: &str, afstand: u16| {
        json!({
            "selectiegebied": {"postcode": postcode, "afstand": afstand},
            "arbeidsmarktkwalificatie.rijbewijs": {"$all": [{"$elemMatch": {"codeSoortRijbewijs": {"$eq": "B"}}}]},
            "arbeidsmarktkwalificatie.taalbeheersing": {"$all": [{"$elemMatch": {"codeTaal": {"$eq": "nld"}, "codeNiveauTaalbeheersingMondeling": {"$gte": 2}}}]},
            "werktijden.aantalWerkurenPerWeekMaximaal": {"$gte": 24}})
    };
    let mut named: Vec<(String, serde_json::Value)> = questions
        .into_iter()
        .map(|(n, q)| (n.to_owned(), q))
        .collect();
    // The three criteria of load_bench's "criteria" mix, where it asks them.
    for (city, postcode, afstand) in [
        ("Utrecht", "3511AB", 5),
        ("Tilburg", "5038AB", 25),
        ("Nijmegen", "6511AB", 999),
    ] {
        named.push((
            format!("{afstand} km around {city}, three criteria"),
            three(postcode, afstand),
        ));
    }
    for (name, vraag) in named {
        let vraag: WerkzoekendeVraag = serde_json::from_value(vraag)?;
        let plan = WerkzoekendeVraagPlan::compile(&vraag, index.codes())?;
        let mut times = Vec::new();
        let mut hits = None;
        for _ in 0..21 {
            let t = Instant::now();
            hits = Some(index.search_werkzoekenden(&plan, 100));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let hits = hits.unwrap_or_else(|| unreachable!("21 runs"));
        println!(
            "{name}: median {:.2} ms over 21 runs ({} returned, more: {})",
            median(times),
            hits.ids.len(),
            hits.more
        );
    }
    Ok(())
}
