//! HTTP clients of the harness: which client certificate a request presents, the certificates
//! the harness makes itself (self-signed, from a CA of its own), and the TLS material checks the
//! pre-flight runs before anything is sent.

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::target::{Identity, SpecialCert, Target};

/// Which client certificate a request presents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Presented {
    /// The one configured for the run (`--client-cert`), if any.
    Configured,
    /// None at all.
    None,
    /// A self-signed certificate with the configured OIN (made by the harness).
    SelfSigned,
    /// A certificate with the configured OIN from a CA the harness made (not the node's).
    ForeignCa,
    /// A special certificate the vendor supplied.
    Special(SpecialCert),
}

/// How a client writes header names on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum HeaderCase {
    /// Lower case (what HTTP/2 requires and HTTP/1.1 clients usually send).
    #[default]
    Lower,
    /// Title case over HTTP/1.1 (`X-Vum-Suwiparty`), to prove names are case-insensitive.
    Title,
}

/// Certificates the harness makes for itself, for the scenarios that need no CA of the vendor.
#[derive(Clone, Debug)]
pub struct MadeCertificates {
    /// Self-signed, with the configured OIN.
    pub self_signed: Identity,
    /// Issued by a CA only the harness knows, with the configured OIN.
    pub foreign: Identity,
}

fn subject(oin: &str) -> Result<DistinguishedName, rcgen::Error> {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "vum-conformance");
    dn.push(DnType::OrganizationName, "VUM-conformiteitsharnas");
    dn.push(
        DnType::CustomDnType(vec![2, 5, 4, 5]),
        DnValue::PrintableString(oin.try_into()?),
    );
    Ok(dn)
}

fn client_params(oin: &str) -> Result<CertificateParams, rcgen::Error> {
    let mut params = CertificateParams::default();
    params.distinguished_name = subject(oin)?;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    Ok(params)
}

impl MadeCertificates {
    /// Makes both for `oin` (the configured certificate's, so that only the issuer is wrong).
    pub fn make(oin: &str) -> Result<Self, rcgen::Error> {
        let key = KeyPair::generate()?;
        let self_signed = client_params(oin)?.self_signed(&key)?;
        let mut ca = CertificateParams::default();
        ca.distinguished_name = subject(oin)?;
        ca.distinguished_name
            .push(DnType::CommonName, "vum-conformance vreemde CA");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let issuer = CertifiedIssuer::self_signed(ca, KeyPair::generate()?)?;
        let leaf_key = KeyPair::generate()?;
        let leaf = client_params(oin)?.signed_by(&leaf_key, &issuer)?;
        Ok(Self {
            self_signed: Identity {
                chain_pem: self_signed.pem(),
                key_pem: key.serialize_pem(),
            },
            foreign: Identity {
                chain_pem: format!("{}{}", leaf.pem(), issuer.pem()),
                key_pem: leaf_key.serialize_pem(),
            },
        })
    }
}

/// The identity a request presents, if any; `Err` when the run lacks it.
pub fn identity_for(
    target: &Target,
    made: Option<&MadeCertificates>,
    presented: Presented,
) -> Result<Option<Identity>, String> {
    match presented {
        Presented::None => Ok(None),
        Presented::Configured => Ok(target.tls.identity.clone()),
        Presented::SelfSigned | Presented::ForeignCa => {
            let made = made.ok_or("het harnas kon geen eigen testcertificaten maken")?;
            Ok(Some(if presented == Presented::SelfSigned {
                made.self_signed.clone()
            } else {
                made.foreign.clone()
            }))
        }
        Presented::Special(cert) => target
            .tls
            .special
            .get(&cert)
            .cloned()
            .map(Some)
            .ok_or_else(|| format!("{} ontbreekt: geef {}", cert.omschrijving(), cert.flag())),
    }
}

/// Builds a client for the target presenting `identity`.
pub fn build(
    target: &Target,
    identity: Option<&Identity>,
    case: HeaderCase,
) -> Result<reqwest::Client, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .timeout(target.timeout)
        .connect_timeout(target.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .tls_info(true)
        .no_proxy();
    if case == HeaderCase::Title {
        builder = builder.http1_only().http1_title_case_headers();
    }
    if let Some(ca) = &target.tls.ca_pem {
        let certificate = reqwest::Certificate::from_pem(ca.as_bytes())
            .map_err(|_| "--ca bevat geen bruikbaar PEM-certificaat".to_owned())?;
        builder = builder.tls_certs_only([certificate]);
    }
    if let Some(identity) = identity {
        builder = builder.identity(
            reqwest::Identity::from_pem(
                format!("{}\n{}", identity.chain_pem, identity.key_pem).as_bytes(),
            )
            .map_err(|_| "het clientcertificaat of de sleutel is geen bruikbaar PEM".to_owned())?,
        );
    }
    builder
        .build()
        .map_err(|e| format!("de HTTP-client kon niet worden gemaakt: {e}"))
}

/// What is wrong with a PEM certificate chain and key pair, if anything: the chain holds a
/// certificate, the key is a private key rustls can sign with, and they belong together.
pub fn check_identity(what: &str, identity: &Identity) -> Result<(), String> {
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(identity.chain_pem.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|_| format!("{what}: het certificaat is geen leesbaar PEM"))?;
    if chain.is_empty() {
        return Err(format!("{what}: het bestand bevat geen certificaat"));
    }
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|_| format!("{what}: de sleutel is geen leesbare PEM-privésleutel"))?;
    let signer = rustls::crypto::ring::sign::any_supported_type(&key)
        .map_err(|_| format!("{what}: de sleutel is van een soort die TLS niet ondersteunt"))?;
    rustls::sign::CertifiedKey::new(chain, Arc::clone(&signer))
        .keys_match()
        .map_err(|_| format!("{what}: de sleutel hoort niet bij het certificaat"))
}

/// What is wrong with a trust anchor, if anything: PEM with at least one certificate.
pub fn check_ca(pem: &str) -> Result<(), String> {
    let certificates: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|_| "--ca is geen leesbaar PEM".to_owned())?;
    if certificates.is_empty() {
        return Err(
            "--ca bevat geen certificaat (verwacht PEM: -----BEGIN CERTIFICATE-----)".to_owned(),
        );
    }
    let mut roots = rustls::RootCertStore::empty();
    for certificate in certificates {
        roots.add(certificate).map_err(|_| {
            "--ca bevat een certificaat dat geen stamcertificaat kan zijn".to_owned()
        })?;
    }
    Ok(())
}

/// A TLS failure in plain words, read from the text of an error whose rustls value the HTTP
/// client does not expose.
pub fn tls_error_from_text(text: &str) -> Option<String> {
    let known = [
        (
            "UnknownIssuer",
            "het servercertificaat is niet uitgegeven onder het vertrouwde stamcertificaat (--ca)",
        ),
        (
            "NotValidForName",
            "het servercertificaat geldt niet voor de host in --target",
        ),
        ("Expired", "het servercertificaat is verlopen"),
        (
            "CertificateRequired",
            "de bron weigerde het clientcertificaat tijdens de TLS-handdruk",
        ),
        (
            "BadCertificate",
            "de bron weigerde het clientcertificaat tijdens de TLS-handdruk",
        ),
        (
            "UnknownCA",
            "de bron weigerde het clientcertificaat tijdens de TLS-handdruk",
        ),
        (
            "CertificateUnknown",
            "de bron weigerde het clientcertificaat tijdens de TLS-handdruk",
        ),
        (
            "InvalidContentType",
            "het antwoord is geen TLS: spreekt de poort gewoon HTTP? (gebruik dan http://)",
        ),
        (
            "corrupt message",
            "het antwoord is geen TLS: spreekt de poort gewoon HTTP? (gebruik dan http://)",
        ),
    ];
    known
        .iter()
        .find(|(needle, _)| text.contains(needle))
        .map(|(_, words)| (*words).to_owned())
        .or_else(|| {
            (text.contains("peer certificate")
                || text.contains("alert")
                || text.contains("handshake"))
            .then(|| format!("de TLS-handdruk mislukte ({text})"))
        })
}

/// A rustls error in plain words.
pub fn tls_error_text(error: &rustls::Error) -> String {
    use rustls::{AlertDescription, CertificateError, Error};
    match error {
        Error::InvalidCertificate(CertificateError::UnknownIssuer) => {
            "het servercertificaat is niet uitgegeven onder het vertrouwde stamcertificaat (--ca)"
                .to_owned()
        }
        Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => "het servercertificaat geldt niet voor de host in --target".to_owned(),
        Error::InvalidCertificate(
            CertificateError::Expired | CertificateError::ExpiredContext { .. },
        ) => "het servercertificaat is verlopen".to_owned(),
        Error::InvalidCertificate(other) => format!("het servercertificaat is ongeldig ({other})"),
        Error::AlertReceived(
            AlertDescription::CertificateRequired
            | AlertDescription::BadCertificate
            | AlertDescription::UnknownCA
            | AlertDescription::CertificateUnknown
            | AlertDescription::CertificateExpired
            | AlertDescription::AccessDenied,
        ) => "de bron weigerde het clientcertificaat tijdens de TLS-handdruk".to_owned(),
        Error::AlertReceived(alert) => format!(
            "de bron brak de TLS-handdruk af (TLS-alert {})",
            u8::from(*alert)
        ),
        Error::InvalidMessage(_) => {
            "het antwoord is geen TLS: spreekt de poort gewoon HTTP? (gebruik dan http://)"
                .to_owned()
        }
        other => other.to_string(),
    }
}
