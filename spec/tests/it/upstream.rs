//! Access to the upstream VUM material in `../shared/vum-upstream` (CI has it beside the clone).

use std::path::PathBuf;

use serde_json::Value;
use vum_spec::Contract;

/// The upstream directory: `$VUM_UPSTREAM`, or `../shared/vum-upstream` beside the workspace.
pub(crate) fn dir() -> PathBuf {
    let dir = std::env::var_os("VUM_UPSTREAM")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/vum-upstream")
        });
    assert!(
        dir.join("vum-docs").is_dir(),
        "the upstream VUM material is not at {} (set VUM_UPSTREAM or put shared/ beside the clone)",
        dir.display()
    );
    dir
}

/// An upstream 3.0.0 file, by its path under `vum-docs/`.
pub(crate) fn file(relative: &str) -> PathBuf {
    dir().join("vum-docs").join(relative)
}

/// The parsed JSON form of an upstream 3.0.0 contract.
pub(crate) fn contract(contract: Contract) -> Value {
    let path = file(&format!("OAS_Contracten/{}.json", contract.name()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A validator for the schema at `pointer` in an upstream contract (OpenAPI 3.0, so draft 4
/// semantics), with formats checked like ours.
pub(crate) fn validator(contract: &Value, pointer: &str) -> jsonschema::Validator {
    let mut schema = contract
        .pointer(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer}"))
        .clone();
    // Internal references point at `#/components/…`; give the sub-schema the same components.
    schema["components"] = contract["components"].clone();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}
