//! The identity in a PKIoverheid certificate: the organisation's OIN in the subject's
//! `serialNumber` attribute (Digikoppeling PKI001). Node and harness both read it from here.

use x509_parser::oid_registry::OID_X509_SERIALNUMBER;
use x509_parser::pem::Pem;

use crate::headers::{Oin, OinError};

/// Why a certificate names no OIN.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    /// The PEM text holds no certificate.
    #[error("het PEM-bestand bevat geen certificaat")]
    NoCertificate,
    /// The PEM text or the DER inside it cannot be read.
    #[error("onleesbaar certificaat: {0}")]
    Unreadable(String),
    /// The subject has no `serialNumber`.
    #[error("het certificaat heeft geen serialNumber (OIN) in het subject")]
    NoSerialNumber,
    /// The `serialNumber` is not text.
    #[error("het serialNumber in het subject is geen tekst")]
    NotText,
    /// The `serialNumber` is not a well-formed OIN.
    #[error("het serialNumber in het subject is geen geldig OIN: {0}")]
    NotAnOin(OinError),
}

/// The OIN of a certificate in DER.
pub fn oin_of_der(der: &[u8]) -> Result<Oin, CertificateError> {
    let (_, certificate) = x509_parser::parse_x509_certificate(der)
        .map_err(|e| CertificateError::Unreadable(e.to_string()))?;
    let serial = certificate
        .subject()
        .iter_by_oid(&OID_X509_SERIALNUMBER)
        .next()
        .ok_or(CertificateError::NoSerialNumber)?;
    let text = serial.as_str().map_err(|_| CertificateError::NotText)?;
    text.parse().map_err(CertificateError::NotAnOin)
}

/// What a TLS certificate says about whom it belongs to and until when, with its fingerprint:
/// the facts a conformance certificate binds and a region board watches.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Certificaatgegevens {
    /// SHA-256 of the DER, lower-case hex.
    pub sha256: String,
    /// The subject, as RFC 4514 text.
    pub subject: String,
    /// The issuer, as RFC 4514 text.
    pub issuer: String,
    /// The OIN in the subject's `serialNumber`, if it holds one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oin: Option<String>,
    /// The first moment it is valid (Unix seconds).
    pub geldig_vanaf: i64,
    /// The last moment it is valid (Unix seconds).
    pub geldig_tot: i64,
}

/// The facts of a certificate in DER.
pub fn gegevens(der: &[u8]) -> Result<Certificaatgegevens, CertificateError> {
    use sha2::Digest as _;
    let (_, certificate) = x509_parser::parse_x509_certificate(der)
        .map_err(|e| CertificateError::Unreadable(e.to_string()))?;
    let validity = certificate.validity();
    Ok(Certificaatgegevens {
        sha256: sha2::Sha256::digest(der)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        subject: certificate.subject().to_string(),
        issuer: certificate.issuer().to_string(),
        oin: oin_of_der(der).ok().map(|oin| oin.to_string()),
        geldig_vanaf: validity.not_before.timestamp(),
        geldig_tot: validity.not_after.timestamp(),
    })
}

/// The DER of the first certificate in a PEM text (a chain starts with its end entity).
pub fn first_der(pem: &str) -> Result<Vec<u8>, CertificateError> {
    for block in Pem::iter_from_buffer(pem.as_bytes()) {
        let block = block.map_err(|e| CertificateError::Unreadable(e.to_string()))?;
        if block.label == "CERTIFICATE" {
            return Ok(block.contents);
        }
    }
    Err(CertificateError::NoCertificate)
}

/// The OIN of the first certificate of a PEM chain.
pub fn oin_of_pem(pem: &str) -> Result<Oin, CertificateError> {
    oin_of_der(&first_der(pem)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_a_certificate_is_named_as_such() {
        assert_eq!(oin_of_pem("hello"), Err(CertificateError::NoCertificate));
        assert!(matches!(
            oin_of_pem("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"),
            Err(CertificateError::Unreadable(_))
        ));
        assert!(matches!(
            oin_of_der(b"not der"),
            Err(CertificateError::Unreadable(_))
        ));
    }
}
