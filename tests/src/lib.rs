//! Workspace-level tests live in `suite/`.
