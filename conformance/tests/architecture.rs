//! The harness library never depends on a node implementation: only the binary's embedded demo
//! (`src/main.rs`, `src/embedded.rs`) may use the reference node.

// A test crate: a panic is a failed test with its location, so helpers may unwrap too.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

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
fn the_library_never_uses_the_reference_node() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
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
