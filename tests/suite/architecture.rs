//! Architecture invariants a test can hold by reading the sources: the spec library does no IO,
//! and the harness library never depends on a node implementation (only the binary's embedded
//! demo, `src/main.rs` and `src/embedded.rs`, may use the reference node).

use std::path::{Path, PathBuf};

/// The `src/` directory of a workspace member.
fn src(member: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(member)
        .join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_spec_library_does_no_io() {
    let src = src("spec");
    let forbidden = [
        "std::fs",
        "std::net",
        "File::",
        "TcpStream",
        "std::process",
        "std::env",
    ];
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10);
    let mut offenders = Vec::new();
    for path in files {
        if path == src.join("main.rs") {
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

#[test]
fn the_harness_library_never_uses_the_reference_node() {
    let src = src("conformance");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let binary_only = [src.join("main.rs"), src.join("embedded.rs")];
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !binary_only.contains(f))
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("vum_reference")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(files.len() > 10);
    assert!(
        offenders.is_empty(),
        "library files using the reference node: {offenders:?}"
    );
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    assert!(
        !lib.contains("mod embedded"),
        "the embedded demo belongs to the binary"
    );
}
