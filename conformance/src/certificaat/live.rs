//! The server certificate a node presents now: one TLS handshake, nothing sent over it.
//!
//! The chain is not judged here (the fingerprint is compared with the certified one), but the
//! node's handshake signature is: a node must hold the certificate's private key to be seen with
//! it. A node that asks for a client certificate the caller does not have still shows its own
//! certificate first, so the check works without client material too.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use vum_spec::certificaat::{Certificaatgegevens, gegevens};

use crate::target::{Identity, Target};

#[derive(Debug, Default)]
struct Seen {
    certificate: Option<Vec<u8>>,
    signed: bool,
}

#[derive(Debug)]
struct Recording {
    seen: Mutex<Seen>,
    provider: Arc<CryptoProvider>,
}

impl Recording {
    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn signed(
        &self,
        valid: Result<HandshakeSignatureValid, rustls::Error>,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        if valid.is_ok() {
            self.seen().signed = true;
        }
        valid
    }
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.seen().certificate = Some(end_entity.to_vec());
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.signed(rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        ))
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.signed(rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        ))
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn client_auth(
    builder: rustls::ConfigBuilder<rustls::ClientConfig, rustls::client::WantsClientCert>,
    identity: Option<&Identity>,
) -> Result<rustls::ClientConfig, String> {
    let Some(identity) = identity else {
        return Ok(builder.with_no_client_auth());
    };
    let chain = CertificateDer::pem_slice_iter(identity.chain_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| "het clientcertificaat is geen leesbaar PEM".to_owned())?;
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|_| "de sleutel van het clientcertificaat is geen leesbaar PEM".to_owned())?;
    builder
        .with_client_auth_cert(chain, key)
        .map_err(|e| format!("het clientcertificaat is niet bruikbaar: {e}"))
}

/// The certificate the node at `target` presents now (its configured client identity, if any,
/// is offered).
pub async fn server_certificate(target: &Target) -> Result<Certificaatgegevens, String> {
    if !target.is_https() {
        return Err(format!("{} is geen https-adres", target.base_url));
    }
    let authority = target
        .authority()
        .ok_or_else(|| format!("{} noemt geen host", target.base_url))?;
    let host = target.host().unwrap_or_default();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let recording = Arc::new(Recording {
        seen: Mutex::new(Seen::default()),
        provider: Arc::clone(&provider),
    });
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(recording.clone());
    let config = client_auth(builder, target.tls.identity.as_ref())?;
    let name = ServerName::try_from(host.trim_matches(['[', ']']).to_owned())
        .map_err(|_| format!("{host} is geen geldige servernaam"))?;
    let timeout = target.timeout.min(Duration::from_secs(15));
    let handshake = async {
        let stream = tokio::net::TcpStream::connect(&authority)
            .await
            .map_err(|e| format!("{authority} is niet bereikbaar: {e}"))?;
        tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, stream)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    let outcome = tokio::time::timeout(timeout, handshake)
        .await
        .unwrap_or_else(|_| Err(format!("geen TLS-handdruk binnen {} s", timeout.as_secs())));
    let seen = recording.seen();
    match (&seen.certificate, seen.signed, outcome) {
        (Some(der), true, _) => gegevens(der).map_err(|e| e.to_string()),
        (Some(_), false, Err(e)) => Err(format!(
            "de node bewees niet de sleutel van haar certificaat te bezitten: {e}"
        )),
        (_, _, Err(e)) => Err(format!("de TLS-handdruk mislukte: {e}")),
        (None, _, Ok(())) | (Some(_), false, Ok(())) => {
            Err("de node toonde geen certificaat".to_owned())
        }
    }
}
