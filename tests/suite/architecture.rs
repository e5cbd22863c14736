//! Architecture invariants a test can hold by reading the sources: the spec library does no IO;
//! the harness library never depends on a node implementation (only the binary's embedded demo may
//! use the reference node) nor on the source tree at run time; the node writes no JSON by hand;
//! no two files of one crate import each other.

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
    let binary = src.join("bin");
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(&binary))
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

#[test]
fn the_harness_reads_nothing_from_the_source_tree_at_run_time() {
    let src = src("conformance");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("CARGO_MANIFEST_DIR")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "the harness would need its build tree to run: {offenders:?}"
    );
}

/// The non-test code of a source file: up to its `#[cfg(test)]` module, without comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => &text,
    };
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_node_builds_every_body_from_vum_spec_types() {
    let src = src("reference");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for path in files.iter().filter(|f| !f.starts_with(src.join("bin"))) {
        let text = code(path);
        for (line, content) in text.lines().enumerate() {
            let by_hand = content.contains("json!(")
                || (content.contains("format!(") && content.contains("{{\\\""));
            if by_hand {
                offenders.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    line + 1,
                    content.trim()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "JSON written by hand instead of a vum-spec type: {offenders:#?}"
    );
}

/// The module a `use` path or inline path names, as a file of the crate, if it is one.
fn module_file(src: &Path, from: &Path, path: &str) -> Option<PathBuf> {
    let segments: Vec<&str> = path.split("::").collect();
    let (mut dir, rest): (PathBuf, &[&str]) = match *segments.first()? {
        "crate" => (src.to_path_buf(), &segments[1..]),
        "super" => {
            // `super` of `a/b.rs` is `a.rs` (its module `a`), whose children live in `a/`.
            let parent = from.parent()?;
            (parent.parent()?.join(parent.file_name()?), &segments[1..])
        }
        "self" => (from.with_extension(""), &segments[1..]),
        _ => return None,
    };
    let mut found = None;
    for segment in rest {
        let file = dir.join(format!("{segment}.rs"));
        if file.is_file() {
            found = Some(file);
            dir = dir.join(segment);
        } else {
            break;
        }
    }
    found.or_else(|| {
        let file = dir.with_extension("rs");
        file.is_file().then_some(file)
    })
}

/// Whether `file` is the module of `ancestor` or below it (`a.rs` is an ancestor of `a/b.rs`).
fn is_below(file: &Path, ancestor: &Path) -> bool {
    file == ancestor || file.starts_with(ancestor.with_extension(""))
}

#[test]
fn no_two_files_of_a_crate_import_each_other() {
    let path_re = |text: &str| -> Vec<String> {
        let mut out = Vec::new();
        for start in ["crate::", "super::", "self::"] {
            let mut rest = text;
            while let Some(at) = rest.find(start) {
                let tail = &rest[at..];
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(tail.len());
                out.push(tail[..end].trim_end_matches(':').to_owned());
                rest = &tail[start.len()..];
            }
        }
        out
    };
    let mut cycles = Vec::new();
    for member in ["spec", "reference", "conformance", "tests"] {
        let src = src(member);
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut edges: std::collections::BTreeSet<(PathBuf, PathBuf)> = Default::default();
        for file in &files {
            for path in path_re(&code(file)) {
                let Some(target) = module_file(&src, file, &path) else {
                    continue;
                };
                // A module uses its own children freely; what counts is a file reaching outside
                // itself.
                if target != *file && !is_below(&target, file) {
                    edges.insert((file.clone(), target));
                }
            }
        }
        for (a, b) in &edges {
            if edges.contains(&(b.clone(), a.clone()))
                && a < b
                && !is_below(a, b)
                && !is_below(b, a)
            {
                cycles.push(format!("{} <-> {}", a.display(), b.display()));
            }
        }
    }
    assert!(cycles.is_empty(), "files importing each other: {cycles:#?}");
}

/// AV-ORG-005 as the reference node declares it: changes are in the changelog before a version
/// appears. The newest section is "Unreleased" or the workspace's version, and it says something.
#[test]
fn the_changelog_names_the_current_version() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../CHANGELOG.md"))
            .unwrap();
    let mut sections = text.split("\n## ").skip(1);
    let newest = sections.next().expect("CHANGELOG.md has no ## section");
    let heading = newest.lines().next().unwrap_or_default().trim();
    assert!(
        heading == "Unreleased" || heading.starts_with(env!("CARGO_PKG_VERSION")),
        "the newest section of CHANGELOG.md is {heading:?}, not Unreleased or {}",
        env!("CARGO_PKG_VERSION")
    );
    assert!(
        newest.lines().filter(|l| l.starts_with("* ")).count() > 0,
        "the newest section of CHANGELOG.md lists no change"
    );
}
