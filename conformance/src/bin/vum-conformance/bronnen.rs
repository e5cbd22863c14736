//! `vum-conformance bronnen`: the setup of the sources the harness plays for an exchange.

use std::path::PathBuf;

use anyhow::Result;
use vum_conformance::simulatie::opzet::{self, Inrichting, UitwisselingTls};

use crate::Usage;

/// `bronnen`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct BronnenArgs {
    /// The directory to write the setup to (bronnen.toml for your exchange, simulatie.toml for
    /// the harness).
    #[arg(long)]
    out: PathBuf,
    /// The port of the first simulated source; the second listens on the next one (127.0.0.1).
    #[arg(long, default_value_t = 18441)]
    poort: u16,
    /// Mutual TLS with a test PKI of `vum-node dev-pki`: the sources use its server certificate
    /// and root, your exchange its uitwisseling.pem.
    #[arg(long, conflicts_with_all = ["uitwisseling_cert", "uitwisseling_key", "uitwisseling_ca"])]
    pki: Option<PathBuf>,
    /// Mutual TLS with your exchange's own client certificate (PEM): the harness makes a CA and
    /// a server certificate for the sources and writes its root as bronnen-ca.pem.
    #[arg(long, requires_all = ["uitwisseling_key", "uitwisseling_ca"])]
    uitwisseling_cert: Option<PathBuf>,
    /// Its private key (PEM).
    #[arg(long, requires = "uitwisseling_cert")]
    uitwisseling_key: Option<PathBuf>,
    /// The CA that issued it (PEM): the sources trust it.
    #[arg(long, requires = "uitwisseling_cert")]
    uitwisseling_ca: Option<PathBuf>,
}

/// Writes the setup and says what to do next.
pub(crate) fn bronnen(args: &BronnenArgs) -> Result<u8> {
    if args.poort == u16::MAX {
        return Err(
            Usage("--poort: de tweede bron heeft de volgende poort nodig".to_owned()).into(),
        );
    }
    let inrichting = match (
        &args.pki,
        &args.uitwisseling_cert,
        &args.uitwisseling_key,
        &args.uitwisseling_ca,
    ) {
        (Some(pki), ..) => Inrichting::TestPki(pki.clone()),
        (None, Some(certificaat), Some(sleutel), Some(ca)) => {
            Inrichting::EigenCa(UitwisselingTls {
                certificaat: certificaat.clone(),
                sleutel: sleutel.clone(),
                ca: ca.clone(),
            })
        }
        _ => Inrichting::Http,
    };
    let written =
        opzet::schrijf(&args.out, args.poort, &inrichting).map_err(|e| Usage(e.to_string()))?;
    for path in &written {
        println!("geschreven: {}", path.display());
    }
    let dir = args.out.display();
    println!(
        "\nDe gesimuleerde bronnen bron-a en bron-b luisteren tijdens een run op 127.0.0.1:{} en 127.0.0.1:{}{}.\n\
         1. Richt de uitwisselingsvoorziening in met {dir}/bronnen.toml (bij de referentie: vum-node uitwisseling --sources {dir}/bronnen.toml).\n\
         2. Start haar, en certificeer haar met:\n   vum-conformance run --profiel uitwisseling --bronnen {dir} --target URL …",
        args.poort,
        args.poort + 1,
        match inrichting {
            Inrichting::Http => " over gewoon HTTP (alleen lokaal: geen certificering)",
            _ => " over tweezijdig TLS",
        }
    );
    Ok(0)
}
