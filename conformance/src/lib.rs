//! The VUM conformance harness: the connection conditions (*aansluitvoorwaarden*) of interface
//! 3.0.0 as Dutch Gherkin features, run against any VUM source, with a verdict per scenario and
//! per requirement and reports a vendor and the programme office can act on.
//!
//! This library depends on `vum-spec` only, never on a node implementation.

pub mod checks;
pub mod collector;
pub mod exchange;
pub mod features;
pub mod report;
pub mod run;
mod steps;
pub mod target;
pub mod verdict;
pub mod world;

pub use run::{RunOptions, RunResult, run};
pub use target::Target;

/// The current UTC time, RFC 3339.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The OIN in the subject `serialNumber` of the first certificate of a PEM chain.
pub fn identity_oin(chain_pem: &str) -> Result<String, String> {
    let start = chain_pem
        .find("-----BEGIN CERTIFICATE-----")
        .ok_or("geen certificaat in het PEM-bestand")?;
    let block = &chain_pem[start..];
    let end = block
        .find("-----END CERTIFICATE-----")
        .ok_or("onvolledig certificaat in het PEM-bestand")?;
    let base64: String = block["-----BEGIN CERTIFICATE-----".len()..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let der = decode_base64(&base64).ok_or("het certificaat is geen geldige base64")?;
    let (_, certificate) = x509_parser::parse_x509_certificate(&der)
        .map_err(|e| format!("onleesbaar certificaat: {e}"))?;
    let serial = certificate
        .subject()
        .iter_by_oid(&x509_parser::oid_registry::OID_X509_SERIALNUMBER)
        .next()
        .ok_or("het certificaat heeft geen serialNumber (OIN) in het subject")?;
    let text = serial
        .as_str()
        .map_err(|_| "serialNumber is geen tekst".to_owned())?;
    text.parse::<vum_spec::headers::Oin>()
        .map(|o| o.to_string())
        .map_err(|e| format!("serialNumber is geen geldig OIN: {e}"))
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let bytes: Vec<u8> = text.bytes().filter(|b| *b != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let produced = chunk.len() * 6 / 8;
        for i in 0..produced {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}
