//! Questions per second and latency of a source over HTTP on loopback, measured with `wrk`
//! (Debian package `wrk`): starts `vum-node bron --db DB` (no per-caller rate limit), waits until
//! it listens, then runs `wrk` with a fixed mix of questions for each number of concurrent clients,
//! `--runs` times, and prints the medians (questions/s, p50, p99) and the node's resident memory.
//!
//! ```text
//! cargo build --release -p vum-reference --bin vum-node --example load_bench
//! target/release/examples/load_bench --db node.db [--node target/release/vum-node]
//!     [--clients 1,16,64] [--runs 5] [--seconds 10] [--mix mix|criteria|country]
//!     [--soak MINUTES]
//! ```
//!
//! Mixes (ten cities, each asked at 5 km, 25 km and 999 km, i.e. the whole country):
//! `mix` — no criteria; `criteria` — the same with every tenth question carrying three criteria
//! (driving licence B, Dutch spoken at level 2 or better, at least 24 hours a week);
//! `country` — only the whole-country questions.
//! `--soak MINUTES` runs the largest client count for that long in 30-second slices and prints
//! one row per slice (questions/s, p99, resident memory).

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

const CITIES: [(&str, &str); 10] = [
    ("Amsterdam", "1012AB"),
    ("Rotterdam", "3011AB"),
    ("Den Haag", "2511AB"),
    ("Utrecht", "3511AB"),
    ("Eindhoven", "5611AB"),
    ("Groningen", "9711AB"),
    ("Tilburg", "5038AB"),
    ("Almere", "1315AB"),
    ("Breda", "4811AB"),
    ("Nijmegen", "6511AB"),
];

const CRITERIA: &str = r#","arbeidsmarktkwalificatie.rijbewijs":{"$all":[{"$elemMatch":{"codeSoortRijbewijs":{"$eq":"B"}}}]},"arbeidsmarktkwalificatie.taalbeheersing":{"$all":[{"$elemMatch":{"codeTaal":{"$eq":"nld"},"codeNiveauTaalbeheersingMondeling":{"$gte":2}}}]},"werktijden.aantalWerkurenPerWeekMaximaal":{"$gte":24}"#;

struct Options {
    node: PathBuf,
    db: PathBuf,
    clients: Vec<usize>,
    runs: usize,
    seconds: u64,
    mix: String,
    soak: Option<u64>,
}

fn options() -> Result<Options> {
    let mut o = Options {
        node: PathBuf::from("target/release/vum-node"),
        db: PathBuf::new(),
        clients: vec![1, 16, 64],
        runs: 5,
        seconds: 10,
        mix: "mix".to_owned(),
        soak: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--node" => o.node = value()?.into(),
            "--db" => o.db = value()?.into(),
            "--clients" => {
                o.clients = value()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
            }
            "--runs" => o.runs = value()?.parse()?,
            "--seconds" => o.seconds = value()?.parse()?,
            "--mix" => o.mix = value()?,
            "--soak" => o.soak = Some(value()?.parse()?),
            other => bail!("unknown flag {other}"),
        }
    }
    if o.db.as_os_str().is_empty() {
        bail!("--db DB is required (a file written by vum-node import)");
    }
    Ok(o)
}

/// The question bodies of a mix, in the order wrk sends them.
fn questions(mix: &str) -> Result<Vec<String>> {
    let distances: &[u16] = match mix {
        "mix" | "criteria" => &[5, 25, 999],
        "country" => &[999],
        other => bail!("unknown mix {other} (mix, criteria, country)"),
    };
    let mut bodies = Vec::new();
    for (_, postcode) in CITIES {
        for afstand in distances {
            let n = bodies.len();
            let extra = if mix == "criteria" && n % 10 == 9 {
                CRITERIA
            } else {
                ""
            };
            bodies.push(format!(
                r#"{{"vraagObject":{{"selectiegebied":{{"postcode":"{postcode}","afstand":{afstand}}}{extra}}}}}"#
            ));
        }
    }
    Ok(bodies)
}

fn lua_script(bodies: &[String]) -> String {
    let quoted: Vec<String> = bodies.iter().map(|b| format!("  [==[{b}]==]")).collect();
    format!(
        r#"local bodies = {{
{}
}}
local headers = {{
  ["Content-Type"] = "application/json",
  ["X-VUM-berichtVersie"] = "3.0.0",
  ["API-Version"] = "3.0.0",
  ["X-VUM-fromParty"] = "00000099000000004000",
  ["X-VUM-toParty"] = "00000099000000002000",
  ["X-VUM-viaParty"] = "00000099000000003000",
  ["X-VUM-SUWIparty"] = "true",
}}
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v3/werkzoekendeProfielen/matches", headers, bodies[(n % #bodies) + 1])
end
"#,
        quoted.join(",\n")
    )
}

/// What one wrk run printed.
#[derive(Clone, Copy, Debug, Default)]
struct Figures {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    bytes_per_answer: f64,
    errors: u64,
}

fn milliseconds(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => return None,
    })
}

fn bytes(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match unit {
        "B" => 1.0,
        "KB" => 1024.0,
        "MB" => 1024.0 * 1024.0,
        "GB" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some(number * factor)
}

fn parse_wrk(output: &str) -> Result<Figures> {
    let mut f = Figures::default();
    let mut transfer = None;
    for line in output.lines() {
        let line = line.trim();
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("Requests/sec:"), Some(v)) => f.per_second = v.parse()?,
            (Some("Transfer/sec:"), Some(v)) => transfer = bytes(v),
            (Some("50%"), Some(v)) => f.p50_ms = milliseconds(v).unwrap_or(f64::NAN),
            (Some("99%"), Some(v)) => f.p99_ms = milliseconds(v).unwrap_or(f64::NAN),
            (Some("Non-2xx"), _) => {
                f.errors += line
                    .rsplit(':')
                    .next()
                    .and_then(|n| n.trim().parse::<u64>().ok())
                    .unwrap_or(0);
            }
            (Some("Socket"), Some("errors:")) => {
                f.errors += line
                    .split(',')
                    .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                    .sum::<u64>();
            }
            _ => {}
        }
    }
    if f.per_second == 0.0 {
        bail!("wrk printed no Requests/sec:\n{output}");
    }
    f.bytes_per_answer = transfer.unwrap_or(0.0) / f.per_second;
    Ok(f)
}

fn wrk(port: u16, clients: usize, seconds: u64, script: &std::path::Path) -> Result<Figures> {
    let threads = clients.min(2);
    let output = Command::new("wrk")
        .args([
            "-t",
            &threads.to_string(),
            "-c",
            &clients.to_string(),
            "-d",
            &format!("{seconds}s"),
            "--timeout",
            "10s",
            "--latency",
            "-s",
        ])
        .arg(script)
        .arg(format!("http://127.0.0.1:{port}"))
        .output()
        .context("running wrk (apt-get install wrk)")?;
    if !output.status.success() {
        bail!("wrk failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    parse_wrk(&String::from_utf8_lossy(&output.stdout))
}

/// VmRSS and VmHWM of a process, in MiB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(o: &Options) -> Result<(Node, u16)> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let started = Instant::now();
    let child = Command::new(&o.node)
        .args(["bron", "--rate-limit", "0", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--db")
        .arg(&o.db)
        .stdout(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {}", o.node.display()))?;
    let node = Node(child);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if started.elapsed() > Duration::from_secs(1800) {
            bail!("the node did not listen within 30 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "node {} listening after {:.1} s, resident {:.0} MiB",
        o.node.display(),
        started.elapsed().as_secs_f64(),
        memory(node.0.id()).0
    );
    Ok((node, port))
}

fn main() -> Result<()> {
    let o = options()?;
    let bodies = questions(&o.mix)?;
    let script = std::env::temp_dir().join(format!("vum-load-{}.lua", std::process::id()));
    std::fs::write(&script, lua_script(&bodies))?;
    let (node, port) = start(&o)?;
    let pid = node.0.id();
    // One short warm-up so that the first measured run does not pay for cold caches.
    wrk(port, 1, 2, &script)?;
    if let Some(minutes) = o.soak {
        let clients = o.clients.iter().copied().max().unwrap_or(64);
        println!("soak: {clients} clients, mix {}, {minutes} min", o.mix);
        println!("| t (s) | questions/s | p50 (ms) | p99 (ms) | errors | RSS (MiB) |");
        println!("|---:|---:|---:|---:|---:|---:|");
        let slices = minutes * 2;
        for slice in 1..=slices {
            let f = wrk(port, clients, 30, &script)?;
            let (rss, _) = memory(pid);
            println!(
                "| {} | {:.0} | {:.2} | {:.2} | {} | {:.0} |",
                slice * 30,
                f.per_second,
                f.p50_ms,
                f.p99_ms,
                f.errors,
                rss
            );
            std::io::stdout().flush()?;
        }
    } else {
        println!(
            "mix {}: {} questions, {} runs of {} s each",
            o.mix,
            bodies.len(),
            o.runs,
            o.seconds
        );
        println!(
            "| clients | questions/s | p50 (ms) | p99 (ms) | KB/answer | errors | RSS (MiB) |"
        );
        println!("|---:|---:|---:|---:|---:|---:|---:|");
        for &clients in &o.clients {
            let mut runs = Vec::new();
            for _ in 0..o.runs {
                runs.push(wrk(port, clients, o.seconds, &script)?);
            }
            let pick = |f: fn(&Figures) -> f64| median(&mut runs.iter().map(f).collect::<Vec<_>>());
            let (rss, _) = memory(pid);
            println!(
                "| {clients} | {:.0} | {:.2} | {:.2} | {:.1} | {} | {:.0} |",
                pick(|f| f.per_second),
                pick(|f| f.p50_ms),
                pick(|f| f.p99_ms),
                pick(|f| f.bytes_per_answer) / 1024.0,
                runs.iter().map(|f| f.errors).sum::<u64>(),
                rss
            );
            std::io::stdout().flush()?;
        }
    }
    let (rss, hwm) = memory(pid);
    println!("node resident memory: {rss:.0} MiB now, {hwm:.0} MiB peak");
    drop(node);
    let _ = std::fs::remove_file(&script);
    Ok(())
}
