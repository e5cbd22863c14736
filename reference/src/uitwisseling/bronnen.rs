//! The exchange's source directory (*bronnen-adressenboek*): which sources it asks, where, as whom
//! and how long it waits.
//!
//! ```toml
//! [[bron]]
//! bronID = "bron-noord"
//! url = "https://127.0.0.1:8441/api/v3"
//! verwerkingsverantwoordelijke = "00000099000000002000"  # the source's controller (toParty)
//! verwerker = "00000099000000003000"                     # the source's processor (viaParty)
//! certificaat = "pki/uitwisseling.pem"  # the exchange's client certificate for this source
//! sleutel = "pki/uitwisseling.key"
//! ca = "pki/ca.pem"                     # trust anchor of the source's server certificate
//! deadline_ms = 5000                    # default 5000
//! ```
//!
//! Paths are relative to the directory file. `https` sources need `certificaat`, `sleutel` and
//! `ca`; `http` sources (local use only) must not have them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use vum_spec::headers::Oin;
use vum_spec::testdata::oins;

use super::vumid::BRON_ID_MAX;

/// How long the exchange waits for a source unless the directory says otherwise.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(5);

/// The client side of mutual TLS towards one source, as PEM texts.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientTls {
    /// The exchange's certificate chain.
    pub certificate_pem: String,
    /// Its private key.
    pub key_pem: String,
    /// Trust anchor for the source's server certificate.
    pub ca_pem: String,
}

impl std::fmt::Debug for ClientTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientTls(…)")
    }
}

/// One source the exchange asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aansluiting {
    /// Its id in the exchange (`bronID` in detail answers).
    pub bron_id: String,
    /// Base URL of its API, ending in `/api/v3`.
    pub url: String,
    /// Its controller: `X-VUM-toParty` of calls to it.
    pub controller_oin: Oin,
    /// Its processor: `X-VUM-viaParty` of calls to it.
    pub processor_oin: Oin,
    /// Mutual TLS, for `https` sources.
    pub tls: Option<ClientTls>,
    /// How long a call to it may take, answer included.
    pub deadline: Duration,
}

/// A directory that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BronnenError {
    /// Not readable.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Not TOML of the expected shape.
    #[error("{path}: {source}")]
    Syntax {
        /// The file.
        path: String,
        /// The cause, with line and column.
        source: toml::de::Error,
    },
    /// One entry is wrong.
    #[error("{path}: bron {index} ({bron_id}): {problem}")]
    Entry {
        /// The file.
        path: String,
        /// Position in the file (1-based).
        index: usize,
        /// Its `bronID` as written.
        bron_id: String,
        /// What is wrong.
        problem: String,
    },
    /// A `--source BRONID=URL` argument that is not of that form.
    #[error("--source {0}: expected BRONID=URL, e.g. bron-a=http://127.0.0.1:8081")]
    Argument(String),
    /// No source at all.
    #[error("the exchange has no sources: give --sources FILE or --source BRONID=URL")]
    Empty,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    bron: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[serde(rename = "bronID")]
    bron_id: String,
    url: String,
    verwerkingsverantwoordelijke: String,
    verwerker: String,
    certificaat: Option<PathBuf>,
    sleutel: Option<PathBuf>,
    ca: Option<PathBuf>,
    deadline_ms: Option<u64>,
}

/// Checks a `bronID`: 1 to [`BRON_ID_MAX`] characters of `[A-Za-z0-9_.-]`.
pub fn check_bron_id(bron_id: &str) -> Result<(), String> {
    if bron_id.is_empty()
        || bron_id.len() > BRON_ID_MAX
        || !bron_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
    {
        return Err(format!(
            "bronID must be 1 to {BRON_ID_MAX} characters of A-Z a-z 0-9 _ . -"
        ));
    }
    Ok(())
}

/// The base URL of a source's API: `http(s)://host[:port]`, with `/api/v3` appended when no path
/// is given.
pub fn base_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err(format!("url {url:?} must start with http:// or https://"));
    };
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("url {url:?} has no host"));
    }
    if reqwest::Url::parse(url).is_err() {
        return Err(format!("url {url:?} is not a URL"));
    }
    Ok(if rest.contains('/') {
        url.to_owned()
    } else {
        format!("{url}{}", vum_spec::headers::BASE_PATH)
    })
}

/// Reads the directory at `path`; certificate paths are relative to its directory.
pub fn read(path: &Path) -> Result<Vec<Aansluiting>, BronnenError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| BronnenError::Read {
        path: shown.clone(),
        source,
    })?;
    let file: File = toml::from_str(&text).map_err(|source| BronnenError::Syntax {
        path: shown.clone(),
        source,
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut bronnen: Vec<Aansluiting> = Vec::with_capacity(file.bron.len());
    for (i, entry) in file.bron.into_iter().enumerate() {
        let bron_id = entry.bron_id.clone();
        let bron = resolve(entry, dir).map_err(|problem| BronnenError::Entry {
            path: shown.clone(),
            index: i + 1,
            bron_id: bron_id.clone(),
            problem,
        })?;
        if bronnen.iter().any(|b| b.bron_id == bron.bron_id) {
            return Err(BronnenError::Entry {
                path: shown,
                index: i + 1,
                bron_id,
                problem: "this bronID is already in the directory".to_owned(),
            });
        }
        bronnen.push(bron);
    }
    if bronnen.is_empty() {
        return Err(BronnenError::Empty);
    }
    Ok(bronnen)
}

fn resolve(entry: Entry, dir: &Path) -> Result<Aansluiting, String> {
    check_bron_id(&entry.bron_id)?;
    let url = base_url(&entry.url)?;
    let oin = |field: &str, text: &str| {
        text.parse::<Oin>()
            .map_err(|e| format!("{field} {text:?}: {e}"))
    };
    let controller_oin = oin(
        "verwerkingsverantwoordelijke",
        &entry.verwerkingsverantwoordelijke,
    )?;
    let processor_oin = oin("verwerker", &entry.verwerker)?;
    let deadline = match entry.deadline_ms {
        None => DEFAULT_DEADLINE,
        Some(ms @ 1..=60_000) => Duration::from_millis(ms),
        Some(ms) => return Err(format!("deadline_ms {ms} is not between 1 and 60000")),
    };
    let read = |field: &str, file: &Path| {
        let path = dir.join(file);
        std::fs::read_to_string(&path).map_err(|e| format!("{field} {}: {e}", path.display()))
    };
    let tls = match (
        url.starts_with("https://"),
        entry.certificaat,
        entry.sleutel,
        entry.ca,
    ) {
        (true, Some(certificaat), Some(sleutel), Some(ca)) => Some(ClientTls {
            certificate_pem: read("certificaat", &certificaat)?,
            key_pem: read("sleutel", &sleutel)?,
            ca_pem: read("ca", &ca)?,
        }),
        (true, ..) => {
            return Err("an https source needs certificaat, sleutel and ca".to_owned());
        }
        (false, None, None, None) => None,
        (false, ..) => {
            return Err(
                "certificaat, sleutel and ca are for https sources; this url is http".to_owned(),
            );
        }
    };
    Ok(Aansluiting {
        bron_id: entry.bron_id,
        url,
        controller_oin,
        processor_oin,
        tls,
        deadline,
    })
}

/// A source from `--source BRONID=URL`: the test set's source OINs and the default deadline; an
/// `https` URL takes `tls` (the exchange's identity from the test PKI), an `http` one none.
pub fn from_argument(argument: &str, tls: Option<&ClientTls>) -> Result<Aansluiting, BronnenError> {
    let fail = |problem: String| BronnenError::Argument(format!("{argument}: {problem}"));
    let (bron_id, url) = argument
        .split_once('=')
        .ok_or_else(|| BronnenError::Argument(argument.to_owned()))?;
    check_bron_id(bron_id).map_err(fail)?;
    let url = base_url(url).map_err(fail)?;
    let tls = if url.starts_with("https://") {
        Some(
            tls.cloned()
                .ok_or_else(|| fail("an https source needs --tls with --pki".to_owned()))?,
        )
    } else {
        None
    };
    let oin = |text: &str| {
        text.parse::<Oin>()
            .map_err(|e| fail(format!("test OIN {text}: {e}")))
    };
    Ok(Aansluiting {
        bron_id: bron_id.to_owned(),
        url,
        controller_oin: oin(oins::BRON)?,
        processor_oin: oin(oins::BRON_VERWERKER)?,
        tls,
        deadline: DEFAULT_DEADLINE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("bronnen.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    /// A directory of this test's own (tests of one process run at the same time).
    fn temp(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("vum-bronnen-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const ENTRY: &str = "[[bron]]\nbronID = \"bron-a\"\nurl = \"http://127.0.0.1:8081\"\n\
        verwerkingsverantwoordelijke = \"00000099000000002000\"\nverwerker = \"00000099000000003000\"\n";

    #[test]
    fn a_plain_source_reads_with_defaults_and_the_api_path() {
        let dir = temp("a_plain_source_reads_with_defaults_and_the_api_path");
        let bronnen = read(&write(&dir, ENTRY)).unwrap();
        assert_eq!(bronnen.len(), 1);
        assert_eq!(bronnen[0].url, "http://127.0.0.1:8081/api/v3");
        assert_eq!(bronnen[0].deadline, DEFAULT_DEADLINE);
        assert!(bronnen[0].tls.is_none());
    }

    #[test]
    fn errors_name_the_file_the_entry_and_the_field() {
        let dir = temp("errors_name_the_file_the_entry_and_the_field");
        let cases = [
            (
                ENTRY.replace("00000099000000003000", "123"),
                "bron 1 (bron-a): verwerker \"123\"",
            ),
            (
                format!("{ENTRY}{ENTRY}"),
                "bron 2 (bron-a): this bronID is already",
            ),
            (
                ENTRY.replace("bron-a", "bron a"),
                "bron 1 (bron a): bronID must be",
            ),
            (
                ENTRY.replace("http://", "ftp://"),
                "must start with http:// or https://",
            ),
            (
                ENTRY.replace("http://", "https://"),
                "an https source needs certificaat",
            ),
            (
                format!("{ENTRY}deadline_ms = 0\n"),
                "deadline_ms 0 is not between",
            ),
            (
                format!("{ENTRY}certificaat = \"x.pem\"\n"),
                "certificaat, sleutel and ca are for https sources",
            ),
            (format!("{ENTRY}kleur = 1\n"), "unknown field `kleur`"),
            (String::new(), "the exchange has no sources"),
        ];
        for (text, expected) in cases {
            let err = read(&write(&dir, &text)).unwrap_err().to_string();
            assert!(err.contains(expected), "{expected:?} not in {err:?}");
        }
        let https = ENTRY.replace("http://", "https://")
            + "certificaat = \"nope.pem\"\nsleutel = \"nope.key\"\nca = \"ca.pem\"\n";
        let err = read(&write(&dir, &https)).unwrap_err().to_string();
        assert!(
            err.contains("certificaat") && err.contains("nope.pem"),
            "{err}"
        );
    }

    #[test]
    fn source_arguments_are_bronid_equals_url() {
        let bron = from_argument("bron-b=http://[::1]:9000/", None).unwrap();
        assert_eq!(
            (bron.bron_id.as_str(), bron.url.as_str()),
            ("bron-b", "http://[::1]:9000/api/v3")
        );
        assert!(from_argument("bron-b", None).is_err());
        assert!(from_argument("bron-b=https://127.0.0.1:1", None).is_err());
        assert!(from_argument("=http://127.0.0.1:1", None).is_err());
    }
}
