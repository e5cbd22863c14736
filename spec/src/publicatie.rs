//! `vum-spec publish`: the publication of one version as a bundle of files, byte for byte the same
//! on every run (no clock, no machine name, sorted paths, the committed files as they are).
//!
//! | path | what |
//! |---|---|
//! | `README.md` | the version, its status and dates, the contents, how to check the bundle |
//! | `versie.json` | the version's entry in the registry |
//! | `CHANGELOG.md` | `vum-spec diff` against the previous version in use, or a statement that there is none |
//! | `schema/*.schema.json`, `openapi/*.openapi.json` | the committed schemas and contracts |
//! | `eisen/aansluitvoorwaarden.{toml,md}`, `eisen/profielen.{toml,md}` | the catalogue and the certification profiles |
//! | `features/index.html`, `features/<rol>/<gebied>.html` | the features as living documentation ([`levend`]) |
//! | `features/<rol>/<gebied>/*.feature` | the features themselves |
//! | `testset/` | the certification test set and its README |
//! | `afwijkingen-van-upstream.toml` | the known differences from the upstream contracts the version follows |
//! | `MANIFEST.sha256` | every other file with its SHA-256 ([`manifest`]) |
//! | `MANIFEST.sha256.jws` | optionally: the manifest signed with the programme key |
//!
//! The binary reads the feature files and the deviations file and writes the bundle; this module
//! does no IO.

pub mod levend;
pub mod manifest;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::artifacts;
use crate::diff::{self, Committed, ContractSet, DiffError, Traceability, Versions};
use crate::gherkin::{self, Feature, GherkinFout};
use crate::jws::SigningKey;
use crate::profielen::{self, ProfielError};
use crate::requirements::{self, CatalogueError};
use crate::schema::canonical_json;
use crate::testdata;
use crate::versie::{Register, Versie};

/// What a publication is made of besides the embedded files: what the binary reads.
#[derive(Clone, Copy, Debug)]
pub struct Invoer<'a> {
    /// The registry (for the previous version in use).
    pub register: &'a Register,
    /// The version to publish.
    pub versie: &'a Versie,
    /// The feature files: (path relative to the features directory, text).
    pub features: &'a [(String, String)],
    /// The text of `deviations/<afwijkingen>.toml` of the version, when it names one.
    pub afwijkingen: Option<&'a str>,
}

/// Why a version cannot be published; each names what is missing or broken.
#[derive(Debug, thiserror::Error)]
pub enum PublicatieFout {
    /// No committed schemas.
    #[error("spec/schema/{0}/ holds no committed files; run `cargo run -p vum-spec -- generate`")]
    GeenSchemas(String),
    /// No committed test set.
    #[error("spec/testdata/{0}/ holds no committed files; run `cargo run -p vum-spec -- testdata`")]
    GeenTestset(String),
    /// The version names a deviations file that was not given.
    #[error("versions.toml names deviations/{0}.toml for this version, and it was not read")]
    GeenAfwijkingen(String),
    /// A feature file this reader cannot read.
    #[error(transparent)]
    Gherkin(#[from] GherkinFout),
    /// The catalogue.
    #[error(transparent)]
    Catalogus(#[from] CatalogueError),
    /// The profiles.
    #[error(transparent)]
    Profielen(#[from] ProfielError),
    /// The contracts of a version do not load for the changelog.
    #[error("changelog: {0}")]
    Diff(#[from] DiffError),
}

/// A bundle: its files by path (relative, `/`-separated), the manifest included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundel {
    versie: String,
    bestanden: BTreeMap<String, Vec<u8>>,
}

impl Bundel {
    /// Its files, path → bytes, sorted by path.
    pub fn bestanden(&self) -> &BTreeMap<String, Vec<u8>> {
        &self.bestanden
    }

    /// The text of `MANIFEST.sha256`.
    pub fn manifest(&self) -> &str {
        self.bestanden
            .get(manifest::MANIFEST)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }

    /// Adds `MANIFEST.sha256.jws`: the manifest signed with the programme key.
    pub fn onderteken(&mut self, key: &SigningKey) {
        let jws = manifest::onderteken(self.manifest(), &self.versie, key);
        self.bestanden
            .insert(manifest::HANDTEKENING.to_owned(), jws.into_bytes());
    }

    /// How many bytes its files hold together.
    pub fn grootte(&self) -> usize {
        self.bestanden.values().map(Vec::len).sum()
    }
}

/// The bundle of a version.
pub fn publiceer(invoer: &Invoer<'_>) -> Result<Bundel, PublicatieFout> {
    let versie = invoer.versie;
    let naam = versie.naam();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut put = |path: String, text: String| {
        files.insert(path, text.into_bytes());
    };

    let schemas = artifacts::committed_for(versie);
    if schemas.is_empty() {
        return Err(PublicatieFout::GeenSchemas(naam));
    }
    for (file, text) in schemas {
        let dir = if file.ends_with(".openapi.json") {
            "openapi"
        } else {
            "schema"
        };
        put(format!("{dir}/{file}"), (*text).to_owned());
    }

    let catalogue = requirements::catalogue_for(versie)?;
    let profielen = profielen::profielen_for(versie)?;
    put(
        "eisen/aansluitvoorwaarden.toml".to_owned(),
        requirements::text_for(versie)
            .unwrap_or_default()
            .to_owned(),
    );
    put(
        "eisen/aansluitvoorwaarden.md".to_owned(),
        format!(
            "# Aansluitvoorwaarden VUM {naam}\n\n{}",
            requirements::markdown(&catalogue)
        ),
    );
    put(
        "eisen/profielen.toml".to_owned(),
        profielen::text_for(versie).unwrap_or_default().to_owned(),
    );
    put(
        "eisen/profielen.md".to_owned(),
        format!(
            "# Certificeringsprofielen VUM {naam}\n\n{}",
            profielen::markdown(&profielen, &catalogue)
        ),
    );

    let mut features: Vec<Feature> = Vec::new();
    // A feature file of another version only (every scenario names a requirement this version's
    // catalogue does not have, such as AV-SEL-030 in 3.0.0) is not this version's.
    let mut sources: Vec<&(String, String)> = invoer
        .features
        .iter()
        .filter(|(path, text)| {
            let scenarios = diff::scenarios(path, text);
            scenarios.is_empty()
                || scenarios.iter().any(|s| {
                    let ids: Vec<&String> =
                        s.tags.iter().filter(|t| t.starts_with("AV-")).collect();
                    ids.is_empty() || ids.iter().any(|id| catalogue.iter().any(|e| &&e.id == id))
                })
        })
        .collect();
    sources.sort();
    for (path, text) in sources {
        features.push(gherkin::parse(path, text)?);
        put(format!("{}/{path}", levend::MAP), text.clone());
    }
    for (path, html) in levend::paginas(&features, &catalogue, versie) {
        put(path, html);
    }

    let testset = testdata::committed_files_for(versie);
    if testset.is_empty() {
        return Err(PublicatieFout::GeenTestset(naam));
    }
    for (file, text) in testset {
        put(format!("testset/{file}"), (*text).to_owned());
    }

    if let Some(basis) = &versie.afwijkingen {
        let text = invoer
            .afwijkingen
            .ok_or_else(|| PublicatieFout::GeenAfwijkingen(basis.clone()))?;
        put("afwijkingen-van-upstream.toml".to_owned(), text.to_owned());
    }

    put(
        "CHANGELOG.md".to_owned(),
        changelog(invoer.register, versie, &features, &catalogue)?,
    );
    put("versie.json".to_owned(), versie_json(versie));
    let readme = readme(versie, &files_list(&files));
    files.insert("README.md".to_owned(), readme.into_bytes());

    let text = manifest::manifest(&files);
    files.insert(manifest::MANIFEST.to_owned(), text.into_bytes());
    Ok(Bundel {
        versie: naam,
        bestanden: files,
    })
}

fn files_list(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    files.keys().cloned().collect()
}

/// The changelog: the diff against the previous version in use, or the statement that there is
/// none.
fn changelog(
    register: &Register,
    versie: &Versie,
    features: &[Feature],
    catalogue: &[requirements::Eis],
) -> Result<String, PublicatieFout> {
    let naam = versie.naam();
    let Some(vorige) = register.vorige_actieve(versie) else {
        return Ok(format!(
            "# Changelog VUM {naam}\n\n\
             VUM {naam} is de eerste versie in het versieregister die in gebruik is of was: er is \
             geen vorige actieve versie om mee te vergelijken, dus deze changelog meldt geen \
             wijzigingen. De verschillen met de upstream-contracten staan in \
             `afwijkingen-van-upstream.toml`.\n"
        ));
    };
    let set = |v: &Versie| -> Result<ContractSet, PublicatieFout> {
        let documents = Committed
            .documents(&v.naam())
            .ok_or_else(|| PublicatieFout::GeenSchemas(v.naam()))??;
        Ok(ContractSet::load(
            format!("{} ({})", v.naam(), Committed.origin(&v.naam())),
            documents,
        )?)
    };
    let scenarios: Vec<diff::Scenario> = features
        .iter()
        .flat_map(|f| {
            f.scenarios().map(|s| diff::Scenario {
                file: f.file.clone(),
                line: s.line,
                name: s.name.clone(),
                tags: f.tags_of(s),
            })
        })
        .collect();
    let report = diff::diff(
        &set(vorige)?,
        &set(versie)?,
        Traceability {
            catalogue,
            scenarios: &scenarios,
        },
    );
    let mut out = format!(
        "# Changelog VUM {naam}\n\n\
         Vergeleken met de vorige versie in gebruik, {} (`vum-spec diff {} {naam}`): per rol wat \
         breaking is, met de eisen en scenario's die de wijziging raakt.\n\n",
        vorige.naam(),
        vorige.naam()
    );
    for line in report.markdown().lines() {
        if line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

fn versie_json(versie: &Versie) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        format: &'static str,
        versie: &'a Versie,
        basispad: String,
    }
    let json = Json {
        format: "vum-versie 1",
        versie,
        basispad: versie.basispad(),
    };
    canonical_json(&serde_json::to_value(json).unwrap_or_default())
}

fn readme(versie: &Versie, files: &[String]) -> String {
    let naam = versie.naam();
    let datum = |d: Option<crate::kwaliteit::Kalenderdatum>| {
        d.map_or_else(|| "-".to_owned(), |d| d.to_string())
    };
    let count = |prefix: &str| files.iter().filter(|f| f.starts_with(prefix)).count();
    format!(
        "# VUM {naam}\n\n\
         {}\n\n\
         | status | gepubliceerd | actief vanaf | einddatum | basispad |\n|---|---|---|---|---|\n\
         | {} | {} | {} | {} | `{}` |\n\n\
         ## Inhoud\n\n\
         | pad | wat |\n|---|---|\n\
         | `schema/` | JSON Schema (2020-12) per bericht ({} bestanden) |\n\
         | `openapi/` | de OpenAPI 3.1-contracten ({} bestanden) |\n\
         | `eisen/` | de aansluitvoorwaarden en de certificeringsprofielen (TOML en Markdown) |\n\
         | `features/index.html` | de features als levende documentatie, één pagina per gebied |\n\
         | `features/<rol>/<gebied>/` | de features zelf (Gherkin, Nederlands) |\n\
         | `testset/` | de certificeringstestset en haar README |\n\
         {}\
         | `CHANGELOG.md` | wat er veranderde ten opzichte van de vorige versie in gebruik |\n\
         | `versie.json` | deze versie in het versieregister |\n\
         | `MANIFEST.sha256` | elk ander bestand met zijn SHA-256 |\n\n\
         ## Controleren\n\n\
         ```sh\nsha256sum -c MANIFEST.sha256\nvum-spec verify-bundle . --public-key programma.pem   # ook de handtekening, als MANIFEST.sha256.jws er is\n```\n\n\
         Deze bundel is gemaakt met `vum-spec publish {naam}`; twee keer maken geeft dezelfde bytes.\n",
        versie.omschrijving,
        versie.status,
        datum(versie.gepubliceerd),
        datum(versie.actief_vanaf),
        datum(versie.einddatum),
        versie.basispad(),
        count("schema/"),
        count("openapi/"),
        if files.iter().any(|f| f == "afwijkingen-van-upstream.toml") {
            "| `afwijkingen-van-upstream.toml` | bekende verschillen met de upstream-contracten |\n"
        } else {
            ""
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features() -> Vec<(String, String)> {
        vec![(
            "bron/selectie/x.feature".to_owned(),
            "# language: nl\n@bron\nFunctionaliteit: X\n  @AV-SEL-005 @must\n  Scenario: Y\n    Gegeven z\n"
                .to_owned(),
        )]
    }

    #[test]
    fn a_bundle_is_the_same_twice_and_lists_every_file_in_its_manifest() {
        let register = crate::versie::registry().unwrap();
        let features = features();
        for versie in register.versies() {
            let invoer = Invoer {
                register,
                versie,
                features: &features,
                afwijkingen: Some("# afwijkingen\n"),
            };
            let bundel = publiceer(&invoer).unwrap();
            assert_eq!(bundel, publiceer(&invoer).unwrap());
            let controle = manifest::controleer(bundel.manifest(), bundel.bestanden()).unwrap();
            assert!(controle.is_geldig(), "{controle:?}");
            assert_eq!(controle.in_orde, bundel.bestanden().len() - 1);
            for path in [
                "README.md",
                "CHANGELOG.md",
                "versie.json",
                "schema/werkzoekende-vraag.schema.json",
                "openapi/VUM-Bron.openapi.json",
                "eisen/aansluitvoorwaarden.toml",
                "eisen/profielen.md",
                "features/index.html",
                "features/bron/selectie.html",
                "features/bron/selectie/x.feature",
                "testset/werkzoekenden.json",
                "afwijkingen-van-upstream.toml",
            ] {
                assert!(bundel.bestanden().contains_key(path), "{path}");
            }
        }
        let changelog = |v: &str| {
            let invoer = Invoer {
                register,
                versie: register.versie(v).unwrap(),
                features: &features,
                afwijkingen: Some(""),
            };
            String::from_utf8(publiceer(&invoer).unwrap().bestanden()["CHANGELOG.md"].clone())
                .unwrap()
        };
        assert!(changelog("3.0.0").contains("geen vorige actieve versie"));
        let concept = changelog("3.1.0");
        assert!(
            concept.contains("## Wijzigingen in de VUM-contracten"),
            "{concept}"
        );
        assert!(concept.contains("zoekcriterium toegevoegd — MPWerkzoekende › competenties"));
        assert!(concept.contains("AV-SEL-030"));
    }

    #[test]
    fn what_is_missing_is_named() {
        let register = crate::versie::registry().unwrap();
        let invoer = Invoer {
            register,
            versie: register.nieuwste_actieve(),
            features: &[],
            afwijkingen: None,
        };
        assert_eq!(
            publiceer(&invoer).unwrap_err().to_string(),
            "versions.toml names deviations/3.0.0.toml for this version, and it was not read"
        );
        let broken = vec![(
            "bron/x/y.feature".to_owned(),
            "Scenario: zonder feature\n".to_owned(),
        )];
        let invoer = Invoer {
            features: &broken,
            afwijkingen: Some(""),
            ..invoer
        };
        assert_eq!(
            publiceer(&invoer).unwrap_err().to_string(),
            "bron/x/y.feature:1: tekst voor de regel Functionaliteit:"
        );
    }

    #[test]
    fn a_signed_bundle_carries_the_signature_of_its_manifest() {
        let register = crate::versie::registry().unwrap();
        let features = features();
        let mut bundel = publiceer(&Invoer {
            register,
            versie: register.nieuwste_actieve(),
            features: &features,
            afwijkingen: Some(""),
        })
        .unwrap();
        let (private, public) = SigningKey::generate().unwrap();
        bundel.onderteken(&SigningKey::from_pem(&private).unwrap());
        let jws = std::str::from_utf8(&bundel.bestanden()[manifest::HANDTEKENING]).unwrap();
        manifest::controleer_handtekening(
            bundel.manifest().as_bytes(),
            jws,
            &crate::jws::VerifyingKey::from_pem(&public).unwrap(),
        )
        .unwrap();
        assert!(
            manifest::controleer(bundel.manifest(), bundel.bestanden())
                .unwrap()
                .is_geldig(),
            "the signature is no extra file"
        );
    }
}
