//! The `one-build` stage: `cargo xtask` compiles xtask alone (`cargo run -p
//! xtask`), and cargo unifies dependency features over the packages it
//! builds, so xtask's dependencies would be compiled with other features
//! than `cargo test --workspace` compiles them with, and a fresh run would
//! build those crates twice. xtask/Cargo.toml asks for the workspace's
//! features; this stage fails when that drifts.
//!
//! It compares cargo's own artifacts: the files `cargo build -p xtask`
//! makes must all be among those `cargo test --workspace --no-run` makes
//! (their names carry the hash of features and dependencies). After the
//! `rust` stage both commands find everything built and take seconds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::env::cargo_binary;

/// One compiled unit, as cargo reports it with `--message-format=json`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// `tokio 1.54.1` (from the package id).
    pub package: String,
    /// The target's name and kind: `tokio (lib)`, `serde (custom-build)`.
    pub target: String,
    pub features: Vec<String>,
    pub filenames: Vec<String>,
}

/// The artifacts of `cargo ARGS --message-format=json`, in `root`.
fn artifacts(root: &Path, args: &[&str]) -> Result<Vec<Artifact>> {
    let what = format!("cargo {} --message-format=json", args.join(" "));
    let output = Command::new(cargo_binary())
        .args(args)
        .arg("--message-format=json")
        .current_dir(root)
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("cannot run {what}"))?;
    if !output.status.success() {
        bail!("`{what}` failed ({})", output.status);
    }
    Ok(parse(&String::from_utf8_lossy(&output.stdout)))
}

/// The `compiler-artifact` messages among cargo's JSON lines.
fn parse(json_lines: &str) -> Vec<Artifact> {
    let strings = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    json_lines
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .map(|message| {
            let id = message["package_id"].as_str().unwrap_or_default();
            // `registry+https://...#tokio@1.54.1` or `path+file:///...#0.1.0`.
            let package = match id.rsplit_once('#') {
                Some((_, name_version)) if name_version.contains('@') => {
                    name_version.replacen('@', " ", 1)
                }
                Some((path, version)) => {
                    let name = path.rsplit('/').next().unwrap_or(path);
                    format!("{name} {version}")
                }
                None => id.to_owned(),
            };
            let kind = strings(&message["target"]["kind"]).join(",");
            Artifact {
                package,
                target: format!(
                    "{} ({kind})",
                    message["target"]["name"].as_str().unwrap_or("?")
                ),
                features: strings(&message["features"]),
                filenames: strings(&message["filenames"]),
            }
        })
        .collect()
}

/// What xtask's build compiles that the workspace's test build does not
/// (a file the latter never makes), each with the features it gets in both.
pub fn second_builds(xtask: &[Artifact], workspace: &[Artifact]) -> Vec<String> {
    let made: BTreeSet<&str> = workspace
        .iter()
        .flat_map(|a| a.filenames.iter().map(String::as_str))
        .collect();
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for artifact in xtask {
        // xtask's own binary is built for `cargo xtask` only.
        if artifact.target == "xtask (bin)"
            || artifact.filenames.iter().all(|f| made.contains(f.as_str()))
        {
            continue;
        }
        let there: Vec<&Artifact> = workspace
            .iter()
            .filter(|a| a.package == artifact.package && a.target == artifact.target)
            .collect();
        let how = if there.iter().any(|a| a.features == artifact.features) {
            "the workspace's features, built again over a dependency listed here".to_owned()
        } else {
            let sets: Vec<String> = there
                .iter()
                .map(|a| format!("[{}]", a.features.join(", ")))
                .collect();
            format!(
                "features [{}] for xtask, {} for the workspace's tests",
                artifact.features.join(", "),
                if sets.is_empty() {
                    "not built".to_owned()
                } else {
                    sets.join(" or ")
                }
            )
        };
        found.insert(format!("{} {}", artifact.package, artifact.target), how);
    }
    found
        .into_iter()
        .map(|(unit, how)| format!("  {unit}: {how}"))
        .collect()
}

/// The line of xtask/Cargo.toml where the aligned features are explained.
fn manifest_line(root: &Path) -> usize {
    std::fs::read_to_string(root.join("xtask/Cargo.toml"))
        .unwrap_or_default()
        .lines()
        .position(|l| l.contains("One build of each crate"))
        .map_or(1, |i| i + 1)
}

/// The stage: fails, naming xtask/Cargo.toml, when `cargo xtask` compiles a
/// crate that `cargo test --workspace` compiles differently.
pub fn check(root: &Path) -> Result<()> {
    let workspace = artifacts(root, &["test", "--workspace", "--no-run"])?;
    let xtask = artifacts(root, &["build", "-p", "xtask"])?;
    let twice = second_builds(&xtask, &workspace);
    if !twice.is_empty() {
        bail!(
            "xtask/Cargo.toml:{}: `cargo xtask` compiles {} unit(s) that `cargo test --workspace` \
             compiles with other features (or other dependencies), so a fresh run builds them \
             twice:\n{}\nAsk for the workspace's features in xtask's [dependencies] (see the \
             comment there); a unit listed because of another one goes away with it.",
            manifest_line(root),
            twice.len(),
            twice.join("\n")
        );
    }
    eprintln!(
        "xtask's {} compiled units are all among the workspace tests' {}",
        xtask.len(),
        workspace.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{parse, second_builds};

    const WORKSPACE: &str = r#"{"reason":"compiler-artifact","package_id":"registry+https://github.com/rust-lang/crates.io-index#tokio@1.54.1","target":{"kind":["lib"],"name":"tokio"},"features":["full","test-util"],"filenames":["/t/debug/deps/libtokio-aaaa.rlib"],"fresh":true}
{"reason":"build-finished","success":true}"#;

    #[test]
    fn reads_cargo_artifact_messages() {
        let artifacts = parse(WORKSPACE);
        assert_eq!(artifacts.len(), 1);
        assert_eq!(artifacts[0].package, "tokio 1.54.1");
        assert_eq!(artifacts[0].target, "tokio (lib)");
        assert_eq!(artifacts[0].features, ["full", "test-util"]);
    }

    #[test]
    fn a_crate_compiled_with_other_features_is_a_second_build() {
        let workspace = parse(WORKSPACE);
        let same = parse(WORKSPACE);
        assert!(second_builds(&same, &workspace).is_empty());
        let other = parse(
            &WORKSPACE
                .replace(r#","test-util""#, "")
                .replace("aaaa", "bbbb"),
        );
        let twice = second_builds(&other, &workspace);
        assert_eq!(
            twice,
            [
                "  tokio 1.54.1 tokio (lib): features [full] for xtask, [full, test-util] for the workspace's tests"
            ]
        );
    }
}
