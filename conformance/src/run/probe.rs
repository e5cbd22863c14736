//! Raw transport probes below HTTP: which protocol a port speaks, and whether it accepts a TLS
//! version it must refuse. The harness's HTTP client (rustls) cannot offer TLS 1.0 or 1.1, so the
//! old-version probe writes its own ClientHello.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What a port answered to a TLS ClientHello.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hello {
    /// A ServerHello for this protocol version (`0x0301` is TLS 1.0).
    Accepted(u16),
    /// A TLS alert, or the connection closed: refused.
    Refused,
    /// An HTTP answer: the port speaks plain HTTP.
    PlainHttp,
    /// Nothing within the time allowed, or something else entirely.
    Unclear,
}

/// A TLS protocol version in words.
pub fn version_name(version: u16) -> &'static str {
    match version {
        0x0300 => "SSL 3.0",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        _ => "een onbekende TLS-versie",
    }
}

/// What a port answered, in words (the evidence of the old-version scenario).
pub fn describe(answer: Hello) -> String {
    match answer {
        Hello::Accepted(version) => format!("ServerHello voor {}", version_name(version)),
        Hello::Refused => "geweigerd (TLS-alert of verbinding gesloten)".to_owned(),
        Hello::PlainHttp => "een HTTP-antwoord: de poort spreekt gewoon HTTP".to_owned(),
        Hello::Unclear => "geen duidelijk antwoord".to_owned(),
    }
}

/// A ClientHello offering `version` (as legacy TLS 1.0–1.2 clients write it) with the usual
/// ECDHE and RSA suites of that era, for `host`.
pub fn client_hello(version: u16, host: &str) -> Vec<u8> {
    let suites: [u16; 10] = [
        0xc02b, 0xc02f, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c, 0x002f, 0x0035, 0x000a,
    ];
    let mut extensions = Vec::new();
    let mut extension = |kind: u16, body: &[u8]| {
        extensions.extend_from_slice(&kind.to_be_bytes());
        extensions.extend_from_slice(&(body.len() as u16).to_be_bytes());
        extensions.extend_from_slice(body);
    };
    if !host.is_empty() && host.parse::<std::net::IpAddr>().is_err() {
        let name = host.as_bytes();
        let mut sni = Vec::new();
        sni.extend_from_slice(&((name.len() + 3) as u16).to_be_bytes());
        sni.push(0);
        sni.extend_from_slice(&(name.len() as u16).to_be_bytes());
        sni.extend_from_slice(name);
        extension(0x0000, &sni);
    }
    extension(0x000a, &[0x00, 0x06, 0x00, 0x1d, 0x00, 0x17, 0x00, 0x18]);
    extension(0x000b, &[0x01, 0x00]);
    extension(
        0x000d,
        &[0x00, 0x08, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x02, 0x01],
    );
    let mut hello = Vec::new();
    hello.extend_from_slice(&version.to_be_bytes());
    hello.extend((0u8..32).map(|i| i.wrapping_mul(37).wrapping_add(11)));
    hello.push(0);
    hello.extend_from_slice(&((suites.len() * 2) as u16).to_be_bytes());
    for suite in suites {
        hello.extend_from_slice(&suite.to_be_bytes());
    }
    hello.extend_from_slice(&[0x01, 0x00]);
    hello.extend_from_slice(&(extensions.len() as u16).to_be_bytes());
    hello.extend_from_slice(&extensions);
    let mut handshake = vec![0x01];
    handshake.extend_from_slice(&(hello.len() as u32).to_be_bytes()[1..]);
    handshake.extend_from_slice(&hello);
    let mut record = vec![0x16, 0x03, 0x01];
    record.extend_from_slice(&(handshake.len() as u16).to_be_bytes());
    record.extend_from_slice(&handshake);
    record
}

/// Reads the answer to a ClientHello.
pub fn read_hello(answer: &[u8]) -> Hello {
    match answer {
        [] => Hello::Refused,
        [b'H', b'T', b'T', b'P', ..] => Hello::PlainHttp,
        [0x15, ..] => Hello::Refused,
        [0x16, _, _, _, _, 0x02, _, _, _, major, minor, ..] => {
            Hello::Accepted(u16::from_be_bytes([*major, *minor]))
        }
        _ => Hello::Unclear,
    }
}

async fn exchange(address: &str, bytes: &[u8], timeout: Duration) -> Option<Vec<u8>> {
    let work = async {
        let mut stream = TcpStream::connect(address).await.ok()?;
        stream.write_all(bytes).await.ok()?;
        let mut answer = vec![0u8; 64];
        let mut read = 0;
        while read < 11 {
            match stream.read(&mut answer[read..]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => read += n,
            }
        }
        answer.truncate(read);
        Some(answer)
    };
    tokio::time::timeout(timeout, work).await.ok().flatten()
}

/// Offers `version` to `address` and reads what comes back.
pub async fn hello(address: &str, host: &str, version: u16, timeout: Duration) -> Hello {
    match exchange(address, &client_hello(version, host), timeout).await {
        Some(answer) => read_hello(&answer),
        None => Hello::Unclear,
    }
}

/// Whether `address` answers a plain HTTP request with HTTP.
pub async fn speaks_http(address: &str, timeout: Duration) -> bool {
    let request =
        b"GET /api/v3/openapi.json HTTP/1.1\r\nHost: vum-conformance\r\nConnection: close\r\n\r\n";
    exchange(address, request, timeout)
        .await
        .is_some_and(|answer| answer.starts_with(b"HTTP/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_hello_is_one_well_formed_record() {
        let record = client_hello(0x0301, "localhost");
        assert_eq!(record[0], 0x16);
        let length = usize::from(u16::from_be_bytes([record[3], record[4]]));
        assert_eq!(record.len(), 5 + length);
        assert_eq!(record[5], 0x01);
        assert_eq!(&record[9..11], &[0x03, 0x01]);
    }

    #[test]
    fn answers_are_read_by_their_first_bytes() {
        assert_eq!(read_hello(b"HTTP/1.1 400 Bad Request"), Hello::PlainHttp);
        assert_eq!(
            read_hello(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]),
            Hello::Refused
        );
        assert_eq!(read_hello(&[]), Hello::Refused);
        assert_eq!(
            read_hello(&[
                0x16, 0x03, 0x01, 0x00, 0x40, 0x02, 0x00, 0x00, 0x3c, 0x03, 0x01, 0x00
            ]),
            Hello::Accepted(0x0301)
        );
    }
}
