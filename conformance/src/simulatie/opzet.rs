//! The setup of the simulated sources, shared by the harness and the exchange under test:
//! `vum-conformance bronnen --out DIR` writes it once, the vendor configures the exchange with
//! `DIR/bronnen.toml`, and every run with `--bronnen DIR` starts the sources as written.
//!
//! | file | for | what |
//! |---|---|---|
//! | `simulatie.toml` | the harness | the sources (bronID, address, OINs), TLS on or off, the files below |
//! | `bronnen.toml` | the exchange | its source directory, in the reference exchange's format |
//! | `bron-server.pem`, `bron-server.key` | the harness | the sources' server certificate (own CA mode) |
//! | `bronnen-ca.pem` | the exchange | the trust anchor of that certificate (own CA mode) |
//!
//! With a test PKI (`--pki DIR` of `vum-node dev-pki`) the sources use its server certificate and
//! trust its root, and the directory points at its files instead.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde::{Deserialize, Serialize};
use vum_spec::testdata::oins;

/// One simulated source as the setup describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulatieBron {
    /// Its id in the exchange.
    #[serde(rename = "bronID")]
    pub bron_id: String,
    /// Where it listens (`127.0.0.1:18441`).
    pub adres: String,
    /// Its controller (the `X-VUM-toParty` the exchange must send it).
    pub verwerkingsverantwoordelijke: String,
    /// Its processor (the `X-VUM-viaParty` the exchange must send it).
    pub verwerker: String,
}

/// The sources' TLS files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsOpzet {
    /// The sources' server certificate chain (PEM).
    pub certificaat: PathBuf,
    /// Its key.
    pub sleutel: PathBuf,
    /// The trust anchor of the exchange's client certificate.
    pub vertrouwd: PathBuf,
}

/// The setup file `simulatie.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opzet {
    /// Mutual TLS between the exchange and the sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsOpzet>,
    /// The sources.
    #[serde(rename = "bron")]
    pub bronnen: Vec<SimulatieBron>,
}

/// A setup that cannot be read or written.
#[derive(Debug, thiserror::Error)]
pub enum OpzetFout {
    /// A file.
    #[error("{path}: {reason}")]
    Bestand {
        /// Which.
        path: String,
        /// Why.
        reason: String,
    },
    /// The certificates could not be made.
    #[error("de certificaten van de gesimuleerde bronnen konden niet worden gemaakt: {0}")]
    Certificaat(String),
}

fn bestand(path: &Path, reason: &impl ToString) -> OpzetFout {
    OpzetFout::Bestand {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// The two sources of a setup, from `poort`: `bron-a` with the test set's source OINs, `bron-b`
/// with the second source's.
pub fn bronnen(poort: u16) -> Vec<SimulatieBron> {
    vec![
        SimulatieBron {
            bron_id: "bron-a".to_owned(),
            adres: format!("127.0.0.1:{poort}"),
            verwerkingsverantwoordelijke: oins::BRON.to_owned(),
            verwerker: oins::BRON_VERWERKER.to_owned(),
        },
        SimulatieBron {
            bron_id: "bron-b".to_owned(),
            adres: format!("127.0.0.1:{}", poort.saturating_add(1)),
            verwerkingsverantwoordelijke: oins::BRON_B.to_owned(),
            verwerker: oins::BRON_B_VERWERKER.to_owned(),
        },
    ]
}

impl Opzet {
    /// Reads `DIR/simulatie.toml`; relative paths in it are relative to `DIR`.
    pub fn read(dir: &Path) -> Result<Self, OpzetFout> {
        let path = dir.join("simulatie.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| bestand(&path, &e))?;
        let mut opzet: Self = toml::from_str(&text).map_err(|e| bestand(&path, &e))?;
        if opzet.bronnen.is_empty() {
            return Err(bestand(&path, &"er staat geen [[bron]] in"));
        }
        if let Some(tls) = &mut opzet.tls {
            for file in [&mut tls.certificaat, &mut tls.sleutel, &mut tls.vertrouwd] {
                if file.is_relative() {
                    *file = dir.join(&*file);
                }
            }
        }
        Ok(opzet)
    }

    /// The sources' server configuration over mutual TLS, if the setup has TLS.
    pub fn tls_config(&self) -> Result<Option<Arc<rustls::ServerConfig>>, String> {
        let Some(tls) = &self.tls else {
            return Ok(None);
        };
        let read =
            |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
        let chain: Vec<CertificateDer<'static>> =
            CertificateDer::pem_slice_iter(&read(&tls.certificaat)?)
                .collect::<Result<_, _>>()
                .map_err(|_| format!("{}: geen leesbaar PEM", tls.certificaat.display()))?;
        let key = PrivateKeyDer::from_pem_slice(&read(&tls.sleutel)?)
            .map_err(|_| format!("{}: geen leesbare sleutel", tls.sleutel.display()))?;
        let mut roots = rustls::RootCertStore::empty();
        for certificate in CertificateDer::pem_slice_iter(&read(&tls.vertrouwd)?) {
            let certificate = certificate
                .map_err(|_| format!("{}: geen leesbaar PEM", tls.vertrouwd.display()))?;
            roots.add(certificate).map_err(|_| {
                format!(
                    "{}: geen bruikbaar stamcertificaat",
                    tls.vertrouwd.display()
                )
            })?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
            Arc::new(roots),
            Arc::clone(&provider),
        )
        .build()
        .map_err(|e| format!("{}: {e}", tls.vertrouwd.display()))?;
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_client_cert_verifier(verifier)
            .with_single_cert(chain, key)
            .map_err(|e| format!("{}: {e}", tls.certificaat.display()))?;
        Ok(Some(Arc::new(config)))
    }
}

/// Where the exchange's own client certificate for the sources is, and which CA issued it.
#[derive(Clone, Debug)]
pub struct UitwisselingTls {
    /// Its certificate chain (PEM file), as the exchange reads it.
    pub certificaat: PathBuf,
    /// Its key (PEM file).
    pub sleutel: PathBuf,
    /// The CA that issued it (PEM file), which the sources trust.
    pub ca: PathBuf,
}

/// How to set the sources up.
#[derive(Clone, Debug)]
pub enum Inrichting {
    /// Plain HTTP between the exchange and the sources (local use only).
    Http,
    /// A test PKI of `vum-node dev-pki`: its server certificate, root and the exchange's
    /// certificate `uitwisseling.pem`.
    TestPki(PathBuf),
    /// The harness makes its own CA and server certificate; the exchange keeps its own.
    EigenCa(UitwisselingTls),
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn write(dir: &Path, name: &str, text: &str) -> Result<PathBuf, OpzetFout> {
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| bestand(&path, &e))?;
    Ok(path)
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Writes a setup into `dir` (created if needed): the sources from `poort`, `simulatie.toml`,
/// `bronnen.toml` and, in own-CA mode, the certificates. Returns the files written.
pub fn schrijf(dir: &Path, poort: u16, inrichting: &Inrichting) -> Result<Vec<PathBuf>, OpzetFout> {
    std::fs::create_dir_all(dir).map_err(|e| bestand(dir, &e))?;
    let dir = absolute(dir);
    let bronnen = bronnen(poort);
    let mut written = Vec::new();
    // (the sources' TLS for the harness; the exchange's client TLS for its directory)
    let (tls, client): (Option<TlsOpzet>, Option<(PathBuf, PathBuf, PathBuf)>) = match inrichting {
        Inrichting::Http => (None, None),
        Inrichting::TestPki(pki) => {
            let pki = absolute(pki);
            for file in [
                "server.pem",
                "server.key",
                "ca.pem",
                "uitwisseling.pem",
                "uitwisseling.key",
            ] {
                if !pki.join(file).exists() {
                    return Err(bestand(
                        &pki.join(file),
                        &"ontbreekt: is dit een map van vum-node dev-pki?",
                    ));
                }
            }
            (
                Some(TlsOpzet {
                    certificaat: pki.join("server.pem"),
                    sleutel: pki.join("server.key"),
                    vertrouwd: pki.join("ca.pem"),
                }),
                Some((
                    pki.join("uitwisseling.pem"),
                    pki.join("uitwisseling.key"),
                    pki.join("ca.pem"),
                )),
            )
        }
        Inrichting::EigenCa(uitwisseling) => {
            for file in [
                &uitwisseling.certificaat,
                &uitwisseling.sleutel,
                &uitwisseling.ca,
            ] {
                if !file.exists() {
                    return Err(bestand(file, &"bestaat niet"));
                }
            }
            let (ca_pem, chain_pem, key_pem) = eigen_ca()?;
            written.push(write(&dir, "bronnen-ca.pem", &ca_pem)?);
            written.push(write(&dir, "bron-server.pem", &chain_pem)?);
            written.push(write(&dir, "bron-server.key", &key_pem)?);
            (
                Some(TlsOpzet {
                    certificaat: PathBuf::from("bron-server.pem"),
                    sleutel: PathBuf::from("bron-server.key"),
                    vertrouwd: absolute(&uitwisseling.ca),
                }),
                Some((
                    absolute(&uitwisseling.certificaat),
                    absolute(&uitwisseling.sleutel),
                    dir.join("bronnen-ca.pem"),
                )),
            )
        }
    };
    let opzet = Opzet {
        tls,
        bronnen: bronnen.clone(),
    };
    let text = toml::to_string(&opzet).map_err(|e| bestand(&dir.join("simulatie.toml"), &e))?;
    written.push(write(
        &dir,
        "simulatie.toml",
        &format!(
            "# De gesimuleerde bronnen van vum-conformance (geschreven door `vum-conformance bronnen`).\n# `vum-conformance run --profiel uitwisseling --bronnen {}` start ze op deze adressen.\n\n{text}",
            dir.display()
        ),
    )?);
    let mut directory = String::from(
        "# Bronnenadresboek voor de uitwisselingsvoorziening onder test: de gesimuleerde bronnen van\n# vum-conformance. Richt de uitwisselingsvoorziening hiermee in voordat de run begint.\n",
    );
    for bron in &bronnen {
        let port = bron.adres.rsplit(':').next().unwrap_or_default();
        let scheme = if client.is_some() { "https" } else { "http" };
        directory.push_str(&format!(
            "\n[[bron]]\nbronID = {}\nurl = {}\nverwerkingsverantwoordelijke = {}\nverwerker = {}\n",
            toml_string(&bron.bron_id),
            toml_string(&format!("{scheme}://localhost:{port}{}", vum_spec::headers::BASE_PATH)),
            toml_string(&bron.verwerkingsverantwoordelijke),
            toml_string(&bron.verwerker),
        ));
        if let Some((certificaat, sleutel, ca)) = &client {
            directory.push_str(&format!(
                "certificaat = {}\nsleutel = {}\nca = {}\n",
                toml_string(&certificaat.display().to_string()),
                toml_string(&sleutel.display().to_string()),
                toml_string(&ca.display().to_string()),
            ));
        }
        directory.push_str("deadline_ms = 5000\n");
    }
    written.push(write(&dir, "bronnen.toml", &directory)?);
    Ok(written)
}

/// A CA and a server certificate for `localhost` and 127.0.0.1, valid for two years.
fn eigen_ca() -> Result<(String, String, String), OpzetFout> {
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose,
        IsCa, KeyPair, KeyUsagePurpose, SanType,
    };
    let fout = |e: rcgen::Error| OpzetFout::Certificaat(e.to_string());
    let now = time::OffsetDateTime::now_utc();
    let mut ca = CertificateParams::default();
    ca.distinguished_name
        .push(DnType::CommonName, "vum-conformance bronnen-CA (test)");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca.not_before = now - time::Duration::days(1);
    ca.not_after = now + time::Duration::days(730);
    let issuer =
        CertifiedIssuer::self_signed(ca, KeyPair::generate().map_err(fout)?).map_err(fout)?;
    let mut server = CertificateParams::new(vec!["localhost".to_owned()]).map_err(fout)?;
    server
        .subject_alt_names
        .push(SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
    server
        .distinguished_name
        .push(DnType::CommonName, "vum-conformance gesimuleerde bron");
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    server.not_before = now - time::Duration::days(1);
    server.not_after = now + time::Duration::days(730);
    let server_key = KeyPair::generate().map_err(fout)?;
    let server_cert = server.signed_by(&server_key, &issuer).map_err(fout)?;
    Ok((
        issuer.pem(),
        format!("{}{}", server_cert.pem(), issuer.pem()),
        server_key.serialize_pem(),
    ))
}
