//! The node under test and how to reach it.

use std::path::PathBuf;
use std::time::Duration;

use vum_spec::testdata::oins;

/// Where the node under test is, who the harness says it is, and how it connects.
#[derive(Clone, Debug)]
pub struct Target {
    /// Base URL of the API, e.g. `http://127.0.0.1:8080/api/v3` (no trailing slash).
    pub base_url: String,
    /// The asking controller (`X-VUM-fromParty`).
    pub from_party: String,
    /// The source's controller (`X-VUM-toParty`).
    pub to_party: String,
    /// The source's processor (`X-VUM-viaParty`).
    pub via_party: String,
    /// The client certificate chain and key (PEM) for mutual TLS.
    pub identity: Option<(String, String)>,
    /// The trust anchor for the node's server certificate (PEM); the system roots otherwise.
    pub ca_pem: Option<String>,
    /// A directory written by `vum-node dev-pki`, for the security scenarios.
    pub pki: Option<PathBuf>,
    /// Time allowed for one request.
    pub timeout: Duration,
}

impl Target {
    /// A target at `base_url` with the test OINs of the certification test set.
    pub fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            from_party: oins::BEMIDDELAAR.to_owned(),
            to_party: oins::BRON.to_owned(),
            via_party: oins::BRON_VERWERKER.to_owned(),
            identity: None,
            ca_pem: None,
            pki: None,
            timeout: Duration::from_secs(15),
        }
    }

    /// Whether the target is reached over TLS.
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// The URL of a path below the base (`/werkzoekendeProfielen/matches`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}
