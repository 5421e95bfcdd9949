//! Runs the `what-runs` binary once per way out and checks its exit status
//! and whether the guard's destructor printed.

use std::os::unix::process::ExitStatusExt;
use std::process::Command;

// ANCHOR: tests
#[test]
fn destructors_run_on_return_and_panic_only() {
    // (argument, exit code, signal, destructor ran)
    let cases = [
        ("return", Some(0), None, true),
        ("panic", Some(101), None, true),
        ("exit", Some(3), None, false),
        ("abort", None, Some(6), false), // SIGABRT
    ];
    for (mode, code, signal, dropped) in cases {
        let out = Command::new(env!("CARGO_BIN_EXE_what-runs"))
            .arg(mode)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), code, "{mode}: {stdout}");
        assert_eq!(out.status.signal(), signal, "{mode}");
        assert!(
            stdout.starts_with(&format!("mode {mode}\n")),
            "{mode}: {stdout}"
        );
        assert_eq!(stdout.contains("drop guard"), dropped, "{mode}: {stdout}");
        // Only the panic prints a message, and it does so on stderr.
        assert_eq!(
            stderr.contains("a bug"),
            mode == "panic",
            "{mode}: {stderr}"
        );
    }
}
// ANCHOR_END: tests
