//! A `File` closes itself when dropped, and a `BufWriter` flushes itself
//! first, but a destructor cannot return an error: whatever fails there is
//! ignored. A writer that must report failure flushes by hand.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

// ANCHOR: write_report
/// Writes one line per entry to `path`.
fn write_report(path: &Path, lines: &[&str]) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.flush()?; // the last write fails here, where `?` can report it
    Ok(())
} // `out` is dropped here: the file is closed
// ANCHOR_END: write_report

fn main() -> io::Result<()> {
    let path = std::env::temp_dir().join("drop-files-report.txt");
    write_report(&path, &["gopher", "ferris"])?;
    print!("{}", std::fs::read_to_string(&path)?);
    std::fs::remove_file(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: tests
    #[test]
    fn dropping_a_writer_flushes_it() {
        let dir = std::env::temp_dir().join(format!("drop-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("dropped.txt");
        {
            let mut out = BufWriter::new(File::create(&path).unwrap());
            writeln!(out, "buffered").unwrap();
            // No flush: the end of this block drops `out`.
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "buffered\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_an_explicit_flush_reports_the_error() {
        // Every write to /dev/full fails with "no space left on device".
        let full = Path::new("/dev/full");
        let err = write_report(full, &["lost"]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);

        let mut out = BufWriter::new(File::create(full).unwrap());
        writeln!(out, "lost").unwrap(); // only buffered: succeeds
        drop(out); // the flush fails inside drop, and nobody hears of it
    }
    // ANCHOR_END: tests
}
