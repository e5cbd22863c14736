//! `vum-conformance hercertificering`: what a new version of the standard means for each node
//! certified on the old one.

use std::path::PathBuf;

use anyhow::Result;
use vum_conformance::hercertificering::{self, HercertificeringFout};

use crate::Usage;
use crate::certificaat::key_and_moment;

/// `hercertificering`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct HercertificeringArgs {
    /// The version the certificates are for, e.g. 3.0.0.
    #[arg(long)]
    van: String,
    /// The new version, e.g. 3.1.0.
    #[arg(long)]
    naar: String,
    /// The issuer's public key (SPKI PEM): every certificate is verified with it.
    #[arg(long)]
    public_key: PathBuf,
    /// Verify the certificates on this date (YYYY-MM-DD) or moment (RFC 3339) instead of now.
    #[arg(long)]
    at: Option<String>,
    /// Write the plan (Markdown) to this file as well as to the console.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The certificates (certificaat.jws) of the nodes certified on --van.
    #[arg(required = true)]
    certificaten: Vec<PathBuf>,
}

/// Verifies the certificates and prints the plan; exit 0 with a plan, 1 when a certificate is
/// invalid or for another version (no plan then: every certificate must count).
pub(crate) fn hercertificering(args: &HercertificeringArgs) -> Result<u8> {
    let (key, at) = key_and_moment(&args.public_key, args.at.as_deref())?;
    let mut nodes = Vec::new();
    let mut invalid = Vec::new();
    for pad in &args.certificaten {
        match hercertificering::lees(pad, &key, at, &args.van) {
            Ok(claims) => nodes.push(hercertificering::certificering(pad, &claims)),
            Err(HercertificeringFout::Bestand { pad, reden }) => {
                return Err(Usage(format!("{}: {reden}", pad.display())).into());
            }
            Err(fout) => invalid.push(fout.to_string()),
        }
    }
    if !invalid.is_empty() {
        for line in &invalid {
            println!("ongeldig: {line}");
        }
        println!(
            "geen plan: elk certificaat moet geldig zijn en voor versie {}",
            args.van
        );
        return Ok(1);
    }
    let plan =
        hercertificering::plan(&args.van, &args.naar, &nodes).map_err(|e| Usage(e.to_string()))?;
    let text = plan.markdown();
    print!("{text}");
    if let Some(out) = &args.out {
        std::fs::write(out, &text).map_err(|e| Usage(format!("{}: {e}", out.display())))?;
    }
    Ok(0)
}
