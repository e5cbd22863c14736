//! The certificate on the command line: `run --signing-key`, `keygen`, `verify`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use vum_conformance::RunResult;
use vum_conformance::certificaat::{self, IssueOptions, bewijs, live, verify};
use vum_conformance::target::{Identity, Target};
use vum_spec::jws::{SigningKey, VerifyingKey};

use crate::{Usage, read};

/// The files a certificate consists of, removed before every run so that none is left from an
/// earlier one.
const FILES: [&str; 3] = ["certificaat.jws", "certificaat.html", "bewijs.zip"];

/// How to sign, on `run`.
#[derive(Debug, clap::Args)]
pub(crate) struct SigningArgs {
    /// The private key (PKCS#8 PEM, `vum-conformance keygen`) to sign a certificate with: written
    /// only for a complete run whose every MUST passed over mutual TLS.
    #[arg(long)]
    signing_key: Option<PathBuf>,
    /// The issuer named in the certificate.
    #[arg(
        long,
        default_value = "VUM-conformiteitssuite",
        requires = "signing_key"
    )]
    uitgever: String,
    /// Days the certificate is valid (never beyond the end of the spec version).
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=1095), requires = "signing_key")]
    geldig_dagen: u32,
}

/// A loaded signing key with its options.
#[derive(Debug)]
pub(crate) struct Signing {
    pub(crate) key: SigningKey,
    pub(crate) options: IssueOptions,
}

impl SigningArgs {
    /// The key, read before the run so that a bad key file fails at once.
    pub(crate) fn load(&self) -> Result<Option<Signing>> {
        let Some(path) = &self.signing_key else {
            return Ok(None);
        };
        let key = SigningKey::from_pem(&read(path, "--signing-key")?)
            .map_err(|e| Usage(format!("--signing-key {}: {e}", path.display())))?;
        let mut options = IssueOptions::new(&self.uitgever);
        options.days = self.geldig_dagen;
        Ok(Some(Signing { key, options }))
    }
}

fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// Removes an earlier certificate from the report directory, and writes this run's when it
/// earned one and a key was given. Says on the console why there is none.
pub(crate) fn write(
    result: &RunResult,
    dir: &Path,
    signing: Option<&Signing>,
) -> Result<Vec<PathBuf>> {
    for name in FILES {
        let path = dir.join(name);
        if path.exists() {
            std::fs::remove_file(&path)
                .with_context(|| format!("removing the earlier {}", path.display()))?;
        }
    }
    let Some(signing) = signing else {
        return Ok(Vec::new());
    };
    let mut options = signing.options.clone();
    options.now = OffsetDateTime::now_utc();
    let inhoud = bewijs::Inhoud::of(result);
    let issued = match certificaat::issue(result, &inhoud, &signing.key, &options) {
        Ok(issued) => issued,
        Err(e) => {
            println!("{e}");
            return Ok(Vec::new());
        }
    };
    let zip = inhoud.zip(&issued.jws)?;
    let written = vec![
        write_whole(dir, "bewijs.zip", &zip)?,
        write_whole(
            dir,
            "certificaat.html",
            certificaat::html::html(&issued.claims).as_bytes(),
        )?,
        write_whole(dir, "certificaat.jws", issued.jws.as_bytes())?,
    ];
    println!(
        "certificaat{}: {} voor OIN {}, geldig tot {}",
        if issued.claims.vum.test {
            " (TEST)"
        } else {
            ""
        },
        issued.claims.vum.profiel_titel,
        issued.claims.sub,
        certificaat::moment(issued.claims.exp)
    );
    Ok(written)
}

/// `keygen DIR`.
pub(crate) fn keygen(dir: &Path) -> Result<u8> {
    let private = dir.join("private.pem");
    let public = dir.join("public.pem");
    for path in [&private, &public] {
        if path.exists() {
            return Err(Usage(format!(
                "{} bestaat al; kies een lege map (een sleutel wordt nooit overschreven)",
                path.display()
            ))
            .into());
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let (private_pem, public_pem) = SigningKey::generate()?;
    write_private(&private, &private_pem)?;
    std::fs::write(&public, &public_pem)
        .with_context(|| format!("writing {}", public.display()))?;
    let kid = VerifyingKey::from_pem(&public_pem)?.key_id();
    println!(
        "sleutelpaar (kid {kid}): {} (geheim houden), {} (voor wie certificaten controleert)",
        private.display(),
        public.display()
    );
    Ok(0)
}

#[cfg(unix)]
fn write_private(path: &Path, pem: &str) -> Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    file.write_all(pem.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

#[cfg(not(unix))]
fn write_private(path: &Path, pem: &str) -> Result<()> {
    std::fs::write(path, pem).with_context(|| format!("writing {}", path.display()))
}

/// `verify`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct VerifyArgs {
    /// certificaat.jws, or bewijs.zip to check the certificate against its evidence too.
    file: PathBuf,
    /// The issuer's public key (SPKI PEM).
    #[arg(long)]
    public_key: PathBuf,
    /// Check validity on this date (YYYY-MM-DD, start of the day UTC) or moment (RFC 3339)
    /// instead of now.
    #[arg(long)]
    at: Option<String>,
    /// Also check that the node at this URL presents the certified server certificate.
    #[arg(long)]
    target: Option<String>,
    /// A client certificate to offer the node (PEM), for nodes that need one to finish the
    /// handshake.
    #[arg(long, requires = "client_key", requires = "target")]
    client_cert: Option<PathBuf>,
    /// Its private key (PEM).
    #[arg(long, requires = "client_cert")]
    client_key: Option<PathBuf>,
}

/// The issuer's public key of `--public-key`, and the moment of `--at` (now when absent).
pub(crate) fn key_and_moment(
    public_key: &Path,
    at: Option<&str>,
) -> Result<(VerifyingKey, OffsetDateTime)> {
    let key = VerifyingKey::from_pem(&read(public_key, "--public-key")?)
        .map_err(|e| Usage(format!("--public-key {}: {e}", public_key.display())))?;
    let at = at.map_or_else(|| Ok(OffsetDateTime::now_utc()), moment)?;
    Ok((key, at))
}

fn moment(text: &str) -> Result<OffsetDateTime> {
    if let Some(date) = vum_conformance::verklaringen::date(text) {
        return Ok(date.midnight().assume_utc());
    }
    OffsetDateTime::parse(text, &Rfc3339).map_err(|_| {
        Usage(format!(
            "--at {text}: geen datum JJJJ-MM-DD of RFC 3339-tijdstip"
        ))
        .into()
    })
}

/// `verify FILE --public-key PEM [--at DATE] [--target URL]`: 0 valid, 1 invalid, 2 when the
/// live check could not be made, 64 usage.
pub(crate) fn verify(args: &VerifyArgs) -> Result<u8> {
    let (key, at) = key_and_moment(&args.public_key, args.at.as_deref())?;
    let bytes =
        std::fs::read(&args.file).map_err(|e| Usage(format!("{}: {e}", args.file.display())))?;
    let is_zip = bytes.starts_with(b"PK");
    let checked = if is_zip {
        verify::package(&bytes, &key, at)
    } else {
        String::from_utf8(bytes)
            .map_err(|_| {
                verify::VerifyError::Form("het bestand is geen tekst en geen zip".to_owned())
            })
            .and_then(|jws| verify::certificate(&jws, &key, at))
    };
    let claims = match checked {
        Ok(claims) => claims,
        Err(e) => {
            println!("ongeldig: {e}");
            return Ok(1);
        }
    };
    if let Some(url) = &args.target {
        let mut target = Target::new(url);
        if let (Some(cert), Some(key)) = (&args.client_cert, &args.client_key) {
            target.tls.identity = Some(Identity {
                chain_pem: read(cert, "--client-cert")?,
                key_pem: read(key, "--client-key")?,
            });
        }
        let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
        match runtime.block_on(live::server_certificate(&target)) {
            Ok(found) => {
                if let Err(e) = verify::live(&claims, &found) {
                    println!("ongeldig: {e}");
                    return Ok(1);
                }
            }
            Err(e) => {
                println!(
                    "onbeslist: het certificaat zelf is geldig, maar het servercertificaat van {url} kon niet worden opgehaald: {e}"
                );
                return Ok(2);
            }
        }
    }
    let vum = &claims.vum;
    println!(
        "geldig{}: {} voor OIN {} ({}), specificatie {}, geldig tot {}{}{}",
        if vum.test { " (TEST)" } else { "" },
        vum.profiel_titel,
        claims.sub,
        vum.knooppunt.url,
        vum.spec_versie,
        certificaat::moment(claims.exp),
        if is_zip { "; het bewijs klopt" } else { "" },
        if args.target.is_some() {
            "; de node toont het gecertificeerde servercertificaat"
        } else {
            ""
        }
    );
    Ok(0)
}
