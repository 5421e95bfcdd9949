//! What a test can say about how the server was linked. An ELF executable
//! that needs the dynamic loader names it in a `PT_INTERP` program header
//! (`/lib64/ld-linux-x86-64.so.2` on x86-64 glibc systems); a static one
//! has none, and that is what `ldd` reports as "not a dynamic executable"
//! or "statically linked".
//!
//! The ordinary build that `cargo test` makes is dynamic, and the first
//! test checks that. The static build needs its own target directory and a
//! full release build of the dependency tree, minutes rather than seconds,
//! so that test is ignored by default; run it with
//! `cargo test -p shipping-static-server --test linking -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use testkit::Twin;

// ANCHOR: interp
/// The program interpreter an x86-64 ELF executable asks for, if any.
fn interpreter(path: &Path) -> Option<String> {
    let elf = std::fs::read(path).expect("the binary is readable");
    assert_eq!(&elf[..4], b"\x7fELF", "not an ELF file");
    assert_eq!(elf[4], 2, "not a 64-bit ELF file");
    let u16_at = |at: usize| u16::from_le_bytes(elf[at..at + 2].try_into().unwrap());
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().unwrap());
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().unwrap()) as usize;

    // ELF64 header: program headers start at e_phoff (offset 32), each
    // e_phentsize (54) bytes long, e_phnum (56) of them.
    let (phoff, phentsize, phnum) = (u64_at(32), usize::from(u16_at(54)), usize::from(u16_at(56)));
    const PT_INTERP: u32 = 3;
    (0..phnum)
        .map(|i| phoff + i * phentsize)
        .find(|&ph| u32_at(ph) == PT_INTERP)
        .map(|ph| {
            // p_offset (8) and p_filesz (32): where the path is, NUL included.
            let (offset, size) = (u64_at(ph + 8), u64_at(ph + 32));
            String::from_utf8_lossy(&elf[offset..offset + size - 1]).into_owned()
        })
}
// ANCHOR_END: interp

/// Asks a running server for /healthz over a plain TCP connection.
fn healthz(server: &testkit::Server) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(server.addr()).expect("connects");
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .expect("sends");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("reads");
    response
}

#[test]
fn the_default_build_is_dynamic_and_serves() {
    let binary = Path::new(env!("CARGO_BIN_EXE_static-server"));
    let interp = interpreter(binary).expect("a default glibc build has an interpreter");
    assert!(interp.contains("ld-linux"), "interpreter {interp}");

    let server = Twin::rust(binary).start();
    let response = healthz(&server);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("\r\n\r\nok"), "{response}");
    assert!(server.terminate().success(), "SIGTERM ends it cleanly");
}

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
#[ignore = "a full release build in its own target dir; run with --ignored"]
fn a_crt_static_glibc_build_has_no_interpreter_and_serves() {
    let binary = build_static("x86_64-unknown-linux-gnu", "-C target-feature=+crt-static");
    assert_eq!(interpreter(&binary), None);
    let server = Twin::prebuilt("rust", &binary).start();
    assert!(healthz(&server).ends_with("\r\n\r\nok"));
    assert!(server.terminate().success());
}

#[test]
#[ignore = "needs `rustup target add x86_64-unknown-linux-musl`; run with --ignored"]
fn a_musl_build_has_no_interpreter_and_serves() {
    let binary = build_static("x86_64-unknown-linux-musl", "");
    assert_eq!(interpreter(&binary), None);
    let server = Twin::prebuilt("rust", &binary).start();
    assert!(healthz(&server).ends_with("\r\n\r\nok"));
    assert!(server.terminate().success());
}
// ANCHOR_END: static
