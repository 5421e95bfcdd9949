//! Checks the hand-written header `include/checksum.h` against the library:
//! every exported function is declared, and a C program compiled with
//! `-Wall -Werror` against the header links with `libffi_checksum.a` and
//! gets the answers the Rust tests expect. A header that drifts from the
//! code fails here rather than in the Go program.

use std::path::{Path, PathBuf};
use std::process::Command;

const HEADER: &str = include_str!("../include/checksum.h");
const FFI_SOURCE: &str = include_str!("../src/ffi.rs");

/// The directory cargo builds into (`target/debug` for `cargo test`): this
/// test binary lives in its `deps/` folder, and the static library of this
/// crate is built beside it, because the library target is compiled with
/// all its crate types before the tests.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary has a path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps/<test>")
        .to_path_buf()
}

/// The C archive the program links. `cargo test` compiles one too, but only
/// under a hashed name in `deps/`, so the archive is built here, into a
/// target directory of its own: a cargo started by a test must not wait for
/// the lock held by the cargo running it.
fn static_library() -> PathBuf {
    let target = profile_dir()
        .parent()
        .expect("target/<profile>")
        .join("ffi-staticlib");
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--quiet",
            "--lib",
            "-p",
            "ffi-checksum",
            "--target-dir",
        ])
        .arg(&target)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo could not build the staticlib");
    let library = target.join("debug").join("libffi_checksum.a");
    assert!(library.exists(), "{} was not built", library.display());
    library
}

/// Number of parameters in the list that starts right after `open`, the
/// index of a `(`.
fn arity(text: &str, open: usize) -> usize {
    let params = &text[open + 1..open + text[open..].find(')').expect("a closing parenthesis")];
    params.split(',').filter(|p| !p.trim().is_empty()).count()
}

/// The functions `src/ffi.rs` exports, with their number of parameters.
fn exported() -> Vec<(&'static str, usize)> {
    const PREFIX: &str = "pub unsafe extern \"C\" fn ";
    FFI_SOURCE
        .match_indices(PREFIX)
        .map(|(at, _)| {
            let name_at = at + PREFIX.len();
            let open = name_at + FFI_SOURCE[name_at..].find('(').expect("a parameter list");
            (&FFI_SOURCE[name_at..open], arity(FFI_SOURCE, open))
        })
        .collect()
}

/// Number of parameters of `name` as declared in the header, if it is: a
/// declaration is `<type> name(` or `<type> *name(`.
fn declared(name: &str) -> Option<usize> {
    let needle = format!("{name}(");
    HEADER
        .match_indices(&needle)
        .find(|(at, _)| matches!(HEADER[..*at].chars().last(), Some(' ' | '*')))
        .map(|(at, _)| arity(HEADER, at + name.len()))
}

#[test]
fn every_exported_function_is_declared_with_its_arity() {
    let exported = exported();
    assert_eq!(exported.len(), 4, "found {exported:?}");
    for (name, rust_arity) in exported {
        let c_arity = declared(name).unwrap_or_else(|| panic!("{name} is missing from checksum.h"));
        assert_eq!(c_arity, rust_arity, "parameters of {name}: header vs Rust");
    }
}

#[test]
fn status_codes_match() {
    use ffi_checksum::ffi::{CKS_BUFFER_TOO_SMALL, CKS_NULL_POINTER, CKS_OK, CKS_PANIC};
    let cases = [
        ("CKS_OK", CKS_OK.to_string()),
        ("CKS_NULL_POINTER", format!("({CKS_NULL_POINTER})")),
        ("CKS_BUFFER_TOO_SMALL", format!("({CKS_BUFFER_TOO_SMALL})")),
        ("CKS_PANIC", format!("({CKS_PANIC})")),
    ];
    for (name, value) in cases {
        let line = format!("#define {name} {value}");
        assert!(
            HEADER.lines().any(|l| l == line),
            "checksum.h lacks `{line}`"
        );
    }
}

#[test]
fn a_c_program_compiles_links_and_runs_against_the_header() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let library = static_library();
    let exe = profile_dir().join("ffi-checksum-use-header");

    // The libraries after the archive are what
    // `cargo rustc -p ffi-checksum --lib --crate-type staticlib -- --print native-static-libs`
    // lists for Linux; the Go side links with the same list.
    let compiled = Command::new("cc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(manifest.join("include"))
        .arg(manifest.join("tests/c/use_header.c"))
        .arg(&library)
        .args([
            "-lgcc_s",
            "-lutil",
            "-lrt",
            "-lpthread",
            "-lm",
            "-ldl",
            "-lc",
            "-o",
        ])
        .arg(&exe)
        .output()
        .expect("cc runs");
    assert!(
        compiled.status.success(),
        "cc failed:\n{}",
        String::from_utf8_lossy(&compiled.stderr)
    );

    let ran = Command::new(&exe).output().expect("the C program runs");
    assert!(
        ran.status.success(),
        "C checks failed:\n{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&ran.stdout), "ok\n");
}
