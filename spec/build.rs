//! Embeds the committed files of `schema/<version>/` and `testdata/<version>/` in the library, so
//! that validation and the demo data always use exactly the files that are committed (and checked
//! fresh by the tests).

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let mut out = String::new();
    embed(&mut out, "FILES", &root.join("schema").join("3.0.0"))?;
    embed(&mut out, "TESTDATA", &root.join("testdata").join("3.0.0"))?;
    fs::write(
        PathBuf::from(env::var("OUT_DIR")?).join("committed.rs"),
        out,
    )?;
    Ok(())
}

/// Writes `static NAME: &[(file name, text)]` for the JSON and Markdown files of `dir` (none if
/// it is absent).
fn embed(out: &mut String, name: &str, dir: &Path) -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    if dir.is_dir() {
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "json" || e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    writeln!(
        out,
        "/// Committed files of `{}`: (file name, text).",
        dir.display()
    )?;
    writeln!(out, "pub(crate) static {name}: &[(&str, &str)] = &[")?;
    for path in &files {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("file name is not UTF-8")?;
        writeln!(
            out,
            "    ({file:?}, include_str!({:?})),",
            path.display().to_string()
        )?;
    }
    out.push_str("];\n");
    Ok(())
}
