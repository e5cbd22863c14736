//! The node under test: where it is, who the harness says it is, and the TLS material it uses.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use vum_spec::testdata::oins;

/// A client certificate chain and its private key, both PEM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The certificate chain, end entity first.
    pub chain_pem: String,
    /// The private key.
    pub key_pem: String,
}

/// The role of the node under test, which decides who the harness is towards it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rol {
    /// A source: the harness asks as the exchange.
    #[default]
    Bron,
    /// The exchange: the harness asks as mediators and plays the sources.
    Uitwisseling,
}

impl Rol {
    /// The role of a certification profile (`bron`, `uitwisseling`).
    pub fn of_profile(rol: &str) -> Option<Self> {
        match rol {
            "bron" => Some(Self::Bron),
            "uitwisseling" => Some(Self::Uitwisseling),
            _ => None,
        }
    }

    /// The name of the harness's own identity towards a node of this role, as features and a
    /// `vum-node dev-pki` directory name it.
    pub fn identity_name(self) -> &'static str {
        match self {
            Self::Bron => "uitwisseling",
            Self::Uitwisseling => "bemiddelaar",
        }
    }

    /// The node in a sentence: "de bron", "de uitwisselingsvoorziening".
    pub fn node(self) -> &'static str {
        match self {
            Self::Bron => "de bron",
            Self::Uitwisseling => "de uitwisselingsvoorziening",
        }
    }
}

/// The special client certificates some security scenarios need: issued by the node's trusted
/// CA, so only the vendor (or a test PKI) can supply them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpecialCert {
    /// An expired certificate.
    Verlopen,
    /// A valid certificate whose OIN does not take part.
    NietDeelnemend,
    /// A valid certificate of a participant in another role (a mediator, towards a source).
    AndereRol,
    /// A valid certificate of a second mediator, outside SUWI (towards the exchange).
    TweedeBemiddelaar,
    /// A valid certificate of the processor registered for the harness's mediator (towards the
    /// exchange).
    Verwerker,
}

impl SpecialCert {
    /// All, in the order the reports list them.
    pub const ALL: [SpecialCert; 5] = [
        Self::Verlopen,
        Self::NietDeelnemend,
        Self::AndereRol,
        Self::TweedeBemiddelaar,
        Self::Verwerker,
    ];

    /// The name a feature uses for it (`Gegeven de vraagsteller gebruikt het clientcertificaat
    /// "verlopen"`), which is also its file name in a `vum-node dev-pki` directory.
    pub fn name(self) -> &'static str {
        match self {
            Self::Verlopen => "verlopen",
            Self::NietDeelnemend => "onbekend",
            Self::AndereRol => "bemiddelaar",
            Self::TweedeBemiddelaar => "particulier",
            Self::Verwerker => "bemiddelaar-verwerker",
        }
    }

    /// The tag of the scenarios that need it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Verlopen => "certificaat-verlopen",
            Self::NietDeelnemend => "certificaat-onbekend",
            Self::AndereRol => "certificaat-bemiddelaar",
            Self::TweedeBemiddelaar => "certificaat-particulier",
            Self::Verwerker => "certificaat-verwerker",
        }
    }

    /// The command-line flag that supplies it.
    pub fn flag(self) -> &'static str {
        match self {
            Self::Verlopen => "--expired-cert",
            Self::NietDeelnemend => "--unlisted-cert",
            Self::AndereRol => "--mediator-cert",
            Self::TweedeBemiddelaar => "--second-mediator-cert",
            Self::Verwerker => "--processor-cert",
        }
    }

    /// What it is, in Dutch.
    pub fn omschrijving(self) -> &'static str {
        match self {
            Self::Verlopen => "een verlopen certificaat",
            Self::NietDeelnemend => "een geldig certificaat met een OIN dat niet deelneemt",
            Self::AndereRol => "een geldig certificaat van een bemiddelaar",
            Self::TweedeBemiddelaar => {
                "een geldig certificaat van een tweede bemiddelaar, buiten SUWI"
            }
            Self::Verwerker => {
                "een geldig certificaat van de verwerker die voor de bemiddelaar geregistreerd is"
            }
        }
    }

    /// The OIN its certificate carries in the test PKI, for the parties of its requests.
    pub fn test_oin(self) -> &'static str {
        match self {
            Self::Verlopen => oins::UITWISSELING,
            Self::NietDeelnemend => "00000099000000009000",
            Self::AndereRol => oins::BEMIDDELAAR,
            Self::TweedeBemiddelaar => oins::PARTICULIER,
            Self::Verwerker => oins::BEMIDDELAAR_VERWERKER,
        }
    }

    /// The special certificate a feature names, if it names one.
    pub fn named(name: &str) -> Option<SpecialCert> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// The TLS material of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TlsMaterial {
    /// The trust anchor for the node's server certificate; the system roots otherwise.
    pub ca_pem: Option<String>,
    /// The harness's client certificate (as the exchange).
    pub identity: Option<Identity>,
    /// The special certificates supplied for the security scenarios.
    pub special: BTreeMap<SpecialCert, Identity>,
}

impl TlsMaterial {
    /// The material of a `vum-node dev-pki` directory: `ca.pem`, the harness's own certificate for
    /// a node of `rol` (`uitwisseling.pem` towards a source, `bemiddelaar.pem` towards the
    /// exchange) and every special certificate it holds.
    pub fn from_dev_pki(dir: &Path, rol: Rol) -> std::io::Result<Self> {
        let read = |name: &str| std::fs::read_to_string(dir.join(name));
        let identity = |name: &str| -> std::io::Result<Identity> {
            Ok(Identity {
                chain_pem: read(&format!("{name}.pem"))?,
                key_pem: read(&format!("{name}.key"))?,
            })
        };
        let mut special = BTreeMap::new();
        for cert in SpecialCert::ALL {
            if let Ok(found) = identity(cert.name()) {
                special.insert(cert, found);
            }
        }
        Ok(Self {
            ca_pem: Some(read("ca.pem")?),
            identity: Some(identity(rol.identity_name())?),
            special,
        })
    }
}

/// How the harness reaches the node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Transport {
    /// `http://`: no TLS at all.
    PlainHttp,
    /// `https://` without a client certificate.
    Tls,
    /// `https://` with the harness's client certificate.
    MutualTls,
}

impl Transport {
    /// In Dutch, for the reports.
    pub fn omschrijving(self) -> &'static str {
        match self {
            Self::PlainHttp => "gewoon HTTP (geen TLS)",
            Self::Tls => "TLS zonder clientcertificaat",
            Self::MutualTls => "tweezijdig TLS",
        }
    }
}

/// The three parties the harness names in its requests (§3.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Parties {
    /// The asking controller (`X-VUM-fromParty`).
    #[serde(rename = "fromParty")]
    pub from_party: String,
    /// The source's controller (`X-VUM-toParty`).
    #[serde(rename = "toParty")]
    pub to_party: String,
    /// The source's processor (`X-VUM-viaParty`).
    #[serde(rename = "viaParty")]
    pub via_party: String,
}

impl Parties {
    /// The test OINs the harness names towards a node of `rol`: towards a source, the asking
    /// mediator (passed through by the exchange) and the source's controller and processor;
    /// towards the exchange, the mediator (its own processor) and the exchange.
    pub fn towards(rol: Rol) -> Self {
        match rol {
            Rol::Bron => Self {
                from_party: oins::BEMIDDELAAR.to_owned(),
                to_party: oins::BRON.to_owned(),
                via_party: oins::BRON_VERWERKER.to_owned(),
            },
            Rol::Uitwisseling => Self {
                from_party: oins::BEMIDDELAAR.to_owned(),
                to_party: oins::UITWISSELING.to_owned(),
                via_party: oins::BEMIDDELAAR.to_owned(),
            },
        }
    }
}

/// Where the node under test is, who the harness says it is, and how it connects.
#[derive(Clone, Debug)]
pub struct Target {
    /// Base URL of the API, e.g. `http://127.0.0.1:8080/api/v3` (no trailing slash).
    pub base_url: String,
    /// The parties of the requests.
    pub parties: Parties,
    /// TLS material.
    pub tls: TlsMaterial,
    /// Time allowed for one request.
    pub timeout: Duration,
    /// The node's role.
    pub rol: Rol,
    /// The interface version the harness asks in and judges by (`--versie`; default the newest
    /// `actief` version of the registry).
    pub versie: String,
}

impl Target {
    /// A source at `base_url`, asked as the exchange with the test OINs of the certification test
    /// set.
    pub fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            parties: Parties::towards(Rol::Bron),
            tls: TlsMaterial::default(),
            timeout: Duration::from_secs(15),
            rol: Rol::Bron,
            versie: vum_spec::VERSION.to_owned(),
        }
    }

    /// A node of `rol` at `base_url`, with the test OINs of that role's parties.
    pub fn with_rol(base_url: &str, rol: Rol) -> Self {
        Self {
            parties: Parties::towards(rol),
            rol,
            ..Self::new(base_url)
        }
    }

    /// The version of the registry the harness asks in ([`Self::versie`]).
    pub fn spec_versie(
        &self,
    ) -> Result<&'static vum_spec::versie::Versie, vum_spec::versie::VersieFout> {
        vum_spec::versie::versie(&self.versie)
    }

    /// Whether the target is reached over TLS.
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// How the harness reaches the node.
    pub fn transport(&self) -> Transport {
        match (self.is_https(), self.tls.identity.is_some()) {
            (false, _) => Transport::PlainHttp,
            (true, false) => Transport::Tls,
            (true, true) => Transport::MutualTls,
        }
    }

    /// The URL of a path below the base (`/werkzoekendeProfielen/matches`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// `host:port` of the base URL (the scheme's default port when none is given).
    pub fn authority(&self) -> Option<String> {
        let rest = self
            .base_url
            .strip_prefix("https://")
            .or_else(|| self.base_url.strip_prefix("http://"))?;
        let authority = rest.split('/').next().filter(|a| !a.is_empty())?;
        let has_port = authority
            .rsplit_once(':')
            .is_some_and(|(host, port)| !host.ends_with('[') && port.parse::<u16>().is_ok())
            && !authority.ends_with(']');
        Some(if has_port {
            authority.to_owned()
        } else {
            format!("{authority}:{}", if self.is_https() { 443 } else { 80 })
        })
    }

    /// The host name of the base URL (for TLS server-name checks).
    pub fn host(&self) -> Option<String> {
        let authority = self.authority()?;
        let (host, _) = authority.rsplit_once(':')?;
        Some(
            host.trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authority_and_transport() {
        let t = Target::new("https://localhost:8443/api/v3/");
        assert_eq!(t.base_url, "https://localhost:8443/api/v3");
        assert_eq!(t.authority().as_deref(), Some("localhost:8443"));
        assert_eq!(t.host().as_deref(), Some("localhost"));
        assert_eq!(t.transport(), Transport::Tls);
        assert_eq!(
            Target::new("http://example.invalid/api/v3")
                .authority()
                .as_deref(),
            Some("example.invalid:80")
        );
        assert_eq!(
            Target::new("http://[::1]:8080/api/v3")
                .authority()
                .as_deref(),
            Some("[::1]:8080")
        );
        assert_eq!(Target::new("ftp://x").authority(), None);
    }
}
