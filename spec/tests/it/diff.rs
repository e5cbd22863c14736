//! `vum-spec diff` on real data: upstream 2.0.0 → 3.0.0 finds every change the release notes
//! announce; upstream 3.0.0 as YAML and as JSON are the same; our committed 3.0.0 differs from
//! upstream by the listed deviations (and the additions ARCHITECTURE.md names) only; golden
//! outputs; the command line's exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use vum_spec::diff::{
    self, Change, Class, Committed, ContractSet, Document, Kind, Report, Role, Scenario,
    Traceability, Versions,
};
use vum_spec::drift::Deviations;
use vum_spec::message::Message;

use crate::upstream;

/// The documents of a directory whose names end in one of `extensions`.
fn documents(dir: &Path, extensions: &[&str]) -> Vec<Document> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if extensions.iter().any(|e| name.ends_with(e)) {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push(Document::parse(&name, &text).unwrap());
        }
    }
    out
}

fn upstream_set(release: &str, label: &str, extensions: &[&str]) -> ContractSet {
    let dir = upstream::dir().join(release).join("OAS_Contracten");
    ContractSet::load(label, documents(&dir, extensions)).unwrap()
}

fn v2() -> ContractSet {
    upstream_set(
        "vum-docs@2.x",
        "upstream 2.0.0 (vum-docs@2.x/OAS_Contracten)",
        &[".json", ".yaml"],
    )
}

fn v3() -> ContractSet {
    upstream_set(
        "vum-docs",
        "upstream 3.0.0 (vum-docs/OAS_Contracten)",
        &[".json", ".yaml"],
    )
}

fn features_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../features")
}

fn all_scenarios() -> Vec<Scenario> {
    let mut files = Vec::new();
    let mut pending = vec![features_dir()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "feature") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .iter()
        .flat_map(|path| {
            let name = path
                .strip_prefix(features_dir())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            diff::scenarios(&name, &std::fs::read_to_string(path).unwrap())
        })
        .collect()
}

fn compare(old: &ContractSet, new: &ContractSet) -> Report {
    let catalogue = vum_spec::requirements::catalogue().unwrap();
    let scenarios = all_scenarios();
    diff::diff(
        old,
        new,
        Traceability {
            catalogue: &catalogue,
            scenarios: &scenarios,
        },
    )
}

/// One change upstream's release notes of 3.0.0 announce (in our words), and how it shows.
struct Announced {
    what: &'static str,
    kind: Kind,
    subject: &'static str,
    old: Option<&'static str>,
    new: Option<&'static str>,
}

const fn item(
    what: &'static str,
    kind: Kind,
    subject: &'static str,
    old: Option<&'static str>,
    new: Option<&'static str>,
) -> Announced {
    Announced {
        what,
        kind,
        subject,
        old,
        new,
    }
}

/// What the 3.0.0 release notes announce, each as the change the diff must find.
const ANNOUNCED: &[Announced] = &[
    item(
        "Webadres.url longer: 512 → 1000",
        Kind::MaxLengthChanged,
        "Webadres.url",
        Some("512"),
        Some("1000"),
    ),
    item(
        "bemiddelingspostcode required in job-seeker results",
        Kind::MadeRequired,
        "Mobiliteit.bemiddelingspostcode",
        None,
        None,
    ),
    item(
        "vacancy results carry an address with a required postcode",
        Kind::RequiredFieldAdded,
        "MPVacatureMatch.adres",
        None,
        None,
    ),
    item(
        "vacancy results: werkgever.handelsnaamOrganisatie",
        Kind::FieldAdded,
        "MPWerkgever.handelsnaamOrganisatie",
        None,
        None,
    ),
    item(
        "vacancy results: werkgever.webadres",
        Kind::FieldAdded,
        "MPWerkgever.webadres",
        None,
        None,
    ),
    item(
        "vacancy results: arbeidsVoorwaarden.omschrijvingArbeidsvoorwaarden",
        Kind::FieldAdded,
        "ArbeidsVoorwaarden.omschrijvingArbeidsvoorwaarden",
        None,
        None,
    ),
    item(
        "vacancy results: sollicitatiewijze.webadres",
        Kind::FieldAdded,
        "Sollicitatiewijze.webadres",
        None,
        None,
    ),
    item(
        "results: vervoermiddel.codeVervoermiddel",
        Kind::FieldAdded,
        "Vervoermiddel.codeVervoermiddel",
        None,
        None,
    ),
    item(
        "vacancy results: naamVacature",
        Kind::FieldAdded,
        "MPVacatureMatch.naamVacature",
        None,
        None,
    ),
    item(
        "vacancy results: omschrijvingVacature",
        Kind::FieldAdded,
        "MPVacatureMatch.omschrijvingVacature",
        None,
        None,
    ),
    item(
        "job-seeker results: arbeidsmarktkwalificatie.interesse",
        Kind::FieldAdded,
        "Arbeidsmarktkwalificatie.interesse",
        None,
        None,
    ),
    item(
        "results: opleiding.codeStatusOpleiding",
        Kind::FieldAdded,
        "Opleiding.codeStatusOpleiding",
        None,
        None,
    ),
    item(
        "results: opleiding.datumAanvangVolgenOpleiding",
        Kind::FieldAdded,
        "Opleiding.datumAanvangVolgenOpleiding",
        None,
        None,
    ),
    item(
        "results: opleiding.datumEindeVolgenOpleiding",
        Kind::FieldAdded,
        "Opleiding.datumEindeVolgenOpleiding",
        None,
        None,
    ),
    item(
        "results: opleiding.naamOpleidingsinstituut",
        Kind::FieldAdded,
        "Opleiding.naamOpleidingsinstituut",
        None,
        None,
    ),
    item(
        "job-seeker results: werkervaring.toelichtingWerkervaring",
        Kind::FieldAdded,
        "Werkervaring.toelichtingWerkervaring",
        None,
        None,
    ),
    item(
        "results: every field of Cursus (datumAanvangVolgenCursus)",
        Kind::FieldAdded,
        "Cursus.datumAanvangVolgenCursus",
        None,
        None,
    ),
    item(
        "vacancy flexibiliteit.datumAanvangBeschikbaarVoorWerk removed",
        Kind::FieldRemoved,
        "Flexibiliteit.datumAanvangBeschikbaarVoorWerk",
        None,
        None,
    ),
    item(
        "Gedragscompetentie gone …",
        Kind::FieldRemoved,
        "Arbeidsmarktkwalificatie.gedragscompetentie",
        None,
        None,
    ),
    item(
        "… replaced by Competentiebeheersing (codeCompetentie, a URI)",
        Kind::FieldAdded,
        "Arbeidsmarktkwalificatie.competentiebeheersing",
        None,
        None,
    ),
    item(
        "Beroepsnaam (coded or not) becomes Beroep",
        Kind::SchemaRenamed,
        "schema Beroepsnaam",
        Some("Beroepsnaam"),
        Some("Beroep"),
    ),
    item(
        "Beroep is no longer a choice",
        Kind::StructureChanged,
        "Beroep",
        Some("oneOf (2 varianten)"),
        Some("-"),
    ),
    item(
        "codeBeroepsnaam directly in Beroep",
        Kind::FieldMoved,
        "Beroep",
        Some("beroepsnaamGecodeerd.codeBeroepsnaam"),
        Some("codeBeroepsnaam"),
    ),
    item(
        "codeBeroepsnaam: no longer up to 10 digits …",
        Kind::PatternChanged,
        "Beroep.codeBeroepsnaam",
        Some("^[0-9]{1,10}$"),
        Some("-"),
    ),
    item(
        "… but a URI of at most 200",
        Kind::MaxLengthChanged,
        "Beroep.codeBeroepsnaam",
        Some("-"),
        Some("200"),
    ),
    item(
        "Opleidingsnaam (coded or not) becomes codeOpleidingsnaam",
        Kind::FieldMoved,
        "Opleiding",
        Some("opleidingsnaam.opleidingsnaamGecodeerd.codeOpleidingsnaam"),
        Some("codeOpleidingsnaam"),
    ),
    item(
        "Opleidingsnaam removed",
        Kind::FieldRemoved,
        "Opleiding.opleidingsnaam",
        None,
        None,
    ),
    item(
        "Opleiding gets toelichtingOpleiding",
        Kind::FieldAdded,
        "Opleiding.toelichtingOpleiding",
        None,
        None,
    ),
    item(
        "Cursus gets indicatieCertificaat",
        Kind::FieldAdded,
        "Cursus.indicatieCertificaat",
        None,
        None,
    ),
    item(
        "Cursus gets toelichtingCursus",
        Kind::FieldAdded,
        "Cursus.toelichtingCursus",
        None,
        None,
    ),
    item(
        "AdresHouding gone from the employer …",
        Kind::FieldRemoved,
        "Werkgever.adresHouding",
        None,
        None,
    ),
    item(
        "… a vacancy has one Adres",
        Kind::FieldAdded,
        "Vacature.adres",
        None,
        None,
    ),
    item(
        "… whose postcode is the old Dutch address's",
        Kind::FieldMoved,
        "Vacature",
        Some("werkgever.adresHouding[].adres.adresNederland.postcode"),
        Some("adres.postcode"),
    ),
    item(
        "… and whose street is the old street address's",
        Kind::FieldMoved,
        "Vacature",
        Some("werkgever.adresHouding[].adres.adresNederland.adresDetails.straatadres.straatnaam"),
        Some("adres.straatnaam"),
    ),
    item(
        "Voorkeursland removed",
        Kind::FieldRemoved,
        "Werkzoekende.voorkeursland",
        None,
        None,
    ),
    item(
        "indicatieLdrRegistratie not in job-seeker results",
        Kind::FieldRemoved,
        "MPWerkzoekendeMatch.indicatieLdrRegistratie",
        None,
        None,
    ),
    item(
        "indicatieLdrRegistratie not in vacancy results",
        Kind::FieldRemoved,
        "MPVacatureMatch.indicatieLdrRegistratie",
        None,
        None,
    ),
    item(
        "indicatieLdrRegistratie not in the vacancy detail",
        Kind::FieldRemoved,
        "Vacature.indicatieLdrRegistratie",
        None,
        None,
    ),
    item(
        "job seekers searchable on datumAanvangBeschikbaarVoorWerk",
        Kind::CriterionAdded,
        "MPWerkzoekende › datumAanvangBeschikbaarVoorWerk",
        None,
        None,
    ),
];

fn found<'a>(report: &'a Report, a: &Announced) -> Option<&'a Change> {
    report.changes.iter().find(|c| {
        c.kind == a.kind
            && c.place.subject() == a.subject
            && a.old.is_none_or(|o| c.old.as_deref() == Some(o))
            && a.new.is_none_or(|n| c.new.as_deref() == Some(n))
    })
}

#[test]
fn upstream_2_to_3_finds_every_change_the_release_notes_announce() {
    let report = compare(&v2(), &v3());
    let missing: Vec<&str> = ANNOUNCED
        .iter()
        .filter(|a| found(&report, a).is_none())
        .map(|a| a.what)
        .collect();
    let seen: Vec<String> = report.changes.iter().map(Change::describe).collect();
    assert!(
        missing.is_empty(),
        "not found: {missing:#?}\nfound:\n{seen:#?}"
    );
    assert!(ANNOUNCED.len() >= 20);
    // The one criterion the release notes announce binds sources and frees mediators.
    let criterion = found(&report, &ANNOUNCED[ANNOUNCED.len() - 1]).unwrap();
    let verdicts = Role::ALL.map(|r| criterion.verdict(r));
    assert_eq!(
        verdicts,
        [Class::Breaking, Class::Compatible, Class::Compatible]
    );
    // The LDR flag stays in the job-seeker detail: nothing there changed.
    assert!(
        !report
            .changes
            .iter()
            .any(|c| c.place.subject() == "Werkzoekende.indicatieLdrRegistratie")
    );
    // Unannounced but in the version: two vacancy criteria, the version headers, the base path.
    for subject in [
        "MPVacature › datumAanvangWerkzaamheden",
        "MPVacature › flexibiliteit.indicatieOnregelmatigWerkOfPloegendienst",
    ] {
        assert!(
            report
                .changes
                .iter()
                .any(|c| c.kind == Kind::CriterionAdded && c.place.subject() == subject),
            "{subject}"
        );
    }
    assert!(
        report
            .changes
            .iter()
            .any(|c| c.kind == Kind::EnumValuesRemoved
                && c.place.subject() == "verzoekheader API-Version")
    );
    assert!(
        report
            .changes
            .iter()
            .any(|c| c.kind == Kind::BasePathChanged)
    );
    assert_eq!(report.exit_code(), 2);
}

#[test]
fn upstream_3_as_yaml_and_as_json_is_no_change() {
    let yaml = upstream_set("vum-docs", "upstream 3.0.0 (YAML)", &[".yaml"]);
    let json = upstream_set("vum-docs", "upstream 3.0.0 (JSON)", &[".json"]);
    assert_eq!(yaml.contracts.len(), 4);
    assert!(yaml.contracts.iter().all(|c| c.file.ends_with(".yaml")));
    let report = compare(&yaml, &json);
    assert!(report.changes.is_empty(), "{:#?}", report.changes);
    assert_eq!(report.exit_code(), 0);
    insta::assert_snapshot!("upstream_3_yaml_to_json.md", report.markdown());
    insta::assert_snapshot!("upstream_3_yaml_to_json.json", report.json());
}

#[test]
fn golden_changelog_of_upstream_2_to_3() {
    let report = compare(&v2(), &v3());
    insta::assert_snapshot!("upstream_2_to_3.md", report.markdown());
    insta::assert_snapshot!("upstream_2_to_3.json", report.json());
}

/// What ARCHITECTURE.md says our contracts add beyond upstream (not schema deviations): 404 on the
/// detail operations, the OIN pattern on party headers, and the five headers on every response
/// (upstream's mediator detail 401 declares API-Version only).
fn documented_addition(change: &Change) -> bool {
    let subject = change.place.subject();
    let party = ["X-VUM-fromParty", "X-VUM-toParty", "X-VUM-viaParty"]
        .iter()
        .any(|h| subject.ends_with(h));
    match change.kind {
        Kind::StatusAdded => subject == "status 404",
        Kind::PatternChanged => {
            party && change.new.as_deref() == Some(vum_spec::openapi::OIN_PATTERN)
        }
        Kind::HeaderAdded => {
            subject.starts_with("antwoordheader ")
                && change
                    .occurrences
                    .iter()
                    .all(|o| o.part.as_deref() == Some("antwoord 401"))
        }
        _ => false,
    }
}

#[test]
fn our_3_differs_from_upstream_3_by_the_listed_deviations_and_documented_additions_only() {
    let ours = ContractSet::load("3.0.0", Committed.documents("3.0.0").unwrap().unwrap()).unwrap();
    let upstream = upstream_set("vum-docs", "upstream 3.0.0", &[".json"]);
    let report = compare(&upstream, &ours);
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("deviations/3.0.0.toml"),
    )
    .unwrap();
    let deviations = Deviations::parse(&text).unwrap();
    let listed = |change: &Change| {
        deviations.deviations.iter().any(|d| {
            let anchor = Message::from_str(&d.message).unwrap().schema_name();
            let kind = match d.keyword.as_str() {
                "additionalProperties" => Kind::AdditionalPropertiesChanged,
                "required" => Kind::MadeRequired,
                _ => return false,
            };
            change.kind == kind
                && matches!(&change.place, diff::Place::Field { anchor: a, .. } if *a == anchor)
        })
    };
    let unexplained: Vec<String> = report
        .changes
        .iter()
        .filter(|c| c.class() != Class::None && !listed(c) && !documented_addition(c))
        .map(Change::describe)
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:#?}");
    for d in &deviations.deviations {
        let anchor = Message::from_str(&d.message).unwrap().schema_name();
        assert!(
            report.changes.iter().any(|c| listed(c)
                && matches!(&c.place, diff::Place::Field { anchor: a, .. } if *a == anchor)),
            "deviation {} {} {} not seen by the diff",
            d.message,
            d.path,
            d.keyword
        );
    }
    // Everything else is names only: components that our generator names otherwise.
    assert!(
        report
            .changes
            .iter()
            .filter(|c| c.class() == Class::None)
            .all(|c| matches!(
                c.kind,
                Kind::SchemaAdded | Kind::SchemaRemoved | Kind::SchemaRenamed
            ))
    );
}

// The command line.

fn vum_spec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vum-spec"))
        .args(args)
        .output()
        .unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-spec-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A temporary directory with the upstream 3.0.0 contracts of one extension.
fn copy_of_upstream_3(name: &str, extension: &str) -> PathBuf {
    let dir = temp_dir(name);
    let from = upstream::dir().join("vum-docs/OAS_Contracten");
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == extension) {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn the_command_exits_2_on_breaking_changes_and_writes_the_changelog() {
    let (old, new) = (
        upstream::dir().join("vum-docs@2.x/OAS_Contracten"),
        upstream::dir().join("vum-docs/OAS_Contracten"),
    );
    let output = vum_spec(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.starts_with("# Wijzigingen in de VUM-contracten"),
        "{stdout}"
    );
    assert!(stdout.contains("## Breaking voor bronnen"));
    assert!(
        stdout.contains("JSON gaat voor"),
        "says which of .json and .yaml it used"
    );
}

#[test]
fn the_command_exits_0_without_changes_and_1_with_compatible_ones_only() {
    let (yaml, json) = (
        copy_of_upstream_3("yaml", "yaml"),
        copy_of_upstream_3("json", "json"),
    );
    let out = temp_dir("out").join("report.json");
    let output = vum_spec(&[
        "diff",
        yaml.to_str().unwrap(),
        json.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written["summary"]["changes"], 0);
    // An optional request header in one contract: compatible for everyone.
    let file = json.join("VUM-Bron-Vacatures.json");
    let mut contract: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    contract["paths"]["/vacatures/matches"]["post"]["parameters"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"name": "X-Trace", "in": "header", "required": false, "schema": {"type": "string"}}));
    std::fs::write(&file, contract.to_string()).unwrap();
    let output = vum_spec(&["diff", yaml.to_str().unwrap(), json.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let output = vum_spec(&["diff", "3.0.0", "3.0.0"]);
    assert_eq!(output.status.code(), Some(0));
    // Our schema directory: message schemas are no contracts, the two unions are not counted twice.
    let ours = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/3.0.0");
    let output = vum_spec(&["diff", ours.to_str().unwrap(), "3.0.0"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("VUM-Bron.openapi.json: vereniging van VUM-Bron-Vacatures en VUM-Bron-WerkzoekendeProfielen, die er ook los staan; niet dubbel geteld"), "{stdout}");
}

#[test]
fn the_command_exits_64_on_bad_input_naming_the_file_and_pointer() {
    // Upstream's src/ holds fragments whose references resolve only after they are merged.
    let src = upstream::dir().join("vum-docs/src");
    let output = vum_spec(&["diff", src.to_str().unwrap(), "3.0.0"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(64), "{stderr}");
    assert!(
        stderr.contains("VUM-Bemiddelaar-Vacatures.yaml: the $ref `#/components/parameters/vum_bericht_versie` at /paths/~1vacatures~1matches/post/parameters/0 resolves to nothing"),
        "{stderr}"
    );
    let output = vum_spec(&["diff", "/nonexistent/contracts", "3.0.0"]);
    assert_eq!(output.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&output.stderr).contains("neither a directory nor a version"));
    let broken = temp_dir("broken");
    std::fs::write(broken.join("VUM-Bron-Vacatures.json"), "{\"openapi\": ").unwrap();
    let output = vum_spec(&["diff", broken.to_str().unwrap(), "3.0.0"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(64));
    assert!(
        stderr.contains("VUM-Bron-Vacatures.json: not valid JSON"),
        "{stderr}"
    );
    let output = vum_spec(&["diff", "3.0.0"]);
    assert_eq!(
        output.status.code(),
        Some(64),
        "a missing argument is a usage error"
    );
}

#[test]
fn the_registry_versions_are_known() {
    assert_eq!(Committed.names(), ["3.0.0", "3.1.0"]);
}

fn registry_set(version: &str) -> ContractSet {
    let label = format!("{version} ({})", Committed.origin(version));
    ContractSet::load(label, Committed.documents(version).unwrap().unwrap()).unwrap()
}

/// 3.0.0 → concept 3.1.0: exactly one change, the criterion `competenties`: breaking for sources
/// (they must apply it), compatible for the exchange (passes it on) and mediators (may use it),
/// mapped to AV-SEL-030 of the 3.1.0 catalogue. The version headers carry the versions' numbers,
/// which within one major is no change.
#[test]
fn registry_3_0_0_to_concept_3_1_0_is_one_criterion_for_sources() {
    let catalogue =
        vum_spec::requirements::catalogue_for(vum_spec::versie::versie("3.1.0").unwrap()).unwrap();
    let scenarios = all_scenarios();
    let report = diff::diff(
        &registry_set("3.0.0"),
        &registry_set("3.1.0"),
        Traceability {
            catalogue: &catalogue,
            scenarios: &scenarios,
        },
    );
    assert_eq!(report.changes.len(), 1, "{:#?}", report.changes);
    let change = &report.changes[0];
    assert_eq!(change.kind, Kind::CriterionAdded);
    assert_eq!(change.place.subject(), "MPWerkzoekende › competenties");
    assert_eq!(
        Role::ALL.map(|r| change.verdict(r)),
        [Class::Breaking, Class::Compatible, Class::Compatible]
    );
    assert!(
        change.requirements.iter().any(|r| r.id == "AV-SEL-030"),
        "{:?}",
        change.requirements
    );
    let headers = report.version_headers.as_ref().unwrap();
    assert_eq!(
        (headers.old.as_str(), headers.new.as_str()),
        ("3.0.0", "3.1.0")
    );
    assert_eq!(report.exit_code(), 2);
    insta::assert_snapshot!("registry_3_0_0_to_3_1_0.md", report.markdown());
    insta::assert_snapshot!("registry_3_0_0_to_3_1_0.json", report.json());
    // The other way round: the criterion removed frees sources and binds mediators.
    let back = diff::diff(
        &registry_set("3.1.0"),
        &registry_set("3.0.0"),
        Traceability {
            catalogue: &catalogue,
            scenarios: &scenarios,
        },
    );
    assert_eq!(back.changes.len(), 1);
    assert_eq!(back.changes[0].kind, Kind::CriterionRemoved);
    assert_eq!(back.changes[0].verdict(Role::Bemiddelaar), Class::Breaking);
}

#[test]
fn the_command_compares_registry_versions() {
    let output = vum_spec(&["diff", "3.0.0", "3.1.0"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(stdout.contains("1 wijzigingen; exitcode 2."), "{stdout}");
    assert!(
        stdout.contains("AV-SEL-030"),
        "the catalogue of the new version: {stdout}"
    );
    let output = vum_spec(&["diff", "3.1.0", "3.1.0"]);
    assert_eq!(output.status.code(), Some(0));
    let output = vum_spec(&["diff", "3.0.0", "3.2.0"]);
    assert_eq!(output.status.code(), Some(64));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("known: 3.0.0, 3.1.0"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
