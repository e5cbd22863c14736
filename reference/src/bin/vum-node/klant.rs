//! What the mediator commands (`vraag`, `detail`, `taken`) take on the command line to reach an
//! exchange: its URL, mutual TLS, the parties of §3.2, the version and the time per attempt; and
//! what their exit codes mean.
//!
//! Exit codes of `vraag`, `detail` and `taken`:
//!
//! * `0`: done (for `taken`: every task completed);
//! * `1`: the exchange did not give what was asked: an error answer, no answer after the retries,
//!   an answer off contract (for `taken`: at least one task not completed);
//! * `2`: the command itself is wrong: a flag, a file, the TLS material, the search, or a request
//!   the client refuses to send (a direct identifier, a malformed vumID).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use vum_reference::bemiddelaar::{Afwijking, BemiddelaarConfig, BemiddelaarFout, Tls};
use vum_spec::headers::Oin;

use crate::listen::read;

/// How the mediator client reaches the exchange.
#[derive(Debug, clap::Args)]
pub(crate) struct KlantArgs {
    /// The exchange's base URL: http://127.0.0.1:8080/api/v3, or https://localhost:8443/api/v3
    /// with mutual TLS (without a path, the version's base path is added).
    #[arg(long, value_name = "URL")]
    pub(crate) exchange: Option<String>,
    /// A directory written by `vum-node dev-pki`: its bemiddelaar.pem, bemiddelaar.key and ca.pem
    /// (each can be replaced by --cert, --key, --ca).
    #[arg(long, value_name = "DIR")]
    pki: Option<PathBuf>,
    /// The mediator's client certificate chain (PEM); its OIN is the viaParty.
    #[arg(long, value_name = "FILE")]
    cert: Option<PathBuf>,
    /// Its private key (PEM).
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,
    /// Trust anchor for the exchange's server certificate (PEM).
    #[arg(long, value_name = "FILE")]
    ca: Option<PathBuf>,
    /// X-VUM-fromParty: the controller asked for (default: the viaParty).
    #[arg(long, value_name = "OIN")]
    from_party: Option<String>,
    /// X-VUM-viaParty: the processor (default: the OIN of the client certificate; over plain
    /// http the test set's mediator).
    #[arg(long, value_name = "OIN")]
    via_party: Option<String>,
    /// X-VUM-toParty: the exchange (default: the test set's exchange).
    #[arg(long, value_name = "OIN")]
    to_party: Option<String>,
    /// The interface version to ask in (both version headers; default: the newest active one).
    #[arg(long, value_name = "VERSIE")]
    pub(crate) bericht_versie: Option<String>,
    /// Seconds one attempt may take, connecting included.
    #[arg(long, default_value = "15", value_name = "SECONDEN", value_parser = seconden)]
    timeout: Duration,
    /// For the fault matrix only: make the client break one rule on purpose.
    #[arg(long, hide = true, value_name = "NAAM")]
    afwijking: Option<Afwijking>,
}

/// A positive number of seconds (fractions allowed).
fn seconden(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s < 1e6 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!("{text} is geen positief aantal seconden")),
    }
}

fn oin(flag: &str, text: &str) -> Result<Oin> {
    text.parse()
        .map_err(|e| anyhow::anyhow!("--{flag} {text}: {e}"))
}

impl KlantArgs {
    /// The client's configuration; `url` is the exchange when --exchange is not given (a task
    /// file's), `versie` the version when --bericht-versie is not given.
    pub(crate) fn config(
        &self,
        url: Option<&str>,
        versie: Option<&str>,
    ) -> Result<BemiddelaarConfig> {
        let Some(url) = self.exchange.as_deref().or(url) else {
            bail!("geef het adres van de uitwisselingsvoorziening met --exchange URL");
        };
        let mut config = BemiddelaarConfig::new(url)?;
        if let Some(naam) = self.bericht_versie.as_deref().or(versie) {
            config.versie =
                vum_spec::versie::versie(naam).with_context(|| format!("berichtVersie {naam}"))?;
        }
        config.timeout = self.timeout;
        config.afwijking = self.afwijking;
        config.tls = self.tls()?;
        let certificaat_oin = match &config.tls {
            Some(tls) => Some(tls.oin()?),
            None => None,
        };
        if let Some(via) = &self.via_party {
            config.partijen.via_party = oin("via-party", via)?;
        } else if let Some(certificaat) = &certificaat_oin {
            config.partijen.via_party = certificaat.clone();
        }
        config.partijen.from_party = match &self.from_party {
            Some(from) => oin("from-party", from)?,
            None => config.partijen.via_party.clone(),
        };
        if let Some(to) = &self.to_party {
            config.partijen.to_party = oin("to-party", to)?;
        }
        Ok(config)
    }

    /// The TLS material of the flags: none, or all three files.
    fn tls(&self) -> Result<Option<Tls>> {
        let bestand = |expliciet: &Option<PathBuf>, naam: &str| -> Option<PathBuf> {
            expliciet
                .clone()
                .or_else(|| self.pki.as_ref().map(|dir| dir.join(naam)))
        };
        let cert = bestand(&self.cert, "bemiddelaar.pem");
        let key = bestand(&self.key, "bemiddelaar.key");
        let ca = bestand(&self.ca, "ca.pem");
        match (cert, key, ca) {
            (None, None, None) => Ok(None),
            (Some(cert), Some(key), Some(ca)) => Ok(Some(Tls {
                certificate_pem: read(&cert)?,
                key_pem: read(&key)?,
                ca_pem: read(&ca)?,
            })),
            _ => bail!("mutual TLS vraagt --cert, --key en --ca samen, of --pki DIR"),
        }
    }
}

/// The exit code for a request that failed: `2` when the client refused to send it (the
/// command's fault), `1` when the exchange did not give what was asked.
pub(crate) fn exit_code(fout: &BemiddelaarFout) -> ExitCode {
    match fout {
        BemiddelaarFout::Instelling(_)
        | BemiddelaarFout::Zoekopdracht(_)
        | BemiddelaarFout::Identificator { .. }
        | BemiddelaarFout::OngeldigVumId(_)
        | BemiddelaarFout::VreemdVumId(_)
        | BemiddelaarFout::DetailLimiet { .. } => ExitCode::from(2),
        BemiddelaarFout::Antwoord { .. }
        | BemiddelaarFout::TeLangWachten { .. }
        | BemiddelaarFout::Opgegeven { .. }
        | BemiddelaarFout::Contract(_) => ExitCode::from(1),
    }
}

/// A runtime for one command.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime")
}
