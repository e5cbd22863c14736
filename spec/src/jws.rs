//! Signing with Ed25519 as a JWS in compact serialisation (RFC 7515, `alg` `EdDSA` of RFC 8037):
//! the programme's keys (PKCS#8 and SPKI PEM), the certificates of the conformance harness and the
//! signed publication of a version both use it.
//!
//! Built on `ring` (already the one crypto provider of the workspace, through rustls) and `base64`:
//! compact serialisation is three base64url parts joined by dots, so no JOSE crate is needed for
//! it, and no second crypto stack enters the build.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::rand::SystemRandom;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair as _, UnparsedPublicKey};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The DER prefix of an Ed25519 `SubjectPublicKeyInfo` (RFC 8410): the 32 key bytes follow.
const SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];

/// A key or signature that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JwsError {
    /// The PEM text is not what it should be.
    #[error("{0}")]
    Pem(String),
    /// The key material is not an Ed25519 key.
    #[error("geen Ed25519-sleutel: {0}")]
    Key(String),
    /// Not three base64url parts, or a part that does not decode.
    #[error("geen JWS in compacte vorm: {0}")]
    Form(String),
    /// The header does not say EdDSA.
    #[error("de JWS is niet met EdDSA ondertekend (alg {0})")]
    Algorithm(String),
    /// The signature does not verify with this key.
    #[error("de handtekening klopt niet met deze publieke sleutel")]
    Signature,
    /// Randomness or signing failed.
    #[error("ondertekenen mislukt")]
    Crypto,
}

fn pem(label: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn unpem(label: &str, text: &str) -> Result<Vec<u8>, JwsError> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text
        .find(&begin)
        .ok_or_else(|| JwsError::Pem(format!("geen blok '{begin}' gevonden")))?
        + begin.len();
    let stop = text[start..]
        .find(&end)
        .ok_or_else(|| JwsError::Pem(format!("het blok sluit niet af met '{end}'")))?
        + start;
    let body: String = text[start..stop]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD
        .decode(body)
        .map_err(|_| JwsError::Pem(format!("de inhoud van '{begin}' is geen base64")))
}

/// The id of a public key: the first 16 hex digits of the SHA-256 of its SPKI.
fn key_id(public: &[u8]) -> String {
    let mut spki = SPKI_PREFIX.to_vec();
    spki.extend_from_slice(public);
    Sha256::digest(&spki)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A private key that signs.
#[derive(Debug)]
pub struct SigningKey {
    pair: Ed25519KeyPair,
}

impl SigningKey {
    /// A new key pair: (`private.pem` as PKCS#8, `public.pem` as SPKI).
    pub fn generate() -> Result<(String, String), JwsError> {
        let document =
            Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).map_err(|_| JwsError::Crypto)?;
        let key = Self::from_pkcs8(document.as_ref())?;
        Ok((pem("PRIVATE KEY", document.as_ref()), key.public_pem()))
    }

    fn from_pkcs8(der: &[u8]) -> Result<Self, JwsError> {
        Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
            .map(|pair| Self { pair })
            .map_err(|e| JwsError::Key(e.to_string()))
    }

    /// From a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub fn from_pem(text: &str) -> Result<Self, JwsError> {
        Self::from_pkcs8(&unpem("PRIVATE KEY", text)?)
    }

    /// The public key as SPKI PEM.
    pub fn public_pem(&self) -> String {
        let mut spki = SPKI_PREFIX.to_vec();
        spki.extend_from_slice(self.pair.public_key().as_ref());
        pem("PUBLIC KEY", &spki)
    }

    /// The id of its public key (see [`VerifyingKey::key_id`]).
    pub fn key_id(&self) -> String {
        key_id(self.pair.public_key().as_ref())
    }

    /// Signs `payload` with `header` (to which `alg` `EdDSA` and `kid` are added): the compact JWS.
    pub fn sign(&self, mut header: serde_json::Map<String, Value>, payload: &[u8]) -> String {
        header.insert("alg".to_owned(), Value::from("EdDSA"));
        header.insert("kid".to_owned(), Value::from(self.key_id()));
        let header = URL_SAFE_NO_PAD.encode(Value::Object(header).to_string());
        let payload = URL_SAFE_NO_PAD.encode(payload);
        let input = format!("{header}.{payload}");
        let signature = self.pair.sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
    }
}

/// A public key that verifies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyingKey {
    public: Vec<u8>,
}

/// A verified JWS: its header and payload.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    /// The protected header.
    pub header: Value,
    /// The payload bytes.
    pub payload: Vec<u8>,
}

impl VerifyingKey {
    /// From an SPKI PEM (`-----BEGIN PUBLIC KEY-----`) of an Ed25519 key.
    pub fn from_pem(text: &str) -> Result<Self, JwsError> {
        let der = unpem("PUBLIC KEY", text)?;
        match der.strip_prefix(&SPKI_PREFIX[..]) {
            Some(public) if public.len() == 32 => Ok(Self {
                public: public.to_vec(),
            }),
            _ => Err(JwsError::Key(
                "de publieke sleutel is geen Ed25519-sleutel (SPKI)".to_owned(),
            )),
        }
    }

    /// Its id: the first 16 hex digits of the SHA-256 of its SPKI.
    pub fn key_id(&self) -> String {
        key_id(&self.public)
    }

    /// Checks a compact JWS: form, `alg` `EdDSA`, signature.
    pub fn verify(&self, jws: &str) -> Result<Verified, JwsError> {
        let parts: Vec<&str> = jws.trim().split('.').collect();
        let [header, payload, signature] = parts[..] else {
            return Err(JwsError::Form(format!(
                "{} delen in plaats van drie",
                parts.len()
            )));
        };
        let decode = |what: &str, part: &str| {
            URL_SAFE_NO_PAD
                .decode(part)
                .map_err(|_| JwsError::Form(format!("{what} is geen base64url")))
        };
        let header_bytes = decode("de header", header)?;
        let header_value: Value = serde_json::from_slice(&header_bytes)
            .map_err(|_| JwsError::Form("de header is geen JSON".to_owned()))?;
        let alg = header_value
            .get("alg")
            .and_then(Value::as_str)
            .unwrap_or("afwezig");
        if alg != "EdDSA" {
            return Err(JwsError::Algorithm(alg.to_owned()));
        }
        let signature = decode("de handtekening", signature)?;
        UnparsedPublicKey::new(&ED25519, &self.public)
            .verify(format!("{header}.{payload}").as_bytes(), &signature)
            .map_err(|_| JwsError::Signature)?;
        Ok(Verified {
            header: header_value,
            payload: decode("de inhoud", payload)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_with_its_key_only_and_any_flipped_byte_breaks_it() {
        let (private, public) = SigningKey::generate().unwrap();
        let key = SigningKey::from_pem(&private).unwrap();
        assert_eq!(key.public_pem(), public);
        let verifying = VerifyingKey::from_pem(&public).unwrap();
        assert_eq!(verifying.key_id(), key.key_id());
        let mut header = serde_json::Map::new();
        header.insert("typ".into(), Value::from("test"));
        let jws = key.sign(header, b"{\"a\":1}");
        let verified = verifying.verify(&jws).unwrap();
        assert_eq!(verified.payload, b"{\"a\":1}");
        assert_eq!(verified.header["alg"], "EdDSA");
        for i in 0..jws.len() {
            let mut bytes = jws.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            if let Ok(flipped) = String::from_utf8(bytes)
                && flipped != jws
            {
                assert!(verifying.verify(&flipped).is_err(), "byte {i}");
            }
        }
        let (_, other) = SigningKey::generate().unwrap();
        assert_eq!(
            VerifyingKey::from_pem(&other).unwrap().verify(&jws),
            Err(JwsError::Signature)
        );
        assert!(VerifyingKey::from_pem("geen sleutel").is_err());
        assert!(SigningKey::from_pem(&public).is_err());
    }
}
