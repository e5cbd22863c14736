//! Golden outputs of the `vum-spec` command line: the catalogue, the messages, the lint findings
//! on the upstream source contracts, the drift from upstream. Paths are normalised; a deliberate
//! change is accepted with `INSTA_UPDATE=always cargo test -p vum-spec golden`.

use std::process::Command;

use crate::upstream;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vum-spec"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    let upstream = upstream::dir().display().to_string();
    settings.add_filter(&regex_escape(&upstream), "[upstream]");
    settings.add_filter(&regex_escape(env!("CARGO_MANIFEST_DIR")), "[spec]");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[test]
fn the_catalogue_and_the_messages() {
    let (code, catalogue) = run(&["requirements"]);
    assert_eq!(code, Some(0));
    let (code, messages) = run(&["messages"]);
    assert_eq!(code, Some(0));
    settings().bind(|| {
        insta::assert_snapshot!("requirements", catalogue);
        insta::assert_snapshot!("messages", messages);
    });
}

#[test]
fn the_lint_findings_on_the_upstream_source_contracts() {
    let wz = upstream::file("OAS_Contracten/VUM-Bron-WerkzoekendeProfielen.yaml");
    let vac = upstream::file("OAS_Contracten/VUM-Bron-Vacatures.yaml");
    let (code, findings) = run(&["lint", wz.to_str().unwrap(), vac.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    settings().bind(|| insta::assert_snapshot!("lint-upstream", findings));
}

#[test]
fn the_drift_from_upstream() {
    let contracts = upstream::dir().join("vum-docs/OAS_Contracten");
    let (code, drift) = run(&["drift", "--upstream", contracts.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{drift}");
    settings().bind(|| insta::assert_snapshot!("drift", drift));
}
