//! Embeds the committed files of every version in the registry (`versions.toml`) in the library:
//! `schema/<version>/`, `testdata/<version>/`, `requirements/<version>.toml` and
//! `profiles/<version>.toml`, so that validation, the catalogue and the demo data always use
//! exactly the files that are committed (and checked fresh by the tests). Also writes the number
//! of the newest `actief` version, which `vum_spec::VERSION` is.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[derive(serde::Deserialize)]
struct Registry {
    versie: Vec<Entry>,
}

#[derive(serde::Deserialize)]
struct Entry {
    nummer: String,
    status: String,
}

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let registry_file = root.join("versions.toml");
    println!("cargo::rerun-if-changed={}", registry_file.display());
    let registry: Registry = toml::from_str(&fs::read_to_string(&registry_file)?)
        .map_err(|e| format!("{}: {e}", registry_file.display()))?;
    let newest_active = registry
        .versie
        .iter()
        .rev()
        .find(|v| v.status == "actief")
        .ok_or("versions.toml: no version is actief")?;
    let versions: Vec<&str> = registry.versie.iter().map(|v| v.nummer.as_str()).collect();

    let mut out = String::new();
    let numbers: Vec<u32> = newest_active
        .nummer
        .split('.')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("versions.toml: {}: {e}", newest_active.nummer))?;
    let [major, minor, patch] = numbers[..] else {
        return Err(format!(
            "versions.toml: {} is not MAJOR.MINOR.PATCH",
            newest_active.nummer
        )
        .into());
    };
    writeln!(
        out,
        "/// The newest `actief` version of `versions.toml`.\npub(crate) const NIEUWSTE_ACTIEVE: &str = {:?};",
        newest_active.nummer
    )?;
    writeln!(
        out,
        "/// Its number.\npub(crate) const NIEUWSTE_ACTIEVE_NUMMER: (u32, u32, u32) = ({major}, {minor}, {patch});"
    )?;
    writeln!(
        out,
        "/// The base path of its API.\npub(crate) const NIEUWSTE_ACTIEVE_BASISPAD: &str = \"/api/v{major}\";"
    )?;
    directories(&mut out, "SCHEMAS", &root.join("schema"), &versions)?;
    directories(&mut out, "TESTDATA", &root.join("testdata"), &versions)?;
    tomls(
        &mut out,
        "REQUIREMENTS",
        &root.join("requirements"),
        &versions,
    )?;
    tomls(&mut out, "PROFILES", &root.join("profiles"), &versions)?;
    fs::write(
        PathBuf::from(env::var("OUT_DIR")?).join("committed.rs"),
        out,
    )?;
    Ok(())
}

/// Writes `static NAME: &[(version, &[(file name, text)])]` with the JSON and Markdown files of
/// `base/<version>/` for every version (an empty list where the directory is absent).
fn directories(
    out: &mut String,
    name: &str,
    base: &Path,
    versions: &[&str],
) -> Result<(), Box<dyn Error>> {
    writeln!(
        out,
        "/// Committed files of `{}/<version>/`: (version, [(file name, text)]).",
        base.display()
    )?;
    writeln!(
        out,
        "pub(crate) static {name}: &[(&str, &[(&str, &str)])] = &["
    )?;
    for version in versions {
        let dir = base.join(version);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut files = Vec::new();
        if dir.is_dir() {
            for entry in fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "json" || e == "md") {
                    files.push(path);
                }
            }
        }
        files.sort();
        writeln!(out, "    ({version:?}, &[")?;
        for path in &files {
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or("file name is not UTF-8")?;
            writeln!(
                out,
                "        ({file:?}, include_str!({:?})),",
                path.display().to_string()
            )?;
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    Ok(())
}

/// Writes `static NAME: &[(version, text)]` with `base/<version>.toml` of every version that has
/// one.
fn tomls(
    out: &mut String,
    name: &str,
    base: &Path,
    versions: &[&str],
) -> Result<(), Box<dyn Error>> {
    writeln!(
        out,
        "/// Committed `{}/<version>.toml` files: (version, text).",
        base.display()
    )?;
    writeln!(out, "pub(crate) static {name}: &[(&str, &str)] = &[")?;
    println!("cargo::rerun-if-changed={}", base.display());
    for version in versions {
        let file = base.join(format!("{version}.toml"));
        println!("cargo::rerun-if-changed={}", file.display());
        if file.is_file() {
            writeln!(
                out,
                "    ({version:?}, include_str!({:?})),",
                file.display().to_string()
            )?;
        }
    }
    out.push_str("];\n");
    Ok(())
}
