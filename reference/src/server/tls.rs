//! Mutual TLS: the server configuration, certificate verification and the caller's OIN (the
//! connections themselves are the listener's).
//!
//! The handshake requests a client certificate and checks that the client holds its key, but
//! accepts any certificate; the verdict (chain to the trust anchor, validity period, well-formed
//! OIN in subject `serialNumber`) is made right after and travels with every request of the
//! connection as [`super::admission::PeerIdentity`]. The API then answers 401 and writes an audit
//! record for a missing, expired, foreign or unlisted certificate, instead of a bare handshake
//! failure that neither the caller nor the audit log could explain.

use std::sync::Arc;

use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, UnixTime};
use rustls::server::WebPkiClientVerifier;
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{
    DigitallySignedStruct, DistinguishedName, RootCertStore, ServerConfig, SignatureScheme,
};
use vum_spec::headers::Oin;

/// TLS material that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A PEM file without the expected content.
    #[error("{what}: {reason}")]
    Pem {
        /// Which file.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// rustls refused the configuration.
    #[error("TLS configuration: {0}")]
    Config(String),
}

/// The server's certificate chain and key, and the trust anchor for clients.
#[derive(Debug)]
pub struct TlsSettings {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
    roots: RootCertStore,
}

impl TlsSettings {
    /// From PEM texts: the server chain, its key, and the trust anchor(s).
    pub fn from_pem(chain: &str, key: &str, trust_anchor: &str) -> Result<Self, TlsError> {
        let certs =
            |what: &'static str, pem: &str| -> Result<Vec<CertificateDer<'static>>, TlsError> {
                let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| TlsError::Pem {
                        what,
                        reason: e.to_string(),
                    })?;
                if certs.is_empty() {
                    return Err(TlsError::Pem {
                        what,
                        reason: "no certificate in it".to_owned(),
                    });
                }
                Ok(certs)
            };
        let chain = certs("server certificate", chain)?;
        let key = PrivateKeyDer::from_pem_slice(key.as_bytes()).map_err(|e| TlsError::Pem {
            what: "server key",
            reason: e.to_string(),
        })?;
        let mut roots = RootCertStore::empty();
        for root in certs("trust anchor", trust_anchor)? {
            roots.add(root).map_err(|e| TlsError::Pem {
                what: "trust anchor",
                reason: e.to_string(),
            })?;
        }
        Ok(Self { chain, key, roots })
    }
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The verifier that decides after the handshake: accepts the certificate during it, checks that
/// the client signs with its key, and leaves the verdict to [`verdict`].
#[derive(Debug)]
struct DeferredVerifier {
    inner: Arc<dyn ClientCertVerifier>,
}

impl ClientCertVerifier for DeferredVerifier {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        false
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        // No hints: a client should send whatever certificate it has, so that a foreign one can
        // be refused with a reason instead of not being sent at all.
        &[]
    }

    fn verify_client_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// The server configuration (TLS 1.2 and 1.3, ring) and the verifier for the verdict.
pub(crate) fn configure(
    settings: TlsSettings,
) -> Result<(Arc<ServerConfig>, Arc<dyn ClientCertVerifier>), TlsError> {
    let strict = WebPkiClientVerifier::builder_with_provider(Arc::new(settings.roots), provider())
        .allow_unauthenticated()
        .build()
        .map_err(|e| TlsError::Config(e.to_string()))?;
    let mut config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Config(e.to_string()))?
        .with_client_cert_verifier(Arc::new(DeferredVerifier {
            inner: Arc::clone(&strict),
        }))
        .with_single_cert(settings.chain, settings.key)
        .map_err(|e| TlsError::Config(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok((Arc::new(config), strict))
}

/// The identity of a client: its chain verified against the trust anchor now, and a well-formed
/// OIN in the subject `serialNumber` of its certificate.
pub fn verdict(
    verifier: &dyn ClientCertVerifier,
    chain: Option<&[CertificateDer<'_>]>,
) -> Result<Oin, String> {
    let Some((end_entity, intermediates)) = chain.and_then(<[_]>::split_first) else {
        return Err("geen clientcertificaat".to_owned());
    };
    verifier
        .verify_client_cert(end_entity, intermediates, UnixTime::now())
        .map_err(|e| match e {
            rustls::Error::InvalidCertificate(
                rustls::CertificateError::Expired | rustls::CertificateError::ExpiredContext { .. },
            ) => "clientcertificaat is verlopen".to_owned(),
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer) => {
                "clientcertificaat is niet uitgegeven onder het vertrouwde stamcertificaat"
                    .to_owned()
            }
            other => format!("clientcertificaat ongeldig: {other}"),
        })?;
    oin_of(end_entity)
}

/// The OIN in a client certificate's subject `serialNumber` (the rule is [`vum_spec::certificaat`]'s).
pub fn oin_of(certificate: &CertificateDer<'_>) -> Result<Oin, String> {
    vum_spec::certificaat::oin_of_der(certificate.as_ref())
        .map_err(|e| format!("clientcertificaat: {e}"))
}
