//! The region file (`REGIO.toml`): the labour-market region and its participants, with the TLS
//! material, certificate and score card of each, all read and checked before anything is sent.
//!
//! ```toml
//! regio = "Groot Amsterdam"            # one of the 35, as CBS spells it
//! publieke_sleutel = "programma.pem"   # the issuer's key that certificaat.jws files are checked with
//!
//! [[deelnemer]]
//! naam = "Gemeente Amsterdam"
//! gemeente = "GM0363"                  # CBS gemeentecode; absent for an agency such as UWV
//! rol = "bron"                         # bron | uitwisseling | bemiddelaar
//! url = "https://bron.amsterdam.example/api/v3"   # absent: listed, not connected yet
//! omgeving = "acceptatie"              # acceptatie | productie (required with url)
//! # optional: profiel (bron, bron-werkzoekenden, bron-vacatures), from_party, to_party, via_party,
//! # ca, client_cert, client_key, pki (a vum-node dev-pki directory), expired_cert,
//! # unlisted_cert, mediator_cert (chain and key in one PEM file), verklaringen (TOML),
//! # certificaat (a certificaat.jws), kwaliteit (a score card JSON)
//! ```
//!
//! Paths are relative to the region file. Every error names the file, the line and the field.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;
use vum_spec::arbeidsmarktregio::{self, Arbeidsmarktregio, Gemeente};
use vum_spec::headers::Oin;
use vum_spec::jws::VerifyingKey;
use vum_spec::profielen::Profiel;
use vum_spec::testdata::oins;

use super::kwaliteitskaart::Kwaliteit;
use crate::target::{Identity, Parties, SpecialCert, Target, TlsMaterial};
use crate::verklaringen::Verklaringen;

/// The role a participant takes in VUM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rol {
    /// A source of job seekers or vacancies (a municipality, UWV).
    Bron,
    /// The exchange.
    Uitwisseling,
    /// A mediator.
    Bemiddelaar,
}

impl Rol {
    /// The word in the region file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bron => "bron",
            Self::Uitwisseling => "uitwisseling",
            Self::Bemiddelaar => "bemiddelaar",
        }
    }
}

/// Where an endpoint runs: acceptance endpoints hold the certification test set, production
/// endpoints hold real people and only get production-safe probes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Omgeving {
    /// An acceptance environment.
    Acceptatie,
    /// Production.
    Productie,
}

impl Omgeving {
    /// The word in the region file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Acceptatie => "acceptatie",
            Self::Productie => "productie",
        }
    }
}

/// One participant as the region file lists it, with everything it names read.
#[derive(Clone, Debug)]
pub struct Deelnemer {
    /// Its name, unique in the file.
    pub naam: String,
    /// The municipality it serves, if it is one.
    pub gemeente: Option<Gemeente>,
    /// Its role.
    pub rol: Rol,
    /// The base URL of its API; `None`: not connected yet.
    pub url: Option<String>,
    /// Its environment (set when `url` is).
    pub omgeving: Option<Omgeving>,
    /// The certification profile (default `bron`).
    pub profiel: Profiel,
    /// The parties of the requests.
    pub parties: Parties,
    /// TLS material.
    pub tls: TlsMaterial,
    /// Declarations for an acceptance run.
    pub verklaringen: Option<Verklaringen>,
    /// Its certificate (`certificaat.jws`), as text.
    pub certificaat: Option<String>,
    /// Its data-quality score card.
    pub kwaliteit: Option<Kwaliteit>,
    /// The line of its `[[deelnemer]]` in the region file.
    pub regel: usize,
}

impl Deelnemer {
    /// The node to probe, when it has a URL.
    pub fn target(&self, timeout: std::time::Duration) -> Option<Target> {
        let url = self.url.as_deref()?;
        let mut target = Target::new(url);
        target.parties = self.parties.clone();
        target.tls = self.tls.clone();
        target.timeout = timeout;
        Some(target)
    }
}

/// A region file, read and checked.
#[derive(Clone, Debug)]
pub struct Regiobestand {
    /// The file as named on the command line.
    pub bestand: String,
    /// The region.
    pub regio: &'static Arbeidsmarktregio,
    /// The key certificates are checked with.
    pub publieke_sleutel: Option<VerifyingKey>,
    /// The participants, in file order.
    pub deelnemers: Vec<Deelnemer>,
}

/// What is wrong with a region file: the file, line and field, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{bestand}{}: {melding}", plaats(*.regel, .veld.as_deref()))]
pub struct RegioFout {
    /// The file.
    pub bestand: String,
    /// The line, from 1, when known.
    pub regel: Option<usize>,
    /// The field, when one is at fault.
    pub veld: Option<String>,
    /// What is wrong, in Dutch.
    pub melding: String,
}

fn plaats(regel: Option<usize>, veld: Option<&str>) -> String {
    match (regel, veld) {
        (Some(r), Some(v)) => format!(" regel {r}, veld {v}"),
        (Some(r), None) => format!(" regel {r}"),
        (None, Some(v)) => format!(", veld {v}"),
        (None, None) => String::new(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    regio: Spanned<String>,
    #[serde(default)]
    publieke_sleutel: Option<Spanned<String>>,
    #[serde(default)]
    deelnemer: Vec<Spanned<RawDeelnemer>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeelnemer {
    naam: Spanned<String>,
    #[serde(default)]
    gemeente: Option<Spanned<String>>,
    rol: Spanned<String>,
    #[serde(default)]
    url: Option<Spanned<String>>,
    #[serde(default)]
    omgeving: Option<Spanned<String>>,
    #[serde(default)]
    profiel: Option<Spanned<String>>,
    #[serde(default)]
    from_party: Option<Spanned<String>>,
    #[serde(default)]
    to_party: Option<Spanned<String>>,
    #[serde(default)]
    via_party: Option<Spanned<String>>,
    #[serde(default)]
    ca: Option<Spanned<String>>,
    #[serde(default)]
    client_cert: Option<Spanned<String>>,
    #[serde(default)]
    client_key: Option<Spanned<String>>,
    #[serde(default)]
    pki: Option<Spanned<String>>,
    #[serde(default)]
    expired_cert: Option<Spanned<String>>,
    #[serde(default)]
    unlisted_cert: Option<Spanned<String>>,
    #[serde(default)]
    mediator_cert: Option<Spanned<String>>,
    #[serde(default)]
    verklaringen: Option<Spanned<String>>,
    #[serde(default)]
    certificaat: Option<Spanned<String>>,
    #[serde(default)]
    kwaliteit: Option<Spanned<String>>,
}

/// Reading one file: its name, its text (for line numbers) and the directory paths are
/// relative to.
struct Lezer<'a> {
    bestand: &'a str,
    text: &'a str,
    basis: &'a Path,
}

impl Lezer<'_> {
    fn regel(&self, span: Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text[..end].bytes().filter(|b| *b == b'\n').count() + 1
    }

    fn fout(&self, span: Range<usize>, veld: &str, melding: impl Into<String>) -> RegioFout {
        RegioFout {
            bestand: self.bestand.to_owned(),
            regel: Some(self.regel(span)),
            veld: Some(veld.to_owned()),
            melding: melding.into(),
        }
    }

    /// A file named by a field, read as text.
    fn lees(&self, veld: &str, pad: &Spanned<String>) -> Result<(PathBuf, String), RegioFout> {
        let path = self.basis.join(pad.get_ref());
        let text = std::fs::read_to_string(&path).map_err(|e| {
            self.fout(
                pad.span(),
                veld,
                format!("{} kan niet gelezen worden ({e})", path.display()),
            )
        })?;
        Ok((path, text))
    }

    fn oin(
        &self,
        veld: &str,
        waarde: Option<&Spanned<String>>,
        standaard: &str,
    ) -> Result<String, RegioFout> {
        let Some(waarde) = waarde else {
            return Ok(standaard.to_owned());
        };
        waarde
            .get_ref()
            .parse::<Oin>()
            .map(|oin| oin.to_string())
            .map_err(|_| {
                self.fout(
                    waarde.span(),
                    veld,
                    format!(
                        "{:?} is geen geldig OIN (20 posities: 8 cijfers, 9 cijfers of letters, dan 000)",
                        waarde.get_ref()
                    ),
                )
            })
    }
}

impl Regiobestand {
    /// Reads and checks a region file, and everything it names.
    pub fn lees(path: &Path) -> Result<Self, RegioFout> {
        let bestand = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RegioFout {
            bestand: bestand.clone(),
            regel: None,
            veld: None,
            melding: format!("het regiobestand kan niet gelezen worden ({e})"),
        })?;
        let basis = path.parent().unwrap_or(Path::new("."));
        Self::parse(&bestand, &text, basis)
    }

    /// Checks the text of a region file named `bestand`, reading the files it names relative to
    /// `basis`.
    pub fn parse(bestand: &str, text: &str, basis: &Path) -> Result<Self, RegioFout> {
        let lezer = Lezer {
            bestand,
            text,
            basis,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| RegioFout {
            bestand: bestand.to_owned(),
            regel: e.span().map(|s| lezer.regel(s)),
            veld: None,
            melding: toml_fout(e.message()),
        })?;
        let regio = arbeidsmarktregio::regio(raw.regio.get_ref())
            .map_err(|e| lezer.fout(raw.regio.span(), "regio", e.to_string()))?;
        let publieke_sleutel = raw
            .publieke_sleutel
            .as_ref()
            .map(|pad| {
                let (path, text) = lezer.lees("publieke_sleutel", pad)?;
                VerifyingKey::from_pem(&text).map_err(|e| {
                    lezer.fout(
                        pad.span(),
                        "publieke_sleutel",
                        format!("{} is geen publieke sleutel ({e})", path.display()),
                    )
                })
            })
            .transpose()?;
        let catalogue = vum_spec::requirements::catalogue().map_err(|e| RegioFout {
            bestand: bestand.to_owned(),
            regel: None,
            veld: None,
            melding: format!("de eisencatalogus van het harnas is niet leesbaar: {e}"),
        })?;
        let mut namen = BTreeSet::new();
        let mut deelnemers = Vec::new();
        for spanned in &raw.deelnemer {
            let d = deelnemer(&lezer, regio, spanned, &catalogue)?;
            if !namen.insert(d.naam.clone()) {
                return Err(lezer.fout(
                    spanned.get_ref().naam.span(),
                    "naam",
                    format!("{:?} staat al eerder in het bestand", d.naam),
                ));
            }
            if d.certificaat.is_some() && publieke_sleutel.is_none() {
                let pad = spanned.get_ref().certificaat.as_ref().map(Spanned::span);
                return Err(lezer.fout(
                    pad.unwrap_or_else(|| spanned.span()),
                    "certificaat",
                    "om een certificaat te controleren is publieke_sleutel nodig (de publieke sleutel van de uitgever, bovenaan het bestand)",
                ));
            }
            deelnemers.push(d);
        }
        Ok(Self {
            bestand: bestand.to_owned(),
            regio,
            publieke_sleutel,
            deelnemers,
        })
    }
}

/// toml's message for the cases a hand-written file runs into, in Dutch.
fn toml_fout(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let veld = rest.split(',').next().unwrap_or(rest).trim_matches('`');
        format!("onbekend veld {veld}")
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        format!("veld {} ontbreekt", rest.trim_matches('`'))
    } else if message.starts_with("invalid type") {
        format!("verkeerd type ({message})")
    } else {
        format!("geen geldige TOML ({message})")
    }
}

fn deelnemer(
    lezer: &Lezer<'_>,
    regio: &'static Arbeidsmarktregio,
    spanned: &Spanned<RawDeelnemer>,
    catalogue: &[vum_spec::requirements::Eis],
) -> Result<Deelnemer, RegioFout> {
    let raw = spanned.get_ref();
    let naam = raw.naam.get_ref().trim().to_owned();
    if naam.is_empty() {
        return Err(lezer.fout(raw.naam.span(), "naam", "de naam is leeg"));
    }
    let gemeente = raw
        .gemeente
        .as_ref()
        .map(|code| gemeente_in(lezer, regio, code))
        .transpose()?;
    let rol = match raw.rol.get_ref().as_str() {
        "bron" => Rol::Bron,
        "uitwisseling" => Rol::Uitwisseling,
        "bemiddelaar" => Rol::Bemiddelaar,
        other => {
            return Err(lezer.fout(
                raw.rol.span(),
                "rol",
                format!("{other:?} is geen rol; kies bron, uitwisseling of bemiddelaar"),
            ));
        }
    };
    let url = raw
        .url
        .as_ref()
        .map(|url| {
            let text = url.get_ref().trim();
            if text.starts_with("https://") || text.starts_with("http://") {
                Target::new(text)
                    .authority()
                    .map(|_| Target::new(text).base_url)
                    .ok_or_else(|| lezer.fout(url.span(), "url", format!("{text} noemt geen host")))
            } else {
                Err(lezer.fout(
                    url.span(),
                    "url",
                    format!("{text:?} is geen http:// of https:// adres"),
                ))
            }
        })
        .transpose()?;
    let omgeving = match (&raw.omgeving, &url) {
        (None, Some(_)) => {
            return Err(lezer.fout(
                raw.url.as_ref().map_or_else(|| spanned.span(), Spanned::span),
                "omgeving",
                "bij een url hoort omgeving = \"acceptatie\" of \"productie\" (in productie stuurt het bord alleen peilingen zonder persoonsgegevens)",
            ));
        }
        (None, None) => None,
        (Some(o), _) => Some(match o.get_ref().as_str() {
            "acceptatie" => Omgeving::Acceptatie,
            "productie" => Omgeving::Productie,
            other => {
                return Err(lezer.fout(
                    o.span(),
                    "omgeving",
                    format!("{other:?} is geen omgeving; kies acceptatie of productie"),
                ));
            }
        }),
    };
    let profiel = match &raw.profiel {
        None => vum_spec::profielen::profiel(crate::run::DEFAULT_PROFILE),
        Some(p) => vum_spec::profielen::profiel(p.get_ref()),
    }
    .map_err(|e| {
        lezer.fout(
            raw.profiel
                .as_ref()
                .map_or_else(|| spanned.span(), Spanned::span),
            "profiel",
            e.to_string(),
        )
    })?;
    if profiel.rol != rol.as_str() && raw.profiel.is_some() {
        return Err(lezer.fout(
            raw.profiel
                .as_ref()
                .map_or_else(|| spanned.span(), Spanned::span),
            "profiel",
            format!(
                "profiel {} is voor de rol {}, de deelnemer heeft rol {}",
                profiel.naam,
                profiel.rol,
                rol.as_str()
            ),
        ));
    }
    let parties = Parties {
        from_party: lezer.oin("from_party", raw.from_party.as_ref(), oins::BEMIDDELAAR)?,
        to_party: lezer.oin("to_party", raw.to_party.as_ref(), oins::BRON)?,
        via_party: lezer.oin("via_party", raw.via_party.as_ref(), oins::BRON_VERWERKER)?,
    };
    let tls = tls(lezer, raw, url.as_deref(), rol)?;
    let verklaringen = raw
        .verklaringen
        .as_ref()
        .map(|pad| {
            let (path, text) = lezer.lees("verklaringen", pad)?;
            Verklaringen::parse(&text, catalogue).map_err(|e| {
                lezer.fout(
                    pad.span(),
                    "verklaringen",
                    format!("{}: {e}", path.display()),
                )
            })
        })
        .transpose()?;
    let certificaat = raw
        .certificaat
        .as_ref()
        .map(|pad| {
            lezer
                .lees("certificaat", pad)
                .map(|(_, t)| t.trim().to_owned())
        })
        .transpose()?;
    let kwaliteit = raw
        .kwaliteit
        .as_ref()
        .map(|pad| {
            let (path, text) = lezer.lees("kwaliteit", pad)?;
            Kwaliteit::lees(&text).map_err(|e| {
                lezer.fout(pad.span(), "kwaliteit", format!("{}: {e}", path.display()))
            })
        })
        .transpose()?;
    Ok(Deelnemer {
        naam,
        gemeente,
        rol,
        url,
        omgeving,
        profiel,
        parties,
        tls,
        verklaringen,
        certificaat,
        kwaliteit,
        regel: lezer.regel(raw.naam.span()),
    })
}

fn gemeente_in(
    lezer: &Lezer<'_>,
    regio: &'static Arbeidsmarktregio,
    code: &Spanned<String>,
) -> Result<Gemeente, RegioFout> {
    let text = code.get_ref().trim();
    let Some(gemeente) = arbeidsmarktregio::gemeente(text) else {
        return Err(lezer.fout(
            code.span(),
            "gemeente",
            format!("{text:?} is geen CBS-gemeentecode (GM en vier cijfers, zoals GM0363)"),
        ));
    };
    if !regio.gemeenten().contains(&gemeente) {
        let elders = arbeidsmarktregio::regio_van_gemeente(text)
            .map(|r| format!(" maar in {}", r.naam()))
            .unwrap_or_default();
        return Err(lezer.fout(
            code.span(),
            "gemeente",
            format!(
                "{} ({text}) ligt niet in {}{elders}",
                gemeente.naam,
                regio.naam()
            ),
        ));
    }
    Ok(gemeente)
}

fn tls(
    lezer: &Lezer<'_>,
    raw: &RawDeelnemer,
    url: Option<&str>,
    rol: Rol,
) -> Result<TlsMaterial, RegioFout> {
    let mut material = TlsMaterial::default();
    let velden = [
        ("pki", &raw.pki),
        ("ca", &raw.ca),
        ("client_cert", &raw.client_cert),
        ("client_key", &raw.client_key),
        ("expired_cert", &raw.expired_cert),
        ("unlisted_cert", &raw.unlisted_cert),
        ("mediator_cert", &raw.mediator_cert),
    ];
    let https = url.is_some_and(|u| u.starts_with("https://"));
    if let Some((veld, Some(waarde))) = velden.iter().find(|(_, v)| v.is_some())
        && !https
    {
        return Err(lezer.fout(
            waarde.span(),
            veld,
            "TLS-bestanden horen bij een https://-url",
        ));
    }
    if let Some(pki) = &raw.pki {
        if let Some((veld, Some(waarde))) = velden[1..4].iter().find(|(_, v)| v.is_some()) {
            return Err(lezer.fout(
                waarde.span(),
                veld,
                "geef pki of ca/client_cert/client_key, niet allebei",
            ));
        }
        let dir = lezer.basis.join(pki.get_ref());
        // Towards an exchange the harness is a mediator; towards anything else, the exchange.
        let harnas = match rol {
            Rol::Uitwisseling => crate::target::Rol::Uitwisseling,
            Rol::Bron | Rol::Bemiddelaar => crate::target::Rol::Bron,
        };
        material = TlsMaterial::from_dev_pki(&dir, harnas).map_err(|e| {
            lezer.fout(
                pki.span(),
                "pki",
                format!(
                    "{} is geen test-PKI van vum-node dev-pki ({e})",
                    dir.display()
                ),
            )
        })?;
    }
    if let Some(ca) = &raw.ca {
        material.ca_pem = Some(lezer.lees("ca", ca)?.1);
    }
    match (&raw.client_cert, &raw.client_key) {
        (Some(cert), Some(key)) => {
            material.identity = Some(Identity {
                chain_pem: lezer.lees("client_cert", cert)?.1,
                key_pem: lezer.lees("client_key", key)?.1,
            });
        }
        (Some(only), None) => {
            return Err(lezer.fout(
                only.span(),
                "client_key",
                "bij client_cert hoort client_key",
            ));
        }
        (None, Some(only)) => {
            return Err(lezer.fout(
                only.span(),
                "client_cert",
                "bij client_key hoort client_cert",
            ));
        }
        (None, None) => {}
    }
    for (cert, veld, waarde) in [
        (SpecialCert::Verlopen, "expired_cert", &raw.expired_cert),
        (
            SpecialCert::NietDeelnemend,
            "unlisted_cert",
            &raw.unlisted_cert,
        ),
        (SpecialCert::AndereRol, "mediator_cert", &raw.mediator_cert),
    ] {
        if let Some(pad) = waarde {
            let (path, text) = lezer.lees(veld, pad)?;
            let identity = gecombineerd(&text).ok_or_else(|| {
                lezer.fout(
                    pad.span(),
                    veld,
                    format!(
                        "{} moet het certificaat en de privésleutel bevatten (PEM)",
                        path.display()
                    ),
                )
            })?;
            material.special.insert(cert, identity);
        }
    }
    Ok(material)
}

/// A PEM text holding a certificate chain and its private key, split into the two.
fn gecombineerd(text: &str) -> Option<Identity> {
    let mut chain = String::new();
    let mut key = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let label = &after[..after.find("-----")?];
        let marker = format!("-----END {label}-----");
        let end = start + rest[start..].find(&marker)? + marker.len();
        let block = &rest[start..end];
        if label.contains("PRIVATE KEY") {
            key.push_str(block);
            key.push('\n');
        } else if label == "CERTIFICATE" {
            chain.push_str(block);
            chain.push('\n');
        }
        rest = &rest[end..];
    }
    (!chain.is_empty() && !key.is_empty()).then_some(Identity {
        chain_pem: chain,
        key_pem: key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Regiobestand, RegioFout> {
        Regiobestand::parse("regio.toml", text, Path::new("/nonexistent"))
    }

    #[test]
    fn a_region_with_a_municipality_an_agency_and_an_unconnected_one() {
        let bestand = parse(
            r#"
regio = "Groot Amsterdam"

[[deelnemer]]
naam = "Gemeente Amsterdam"
gemeente = "GM0363"
rol = "bron"
url = "http://127.0.0.1:8080/api/v3/"
omgeving = "acceptatie"

[[deelnemer]]
naam = "UWV"
rol = "bron"
url = "https://uwv.example/api/v3"
omgeving = "productie"
profiel = "bron-vacatures"

[[deelnemer]]
naam = "Gemeente Uithoorn"
gemeente = "GM0451"
rol = "bron"
"#,
        )
        .unwrap();
        assert_eq!(bestand.regio.naam(), "Groot Amsterdam");
        let [a, uwv, u] = &bestand.deelnemers[..] else {
            panic!("three participants")
        };
        assert_eq!(a.gemeente.unwrap().naam, "Amsterdam");
        assert_eq!(a.url.as_deref(), Some("http://127.0.0.1:8080/api/v3"));
        assert_eq!(a.regel, 5);
        assert_eq!(uwv.gemeente, None);
        assert_eq!(uwv.omgeving, Some(Omgeving::Productie));
        assert_eq!(uwv.profiel.soorten, vec![vum_spec::Kind::Vacature]);
        assert_eq!(u.url, None);
        assert_eq!(u.omgeving, None);
        assert_eq!(u.parties.via_party, oins::BRON_VERWERKER);
    }

    #[test]
    fn every_error_names_file_line_and_field_in_dutch() {
        let cases: &[(&str, &str)] = &[
            (
                "regio = \"Groot Amsterdm\"\n",
                "regio.toml regel 1, veld regio: onbekende arbeidsmarktregio \"Groot Amsterdm\"; bedoelt u \"Groot Amsterdam\"?",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\ngemeente = \"GM0344\"\nrol = \"bron\"\n",
                "regio.toml regel 4, veld gemeente: Utrecht (GM0344) ligt niet in Groot Amsterdam maar in Midden-Utrecht",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\ngemeente = \"GM9999\"\nrol = \"bron\"\n",
                "regio.toml regel 4, veld gemeente: \"GM9999\" is geen CBS-gemeentecode (GM en vier cijfers, zoals GM0363)",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"server\"\n",
                "regio.toml regel 4, veld rol: \"server\" is geen rol; kies bron, uitwisseling of bemiddelaar",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\nurl = \"http://127.0.0.1:1/api/v3\"\n",
                "regio.toml regel 5, veld omgeving: bij een url hoort omgeving = \"acceptatie\" of \"productie\" (in productie stuurt het bord alleen peilingen zonder persoonsgegevens)",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\nurl = \"ftp://x\"\nomgeving = \"acceptatie\"\n",
                "regio.toml regel 5, veld url: \"ftp://x\" is geen http:// of https:// adres",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\nurll = \"x\"\n",
                "regio.toml regel 5: onbekend veld urll",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\n",
                "regio.toml regel 2: veld rol ontbreekt",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\nto_party = \"123\"\n",
                "regio.toml regel 5, veld to_party: \"123\" is geen geldig OIN",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\n",
                "regio.toml regel 6, veld naam: \"X\" staat al eerder in het bestand",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\nurl = \"http://127.0.0.1:1/api/v3\"\nomgeving = \"acceptatie\"\nca = \"ca.pem\"\n",
                "regio.toml regel 7, veld ca: TLS-bestanden horen bij een https://-url",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"bron\"\nkwaliteit = \"kaart.json\"\n",
                "regio.toml regel 5, veld kwaliteit: /nonexistent/kaart.json kan niet gelezen worden",
            ),
            (
                "regio = \"Groot Amsterdam\"\n[[deelnemer]]\nnaam = \"X\"\nrol = \"uitwisseling\"\nprofiel = \"bron\"\n",
                "regio.toml regel 5, veld profiel: profiel bron is voor de rol bron, de deelnemer heeft rol uitwisseling",
            ),
            ("regio = \n", "regio.toml regel 1: geen geldige TOML"),
        ];
        for (text, expected) in cases {
            let error = parse(text).unwrap_err().to_string();
            assert!(
                error.starts_with(expected),
                "{text}\n  gave {error}\n  want {expected}"
            );
            assert!(
                !error.contains("Spanned") && !error.contains("{ "),
                "{error}"
            );
        }
    }

    #[test]
    fn a_combined_pem_splits_into_chain_and_key() {
        let text = "x\n-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nBBB\n-----END PRIVATE KEY-----\n";
        let identity = gecombineerd(text).unwrap();
        assert!(identity.chain_pem.contains("AAA") && !identity.chain_pem.contains("BBB"));
        assert!(identity.key_pem.contains("BBB"));
        assert_eq!(
            gecombineerd("-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n"),
            None
        );
    }
}
