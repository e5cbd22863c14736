//! `MANIFEST.sha256`: every file of a bundle with its SHA-256, in the format of `sha256sum`
//! (`<64 hex digits>  <path>`, one per line, paths sorted byte-wise, `/` between directories), so
//! that `sha256sum -c MANIFEST.sha256` checks a bundle too. Optionally signed: `MANIFEST.sha256.jws`
//! is a compact JWS (EdDSA, [`crate::jws`]) whose payload is the manifest's exact bytes.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::jws::{JwsError, SigningKey, VerifyingKey};

/// The manifest's file name.
pub const MANIFEST: &str = "MANIFEST.sha256";
/// The signature's file name.
pub const HANDTEKENING: &str = "MANIFEST.sha256.jws";
/// The `typ` of the signature's header.
pub const JWS_TYPE: &str = "vum-manifest+jws";

/// The lowercase hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The manifest of a set of files (path → bytes); the manifest and its signature are left out.
pub fn manifest(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut out = String::new();
    for (path, bytes) in files {
        if path == MANIFEST || path == HANDTEKENING {
            continue;
        }
        out.push_str(&sha256_hex(bytes));
        out.push_str("  ");
        out.push_str(path);
        out.push('\n');
    }
    out
}

/// A manifest line that is not `<64 hex>  <path>` with a relative path.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{MANIFEST} regel {line}: {reason}")]
pub struct ManifestFout {
    /// The line (1-based).
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// The entries of a manifest: path → SHA-256 (lowercase hex).
pub fn lees(text: &str) -> Result<BTreeMap<String, String>, ManifestFout> {
    let mut entries = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let fout = |reason: &str| ManifestFout {
            line: index + 1,
            reason: reason.to_owned(),
        };
        if line.is_empty() {
            continue;
        }
        let (hash, rest) = line
            .split_at_checked(64)
            .ok_or_else(|| fout("geen SHA-256 van 64 hexadecimale tekens"))?;
        if !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(fout("geen SHA-256 van 64 hexadecimale tekens"));
        }
        let path = rest
            .strip_prefix("  ")
            .or_else(|| rest.strip_prefix(" *"))
            .ok_or_else(|| fout("na de SHA-256 volgen twee spaties en het pad"))?;
        let unsafe_path = path.is_empty()
            || path.starts_with('/')
            || path.contains('\\')
            || path
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..");
        if unsafe_path {
            return Err(fout(&format!(
                "het pad {path:?} is geen relatief pad binnen de bundel"
            )));
        }
        if entries
            .insert(path.to_owned(), hash.to_ascii_lowercase())
            .is_some()
        {
            return Err(fout(&format!("{path} staat twee keer in het manifest")));
        }
    }
    Ok(entries)
}

/// What checking a bundle's files against its manifest found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Controle {
    /// Files the manifest lists, with the right hash.
    pub in_orde: usize,
    /// Files the manifest lists that are not there.
    pub ontbrekend: Vec<String>,
    /// Files whose bytes differ from the manifest.
    pub gewijzigd: Vec<String>,
    /// Files that are there but not in the manifest (the manifest and its signature aside).
    pub extra: Vec<String>,
}

impl Controle {
    /// Whether every file is there, unchanged, and nothing else.
    pub fn is_geldig(&self) -> bool {
        self.ontbrekend.is_empty() && self.gewijzigd.is_empty() && self.extra.is_empty()
    }

    /// One Dutch line per finding (`ontbreekt: …`, `gewijzigd: …`, `extra: …`), sorted by path
    /// within each kind.
    pub fn regels(&self) -> Vec<String> {
        self.ontbrekend
            .iter()
            .map(|p| format!("ontbreekt: {p}"))
            .chain(self.gewijzigd.iter().map(|p| format!("gewijzigd: {p}")))
            .chain(self.extra.iter().map(|p| format!("extra: {p}")))
            .collect()
    }
}

/// Checks the files of a bundle (path relative to its directory → bytes) against its manifest.
pub fn controleer(
    manifest_text: &str,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Controle, ManifestFout> {
    let entries = lees(manifest_text)?;
    let mut controle = Controle::default();
    for (path, hash) in &entries {
        match files.get(path) {
            None => controle.ontbrekend.push(path.clone()),
            Some(bytes) if sha256_hex(bytes) != *hash => controle.gewijzigd.push(path.clone()),
            Some(_) => controle.in_orde += 1,
        }
    }
    controle.extra = files
        .keys()
        .filter(|p| *p != MANIFEST && *p != HANDTEKENING && !entries.contains_key(*p))
        .cloned()
        .collect();
    Ok(controle)
}

/// Signs a manifest: a compact JWS over its exact bytes, with the version in the header.
/// Ed25519 is deterministic, so the same key signs the same manifest to the same bytes.
pub fn onderteken(manifest_text: &str, versie: &str, key: &SigningKey) -> String {
    let mut header = Map::new();
    header.insert("typ".to_owned(), Value::from(JWS_TYPE));
    header.insert("versie".to_owned(), Value::from(versie));
    let mut jws = key.sign(header, manifest_text.as_bytes());
    jws.push('\n');
    jws
}

/// Why a signature does not hold.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HandtekeningFout {
    /// The JWS itself does not verify.
    #[error("{HANDTEKENING}: {0}")]
    Jws(#[from] JwsError),
    /// It verifies, but over other bytes than the manifest.
    #[error("{HANDTEKENING} ondertekent een ander manifest dan {MANIFEST}")]
    AnderManifest,
}

/// Checks a manifest's signature with the programme's public key.
pub fn controleer_handtekening(
    manifest_text: &[u8],
    jws: &str,
    key: &VerifyingKey,
) -> Result<(), HandtekeningFout> {
    let verified = key.verify(jws)?;
    if verified.payload != manifest_text {
        return Err(HandtekeningFout::AnderManifest);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        entries
            .iter()
            .map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn the_manifest_is_sha256sum_and_names_every_difference() {
        let bundle = files(&[("b/x.txt", "x"), ("a.txt", "a"), (MANIFEST, "ignored")]);
        let text = manifest(&bundle);
        assert_eq!(
            text,
            format!(
                "{}  a.txt\n{}  b/x.txt\n",
                sha256_hex(b"a"),
                sha256_hex(b"x")
            )
        );
        assert!(controleer(&text, &bundle).unwrap().is_geldig());
        let changed = files(&[("b/x.txt", "y"), ("c.txt", "c"), (HANDTEKENING, "sig")]);
        let controle = controleer(&text, &changed).unwrap();
        assert_eq!(controle.ontbrekend, ["a.txt"]);
        assert_eq!(controle.gewijzigd, ["b/x.txt"]);
        assert_eq!(controle.extra, ["c.txt"]);
        assert_eq!(
            controle.regels(),
            ["ontbreekt: a.txt", "gewijzigd: b/x.txt", "extra: c.txt"]
        );
        assert!(!controle.is_geldig());
    }

    #[test]
    fn bad_lines_are_named() {
        let hash = sha256_hex(b"a");
        assert_eq!(lees(&format!("{hash} *a.txt\n")).unwrap()["a.txt"], hash);
        for (line, reason) in [
            ("abc  a.txt".to_owned(), "64 hexadecimale"),
            (format!("{hash} a.txt"), "twee spaties"),
            (format!("{hash}  ../a.txt"), "geen relatief pad"),
            (format!("{hash}  /etc/passwd"), "geen relatief pad"),
            (format!("{hash}  a.txt\n{hash}  a.txt"), "twee keer"),
        ] {
            let e = lees(&line).unwrap_err();
            assert!(e.to_string().contains(reason), "{line}: {e}");
        }
    }

    #[test]
    fn a_signature_covers_the_manifest_bytes() {
        let (private, public) = SigningKey::generate().unwrap();
        let key = SigningKey::from_pem(&private).unwrap();
        let verifying = VerifyingKey::from_pem(&public).unwrap();
        let text = manifest(&files(&[("a.txt", "a")]));
        let jws = onderteken(&text, "3.0.0", &key);
        assert_eq!(jws, onderteken(&text, "3.0.0", &key), "deterministic");
        controleer_handtekening(text.as_bytes(), &jws, &verifying).unwrap();
        assert_eq!(
            controleer_handtekening(b"other", &jws, &verifying),
            Err(HandtekeningFout::AnderManifest)
        );
        let (_, other) = SigningKey::generate().unwrap();
        let other = VerifyingKey::from_pem(&other).unwrap();
        assert!(matches!(
            controleer_handtekening(text.as_bytes(), &jws, &other),
            Err(HandtekeningFout::Jws(JwsError::Signature))
        ));
    }
}
