//! Architecture invariants that a test can hold: the spec library does no IO.

use std::path::PathBuf;

#[test]
fn the_spec_library_does_no_io() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let forbidden = [
        "std::fs",
        "std::net",
        "File::",
        "TcpStream",
        "std::process",
        "std::env",
    ];
    let mut offenders = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "main.rs") {
            continue; // the CLI is where files are read and written
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for word in forbidden {
            if text.contains(word) {
                offenders.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "IO in the spec library: {offenders:?}"
    );
}
