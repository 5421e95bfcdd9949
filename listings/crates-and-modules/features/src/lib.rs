//! A Cargo feature beside a Go build tag: `verbose` adds code to the crate
//! when some package in the build turns it on.

// ANCHOR: banner
/// The line a server prints at start-up.
pub fn banner(port: u16) -> String {
    format!("listening on :{port}{}", detail())
}

/// Compiled only with the `verbose` feature.
#[cfg(feature = "verbose")]
fn detail() -> String {
    format!(" (pid {})", std::process::id())
}

/// Compiled only without it.
#[cfg(not(feature = "verbose"))]
fn detail() -> String {
    String::new()
}
// ANCHOR_END: banner

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_follows_the_feature() {
        let line = banner(8080);
        assert!(line.starts_with("listening on :8080"), "{line}");
        assert_eq!(line.contains("(pid "), cfg!(feature = "verbose"), "{line}");
    }
}
// ANCHOR_END: tests
