//! `cargo metadata` for the workspace, read the same way by build.rs (which
//! finds the files the crates compile) and by the library (which finds the
//! packages' directories). build.rs cannot use its own crate, so it
//! compiles this file too, with `#[path]`.

use std::path::Path;
use std::process::Command;

/// The workspace's own packages (`--no-deps`) as cargo describes them.
pub fn workspace_packages(root: &Path) -> Vec<serde_json::Value> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    match metadata["packages"].take() {
        serde_json::Value::Array(packages) => packages,
        _ => panic!("cargo metadata lists no packages"),
    }
}
