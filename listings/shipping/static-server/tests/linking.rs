//! What a test can say about how the server was linked. An ELF executable
//! that needs the dynamic loader names it in a `PT_INTERP` program header
//! (`/lib64/ld-linux-x86-64.so.2` on x86-64 glibc systems); a static one
//! has none, and that is what `ldd` reports as "not a dynamic executable"
//! or "statically linked".
//!
//! The ordinary build that `cargo test` makes is dynamic, and this test
//! checks that. The static builds are in `static_build.rs`, which runs only
//! when asked for by name, because each is a full release build.

mod support;

use std::path::Path;

use support::{healthz, interpreter};
use testkit::Twin;

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
