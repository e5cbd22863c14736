//! Writes N valid job seekers to stdout, spread over all 4,073 PC4 areas: the profiles of the
//! certification test set (every code list value, boundary values, contact data) repeated with new
//! ids `bench-0000000`… and each a postcode in the next area of a fixed stride through the table.
//! The input of the import and load benchmarks.
//!
//! `cargo run --release -p vum-reference --example werkzoekenden -- COUNT [--ndjson] > file`
//!
//! Without `--ndjson` the output is one JSON array (what `vum-node import` reads either way).

use std::io::{BufWriter, Write};

use vum_spec::geo::pc4_table;
use vum_spec::primitives::{IdWerkzoekende, Postcode};
use vum_spec::werkzoekende::Werkzoekende;

fn main() -> anyhow::Result<()> {
    let mut count: Option<usize> = None;
    let mut ndjson = false;
    for argument in std::env::args().skip(1) {
        match argument.as_str() {
            "--ndjson" => ndjson = true,
            number => count = Some(number.parse()?),
        }
    }
    let Some(count) = count else {
        anyhow::bail!("usage: werkzoekenden COUNT [--ndjson] > file");
    };
    let templates: Vec<Werkzoekende> = serde_json::from_str(
        vum_spec::testdata::committed_werkzoekenden()
            .ok_or_else(|| anyhow::anyhow!("the test set is not committed"))?,
    )?;
    let areas = pc4_table().areas();
    let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    if !ndjson {
        out.write_all(b"[\n")?;
    }
    for n in 0..count {
        let mut w = templates[n % templates.len()].clone();
        w.id_werkzoekende = Some(IdWerkzoekende::new(format!("bench-{n:07}")));
        if let Some(m) = w.mobiliteit.as_mut() {
            // A stride coprime to the number of areas visits every area before repeating one.
            let area = areas[(n * 7919) % areas.len()];
            m.bemiddelingspostcode = Postcode::new(format!("{:04}AB", area.pc4));
        }
        if !ndjson && n > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &w)?;
        if ndjson {
            out.write_all(b"\n")?;
        }
    }
    if !ndjson {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(())
}
