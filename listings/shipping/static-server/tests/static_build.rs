//! The server built as a static executable, both ways the "Shipping static
//! binaries" chapter shows, then started and asked for `/healthz`. Each
//! test is a full release build of the dependency tree into its own target
//! directory (`target/static`), minutes rather than seconds, so this file is
//! declared with `test = false` in Cargo.toml: plain `cargo test` and
//! `cargo xtask test` skip it, and it runs when named:
//! `cargo test -p shipping-static-server --test static_build`.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::{healthz, interpreter};
use testkit::Twin;

// ANCHOR: static
/// Builds the server the way the chapter does, into its own target
/// directory so the flags do not invalidate the ordinary build, and returns
/// the binary.
fn build_static(target: &str, rustflags: &str) -> PathBuf {
    let target_dir = testkit::book_root().join("target/static");
    let status = Command::new(env!("CARGO"))
        .current_dir(testkit::book_root())
        .args([
            "build",
            "--release",
            "-p",
            "shipping-static-server",
            "--target",
            target,
        ])
        .env("RUSTFLAGS", rustflags)
        .env("CARGO_TARGET_DIR", &target_dir)
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the static build failed");
    target_dir.join(target).join("release/static-server")
}

#[test]
fn a_crt_static_glibc_build_has_no_interpreter_and_serves() {
    let binary = build_static("x86_64-unknown-linux-gnu", "-C target-feature=+crt-static");
    assert_eq!(interpreter(&binary), None);
    let server = Twin::prebuilt("rust", &binary).start();
    assert!(healthz(&server).ends_with("\r\n\r\nok"));
    assert!(server.terminate().success());
}

#[test]
/// Needs `rustup target add x86_64-unknown-linux-musl` first.
fn a_musl_build_has_no_interpreter_and_serves() {
    let binary = build_static("x86_64-unknown-linux-musl", "");
    assert_eq!(interpreter(&binary), None);
    let server = Twin::prebuilt("rust", &binary).start();
    assert!(healthz(&server).ends_with("\r\n\r\nok"));
    assert!(server.terminate().success());
}
// ANCHOR_END: static
