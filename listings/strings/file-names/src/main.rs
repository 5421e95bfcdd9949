//! File names that are not strings. A name on disk may be any bytes, so
//! Rust gives it as an `OsString`, and a path as a `PathBuf` (borrowed:
//! `&OsStr`, `&Path`); turning either into a `str` can fail.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

// ANCHOR: sources
/// The paths of the entries of `dir` that are not directories and whose
/// extension is `ext` (without its dot, as `Path::extension` returns it),
/// sorted by name.
fn sources(dir: &Path, ext: &str) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path(); // dir joined with the entry's OsString name
        if !entry.file_type()?.is_dir() && path.extension() == Some(OsStr::new(ext)) {
            paths.push(path);
        }
    }
    paths.sort(); // read_dir promises no order
    Ok(paths)
}
// ANCHOR_END: sources

// ANCHOR: main
fn main() -> io::Result<()> {
    // Arguments are OsStrings too; std::env::args() would panic on one
    // that is not valid Unicode.
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    for path in sources(&dir, "rs")? {
        match path.to_str() {
            Some(text) => println!("{text}"),
            None => println!("{} (not UTF-8)", path.display()),
        }
    }
    Ok(())
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_leaves_out_the_dot() {
        let cases = [
            ("main.rs", Some("rs")),
            ("archive.tar.gz", Some("gz")),
            (".bashrc", None),
            ("Makefile", None),
        ];
        for (path, want) in cases {
            assert_eq!(Path::new(path).extension(), want.map(OsStr::new), "{path}");
        }
    }

    #[cfg(unix)]
    use std::os::unix::ffi::OsStrExt;

    #[cfg(unix)]
    #[test]
    fn sources_keeps_names_that_are_not_utf8() -> io::Result<()> {
        let dir = std::env::temp_dir().join(format!("strings-file-names-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        let latin1 = OsStr::from_bytes(b"caf\xe9.rs"); // é in Latin-1: not UTF-8
        for name in [OsStr::new("main.rs"), OsStr::new("notes.txt"), latin1] {
            fs::write(dir.join(name), "")?;
        }
        fs::create_dir_all(dir.join("dir.rs"))?;

        let got = sources(&dir, "rs")?;
        assert_eq!(got, [dir.join(latin1), dir.join("main.rs")]);
        assert_eq!(got[0].to_str(), None, "not valid UTF-8");
        assert!(got[0].to_string_lossy().ends_with("caf\u{FFFD}.rs"));
        assert_eq!(got[0].file_name(), Some(latin1), "the bytes are kept");

        fs::remove_dir_all(&dir)
    }
}
// ANCHOR_END: tests
