//! Import rate and peak resident memory of `vum-node import`: imports FILE into a fresh database
//! `--runs` times (GNU time measures the process) and prints each run and the medians.
//!
//! ```text
//! cargo build --release -p vum-reference --bin vum-node --example import_bench --example werkzoekenden
//! target/release/examples/werkzoekenden 1000000 > wz-1m.json
//! target/release/examples/import_bench wz-1m.json [--node target/release/vum-node] [--runs 5]
//! ```

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() -> Result<()> {
    let mut node = PathBuf::from("target/release/vum-node");
    let mut runs = 5;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--node" => node = args.next().context("--node PATH")?.into(),
            "--runs" => runs = args.next().context("--runs N")?.parse()?,
            other => file = Some(PathBuf::from(other)),
        }
    }
    let Some(file) = file else {
        bail!("usage: import_bench FILE [--node PATH] [--runs N]");
    };
    let db = file.with_extension("bench.db");
    let (mut rates, mut peaks) = (Vec::new(), Vec::new());
    println!("| run | records | seconds | records/s | peak RSS (MiB) |");
    println!("|---:|---:|---:|---:|---:|");
    for run in 1..=runs {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let output = Command::new("/usr/bin/time")
            .args(["-f", "TIME %e %M"])
            .arg(&node)
            .args(["import", "--kind", "werkzoekende", "--db"])
            .arg(&db)
            .arg(&file)
            .output()
            .context("running /usr/bin/time (Debian package time)")?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            bail!("the import failed:\n{stdout}{stderr}");
        }
        let records: f64 = stdout
            .split("imported ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .with_context(|| format!("no record count in {stdout}"))?;
        let (seconds, kib): (f64, f64) = stderr
            .lines()
            .find_map(|l| {
                let mut words = l.strip_prefix("TIME ")?.split_whitespace();
                Some((words.next()?.parse().ok()?, words.next()?.parse().ok()?))
            })
            .with_context(|| format!("no TIME line in {stderr}"))?;
        let (rate, peak) = (records / seconds, kib / 1024.0);
        println!("| {run} | {records} | {seconds:.1} | {rate:.0} | {peak:.0} |");
        rates.push(rate);
        peaks.push(peak);
    }
    println!(
        "median of {runs}: {:.0} records/s, peak RSS {:.0} MiB",
        median(&mut rates),
        median(&mut peaks)
    );
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    Ok(())
}
