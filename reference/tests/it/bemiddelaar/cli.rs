//! The `vum-node` mediator commands (`vraag`, `detail`, `taken`) against the chain on loopback:
//! the table, the detail as JSON, a task file, the hidden fault flag, and the errors and exit
//! codes a user sees.

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;
use vum_spec::Kind;
use vum_spec::testdata::oins;
use vum_spec::validate::violations;

use super::support::Keten;

/// A fresh directory for this test's files.
fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vum-klant-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `vum-node` with these arguments off the runtime's thread, so that the chain in this
/// process keeps answering; the child is bounded by its own `--timeout` and retries.
async fn vum_node(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_vum-node"))
            .args(&args)
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

#[tokio::test]
async fn the_commands_ask_the_whole_chain_over_mutual_tls() {
    let keten = Keten::tls().await;
    let pki = dir("tls");
    keten.pki().unwrap().write(&pki).unwrap();
    let pki = pki.to_str().unwrap().to_owned();
    let verbinding = |extra: &[&str]| {
        let mut v = args(extra);
        v.extend(args(&["--exchange", &keten.base, "--pki", &pki]));
        v
    };

    let output = vum_node(verbinding(&[
        "vraag",
        "werkzoekenden",
        "--postcode",
        "1791AA",
        "--afstand",
        "15",
        "--rijbewijs",
        "C",
    ]))
    .await;
    let tabel = stdout(&output);
    assert_eq!(code(&output), Some(0), "{tabel}{}", stderr(&output));
    let regels: Vec<&str> = tabel.lines().collect();
    assert_eq!(regels.len(), 5, "{tabel}");
    let kop: Vec<&str> = regels[0].split("  ").filter(|c| !c.is_empty()).collect();
    assert_eq!(
        kop.iter().map(|c| c.trim()).collect::<Vec<_>>(),
        ["nr", "vumID", "postcode", "afstand", "max. reisafstand"]
    );
    assert!(
        regels[4].starts_with(
            "3 match(es) voor werkzoekenden binnen 15 km van 1791AA, met rijbewijs C (vraagID "
        ),
        "{tabel}"
    );
    let vum_id = regels[1].split_whitespace().nth(1).unwrap().to_owned();
    let mut ids: Vec<String> = regels[1..4]
        .iter()
        .map(|r| keten.open(Kind::Werkzoekende, r.split_whitespace().nth(1).unwrap()))
        .collect();
    ids.sort();
    assert_eq!(ids, ["wz-t02", "wz-t03", "wz-t12"]);

    let output = vum_node(verbinding(&["detail", &vum_id])).await;
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    let detail: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(
        violations(vum_spec::Message::WerkzoekendeDetailResponse, &detail)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        detail["werkzoekende"]["idWerkzoekende"],
        keten.open(Kind::Werkzoekende, &vum_id)
    );

    // Vacancies, with the details of the first two printed after the table.
    let output = vum_node(verbinding(&[
        "vraag",
        "vacatures",
        "--postcode",
        "8881AA",
        "--afstand",
        "15",
        "--rijbewijs",
        "C",
        "--details",
        "2",
    ]))
    .await;
    let tekst = stdout(&output);
    assert_eq!(code(&output), Some(0), "{tekst}{}", stderr(&output));
    assert!(tekst.contains("2 match(es) voor vacatures binnen 15 km van 8881AA"));
    assert_eq!(tekst.matches("\"bronID\"").count(), 2, "{tekst}");

    // The processor's certificate asking for its controller.
    let before = keten.seen().len();
    let output = vum_node(verbinding(&[
        "vraag",
        "werkzoekenden",
        "--postcode",
        "1791AA",
        "--afstand",
        "2",
        "--cert",
        &format!("{pki}/bemiddelaar-verwerker.pem"),
        "--key",
        &format!("{pki}/bemiddelaar-verwerker.key"),
        "--from-party",
        oins::BEMIDDELAAR,
    ]))
    .await;
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    let seen = keten.seen();
    assert_eq!(seen.len(), before + 1);
    let laatste = &seen[before];
    assert_eq!(laatste.header("X-VUM-fromParty"), Some(oins::BEMIDDELAAR));
    assert_eq!(
        laatste.header("X-VUM-viaParty"),
        Some(oins::BEMIDDELAAR_VERWERKER)
    );
    assert_eq!(laatste.header("X-VUM-toParty"), Some(oins::UITWISSELING));
    std::fs::remove_dir_all(&pki).unwrap();
}

#[tokio::test]
async fn a_task_file_runs_from_the_command_line_and_the_fault_flag_is_hidden() {
    let keten = Keten::plain().await;
    let map = dir("taken");
    let taken = map.join("taken.json");
    std::fs::write(
        &taken,
        format!(
            r#"{{"versie": 1, "uitwisseling": "{}", "taken": [
                {{"nummer": 1, "omschrijving": "Zoek werkzoekenden binnen 15 km van 1791AA die rijbewijs C hebben; vraag het detail op van de eerste twee",
                  "zoek": {{"werkzoekenden": {{"postcode": "1791AA", "afstand": 15, "rijbewijzen": ["C"]}}}}, "details": 2}},
                {{"nummer": 2, "omschrijving": "Zoek vacatures binnen 15 km van 8881AA",
                  "zoek": {{"vacatures": {{"postcode": "8881AA", "afstand": 15}}}}}}
            ]}}"#,
            keten.base
        ),
    )
    .unwrap();
    let taken = taken.to_str().unwrap().to_owned();

    let output = vum_node(args(&["taken", &taken])).await;
    let tekst = stdout(&output);
    assert_eq!(code(&output), Some(0), "{tekst}{}", stderr(&output));
    assert!(tekst.starts_with("taak 1: Zoek werkzoekenden binnen 15 km van 1791AA die rijbewijs C hebben; vraag het detail op van de eerste twee\n  zoekopdracht: werkzoekenden binnen 15 km van 1791AA, met rijbewijs C\n  POST /werkzoekendeProfielen/matches → 200\n  GET /werkzoekendeProfielen/"), "{tekst}");
    assert!(
        tekst.contains("\n  antwoord: 3 match(es), vraagID "),
        "{tekst}"
    );
    assert!(
        tekst.contains("\n  antwoord: 9 match(es), vraagID "),
        "{tekst}"
    );
    assert_eq!(tekst.matches("\n  voltooid\n").count(), 2, "{tekst}");
    assert!(tekst.ends_with("2 van 2 taken voltooid\n"), "{tekst}");
    assert_eq!(keten.seen().len(), 4, "two questions, two details");

    // The hidden flag makes the client faulty on purpose; the exchange refuses the question.
    let output = vum_node(args(&[
        "taken",
        &taken,
        "--afwijking",
        "geen-selectiegebied",
    ]))
    .await;
    let tekst = stdout(&output);
    assert_eq!(code(&output), Some(1), "{tekst}{}", stderr(&output));
    assert!(
        tekst.contains("  POST /werkzoekendeProfielen/matches → 400\n"),
        "{tekst}"
    );
    assert!(tekst.ends_with("0 van 2 taken voltooid\n"), "{tekst}");
    let body: Value = serde_json::from_slice(&keten.seen()[4].body).unwrap();
    assert!(body["vraagObject"].get("selectiegebied").is_none());
    let help = vum_node(args(&["taken", "--help"])).await;
    assert!(!stdout(&help).contains("afwijking"), "{}", stdout(&help));
    let output = vum_node(args(&["taken", &taken, "--afwijking", "alles"])).await;
    assert_eq!(code(&output), Some(2));
    assert!(stderr(&output).contains("\"alles\" is geen afwijking; kies uit verkeerde-to-party"));

    // A broken task file names the task and the field.
    let kapot = map.join("kapot.json");
    std::fs::write(
        &kapot,
        r#"{"versie": 1, "taken": [{"nummer": 1, "omschrijving": "x", "zoek": {"werkzoekenden": {"postcode": "1791AA"}}}]}"#,
    )
    .unwrap();
    let output = vum_node(args(&[
        "taken",
        kapot.to_str().unwrap(),
        "--exchange",
        &keten.base,
    ]))
    .await;
    assert_eq!(code(&output), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "vum-node: {}: taak 1, veld zoek.werkzoekenden.afstand: ontbreekt\n",
            kapot.display()
        )
    );
    std::fs::remove_dir_all(&map).unwrap();
}

#[tokio::test]
async fn errors_name_the_flag_or_the_cause_with_documented_exit_codes() {
    let keten = Keten::plain().await;
    let vraag = |extra: &[&str]| {
        let mut v = args(&["vraag", "werkzoekenden", "--exchange", &keten.base]);
        v.extend(args(extra));
        v
    };
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            vraag(&["--postcode", "1791", "--afstand", "15"]),
            2,
            "vum-node: --postcode: \"1791\" is geen postcode 9999AA\n",
        ),
        (
            vraag(&["--postcode", "1791AA", "--afstand", "15", "--taal", "NL"]),
            2,
            "vum-node: --taal: \"NL\" is geen taalcode van drie kleine letters (ISO 639-3, zoals nld)\n",
        ),
        (
            vraag(&["--postcode", "1791AA", "--afstand", "15", "--details", "11"]),
            2,
            "vum-node: --details 11: de standaard staat 10 details per zoekvraag toe\n",
        ),
        (
            vraag(&[
                "--postcode",
                "1791AA",
                "--afstand",
                "15",
                "--beroep",
                "mailto:j.jansen@voorbeeld.nl",
            ]),
            2,
            "vum-node: werkzoekenden binnen 15 km van 1791AA, met als bemiddelingsberoep mailto:j.jansen@voorbeeld.nl: niet verstuurd: de zoekvraag bevat iets dat op een emailadres lijkt; een verzoek draagt nooit directe identificatoren\n",
        ),
        (
            args(&["detail", "1onbekend", "--exchange", &keten.base]),
            1,
            "vum-node: detail 1onbekend: de uitwisselingsvoorziening antwoordde 404 404.01: Niet gevonden (onbekend of verlopen vumID)\n",
        ),
        (
            args(&["detail", "111222333", "--exchange", &keten.base]),
            2,
            "vum-node: detail 111222333: niet verstuurd: het adres bevat iets dat op een bsn lijkt; een verzoek draagt nooit directe identificatoren\n",
        ),
        (
            args(&[
                "vraag",
                "vacatures",
                "--postcode",
                "8881AA",
                "--afstand",
                "15",
            ]),
            2,
            "vum-node: geef het adres van de uitwisselingsvoorziening met --exchange URL\n",
        ),
        (
            args(&[
                "vraag",
                "vacatures",
                "--postcode",
                "8881AA",
                "--afstand",
                "15",
                "--exchange",
                "https://localhost:1/api/v3",
            ]),
            2,
            "vum-node: https://localhost:1/api/v3 is https: mutual TLS vraagt een clientcertificaat, de sleutel en de CA\n",
        ),
        (
            args(&[
                "vraag",
                "vacatures",
                "--postcode",
                "8881AA",
                "--afstand",
                "15",
                "--exchange",
                &keten.base,
                "--cert",
                "x.pem",
            ]),
            2,
            "vum-node: mutual TLS vraagt --cert, --key en --ca samen, of --pki DIR\n",
        ),
    ];
    for (argumenten, verwacht, melding) in cases {
        let output = vum_node(argumenten.clone()).await;
        assert_eq!(
            code(&output),
            Some(verwacht),
            "{argumenten:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output), melding, "{argumenten:?}");
        assert!(stdout(&output).is_empty(), "{argumenten:?}");
    }
}
