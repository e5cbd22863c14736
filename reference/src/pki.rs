//! A test PKI for local runs and tests (`vum-node dev-pki DIR`): a root, an intermediate, a server
//! certificate for `localhost`, and client certificates whose subject `serialNumber` carries a
//! test OIN: a valid one per party, one expired, one from a foreign CA, one not in the
//! participants list. Never for production: the keys are written unprotected.

use std::path::Path;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose, SanType,
};
use time::{Duration, OffsetDateTime};
use vum_spec::testdata::oins;

/// An OIN no participants list contains.
pub const ONBEKEND_OIN: &str = "00000099000000009000";

/// A certificate with its private key, both PEM (the certificate followed by its issuer chain).
#[derive(Clone, Debug)]
pub struct Identity {
    /// File stem (`uitwisseling` → `uitwisseling.pem`, `uitwisseling.key`).
    pub name: &'static str,
    /// Certificate chain, PEM.
    pub chain_pem: String,
    /// Private key, PKCS#8 PEM.
    pub key_pem: String,
}

/// A generated PKI.
#[derive(Clone, Debug)]
pub struct DevPki {
    /// The trust anchor (root), PEM.
    pub ca_pem: String,
    /// The root of the foreign CA, PEM.
    pub foreign_ca_pem: String,
    /// The source's server identity (`localhost`, 127.0.0.1, ::1; the source's processor's OIN).
    pub server: Identity,
    /// The exchange's server identity (the same names; the exchange's OIN).
    pub exchange_server: Identity,
    /// Client identities: `uitwisseling`, `bemiddelaar`, `bemiddelaar-verwerker`, `particulier`,
    /// `onbekend`, `verlopen`, `vreemd`.
    pub clients: Vec<Identity>,
    /// The participants file matching the identities.
    pub participants_toml: String,
}

/// A PKI that could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// Certificate generation failed.
    #[error("generating certificates: {0}")]
    Generate(#[from] rcgen::Error),
    /// Writing a file failed.
    #[error("writing {path}: {source}")]
    Write {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

fn name(
    common: &str,
    organisation: &str,
    oin: Option<&str>,
) -> Result<DistinguishedName, rcgen::Error> {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common);
    dn.push(DnType::OrganizationName, organisation);
    dn.push(DnType::CountryName, "NL");
    if let Some(oin) = oin {
        dn.push(
            DnType::CustomDnType(vec![2, 5, 4, 5]),
            DnValue::PrintableString(oin.try_into()?),
        );
    }
    Ok(dn)
}

fn ca_params(common: &str, days: i64) -> Result<CertificateParams, rcgen::Error> {
    let mut params = CertificateParams::default();
    params.distinguished_name = name(common, "VUM testomgeving", None)?;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::days(1);
    params.not_after = now + Duration::days(days);
    Ok(params)
}

fn leaf<S: rcgen::SigningKey>(
    file: &'static str,
    mut params: CertificateParams,
    issuer: &CertifiedIssuer<'_, S>,
    chain: &str,
) -> Result<Identity, rcgen::Error> {
    let key = KeyPair::generate()?;
    params.use_authority_key_identifier_extension = true;
    let certificate = params.signed_by(&key, issuer)?;
    Ok(Identity {
        name: file,
        chain_pem: format!("{}{chain}", certificate.pem()),
        key_pem: key.serialize_pem(),
    })
}

fn client_params(
    common: &str,
    organisation: &str,
    oin: &str,
    valid: (i64, i64),
) -> Result<CertificateParams, rcgen::Error> {
    let mut params = CertificateParams::default();
    params.distinguished_name = name(common, organisation, Some(oin))?;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let now = OffsetDateTime::now_utc();
    params.not_before = now + Duration::days(valid.0);
    params.not_after = now + Duration::days(valid.1);
    Ok(params)
}

impl DevPki {
    /// Generates a fresh PKI.
    pub fn generate() -> Result<Self, PkiError> {
        let root = CertifiedIssuer::self_signed(
            ca_params("VUM Test Root CA", 3650)?,
            KeyPair::generate()?,
        )?;
        let intermediate = CertifiedIssuer::signed_by(
            ca_params("VUM Test Intermediate CA", 1825)?,
            KeyPair::generate()?,
            &root,
        )?;
        let foreign = CertifiedIssuer::self_signed(
            ca_params("Vreemde Test CA", 3650)?,
            KeyPair::generate()?,
        )?;
        let chain = intermediate.pem();

        let mut server = CertificateParams::new(vec!["localhost".to_owned()])?;
        server
            .subject_alt_names
            .push(SanType::IpAddress([127, 0, 0, 1].into()));
        server
            .subject_alt_names
            .push(SanType::IpAddress(std::net::Ipv6Addr::LOCALHOST.into()));
        server.distinguished_name = name(
            "localhost",
            "VUM referentiebron",
            Some(oins::BRON_VERWERKER),
        )?;
        server.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let mut exchange_server = server.clone();
        let server = leaf("server", server, &intermediate, &chain)?;
        exchange_server.distinguished_name = name(
            "localhost",
            "VUM referentie-uitwisselingsvoorziening",
            Some(oins::UITWISSELING),
        )?;
        let exchange_server = leaf(
            "uitwisseling-server",
            exchange_server,
            &intermediate,
            &chain,
        )?;

        let clients = vec![
            leaf(
                "uitwisseling",
                client_params(
                    "Uitwisselingsvoorziening",
                    "Inlichtingenbureau (test)",
                    oins::UITWISSELING,
                    (-1, 365),
                )?,
                &intermediate,
                &chain,
            )?,
            leaf(
                "bemiddelaar",
                client_params(
                    "Bemiddelaar",
                    "Gemeente Testdorp",
                    oins::BEMIDDELAAR,
                    (-1, 365),
                )?,
                &intermediate,
                &chain,
            )?,
            leaf(
                "bemiddelaar-verwerker",
                client_params(
                    "Verwerker",
                    "Testdorp ICT (verwerker)",
                    oins::BEMIDDELAAR_VERWERKER,
                    (-1, 365),
                )?,
                &intermediate,
                &chain,
            )?,
            leaf(
                "particulier",
                client_params(
                    "Bemiddelaar",
                    "Particulier Bemiddelingsbureau (test)",
                    oins::PARTICULIER,
                    (-1, 365),
                )?,
                &intermediate,
                &chain,
            )?,
            leaf(
                "onbekend",
                client_params("Onbekende partij", "Onbekend B.V.", ONBEKEND_OIN, (-1, 365))?,
                &intermediate,
                &chain,
            )?,
            leaf(
                "verlopen",
                client_params(
                    "Uitwisselingsvoorziening",
                    "Inlichtingenbureau (test)",
                    oins::UITWISSELING,
                    (-60, -30),
                )?,
                &intermediate,
                &chain,
            )?,
            leaf(
                "vreemd",
                client_params(
                    "Uitwisselingsvoorziening",
                    "Inlichtingenbureau (test)",
                    oins::UITWISSELING,
                    (-1, 365),
                )?,
                &foreign,
                "",
            )?,
        ];
        let participants_toml = crate::server::deelnemers::test_participants_toml();
        Ok(Self {
            ca_pem: root.pem(),
            foreign_ca_pem: foreign.pem(),
            server,
            exchange_server,
            clients,
            participants_toml,
        })
    }

    /// TLS settings for a node that serves with this PKI's server certificate and trusts its root.
    pub fn server_settings(
        &self,
    ) -> Result<crate::server::tls::TlsSettings, crate::server::tls::TlsError> {
        crate::server::tls::TlsSettings::from_pem(
            &self.server.chain_pem,
            &self.server.key_pem,
            &self.ca_pem,
        )
    }

    /// TLS settings for an exchange that serves with this PKI's exchange server certificate.
    pub fn exchange_server_settings(
        &self,
    ) -> Result<crate::server::tls::TlsSettings, crate::server::tls::TlsError> {
        crate::server::tls::TlsSettings::from_pem(
            &self.exchange_server.chain_pem,
            &self.exchange_server.key_pem,
            &self.ca_pem,
        )
    }

    /// A client identity by name.
    pub fn client(&self, name: &str) -> Option<&Identity> {
        self.clients.iter().find(|c| c.name == name)
    }

    /// Writes the PKI into `dir` (created if needed): `ca.pem`, `vreemde-ca.pem`,
    /// `server.pem`/`.key`, `<client>.pem`/`.key`, `deelnemers.toml` and a README.
    pub fn write(&self, dir: &Path) -> Result<Vec<String>, PkiError> {
        let write = |file: &str, text: &str| {
            let path = dir.join(file);
            std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(&path, text))
                .map_err(|source| PkiError::Write {
                    path: path.display().to_string(),
                    source,
                })
                .map(|()| file.to_owned())
        };
        let mut written = vec![
            write("ca.pem", &self.ca_pem)?,
            write("vreemde-ca.pem", &self.foreign_ca_pem)?,
        ];
        for identity in [&self.server, &self.exchange_server]
            .into_iter()
            .chain(&self.clients)
        {
            written.push(write(
                &format!("{}.pem", identity.name),
                &identity.chain_pem,
            )?);
            written.push(write(&format!("{}.key", identity.name), &identity.key_pem)?);
        }
        written.push(write("deelnemers.toml", &self.participants_toml)?);
        written.push(write("README.txt", README)?);
        Ok(written)
    }
}

const README: &str = "Test PKI of the VUM reference node (vum-node dev-pki). For tests only.\n\n\
ca.pem              trust anchor (root); the node trusts it with --tls\n\
server.pem/.key     the source's server certificate for localhost, 127.0.0.1 and ::1 (OIN 00000099000000003000)\n\
uitwisseling-server the exchange's server certificate for the same names (OIN 00000099000000001000)\n\
uitwisseling        client certificate of the exchange (OIN 00000099000000001000): served\n\
bemiddelaar         a SUWI mediator (OIN 00000099000000004000): served by the exchange role, 401 at a source\n\
bemiddelaar-verwerker its processor (OIN 00000099000000005000), registered to act for it\n\
particulier         a mediator outside SUWI (OIN 00000099000000006000)\n\
onbekend            OIN 00000099000000009000, not in deelnemers.toml: 401\n\
verlopen            the exchange's OIN, expired: 401\n\
vreemd              the exchange's OIN, issued by a foreign CA (vreemde-ca.pem): 401\n\
deelnemers.toml     participants: OIN, name, role, SUWI flag\n";
