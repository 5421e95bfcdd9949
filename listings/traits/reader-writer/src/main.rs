//! `io.Reader` and `io.Writer`, translated: `std::io::Read` and
//! `std::io::Write` are traits with the same shape, implemented by files,
//! sockets, byte slices and vectors, and by your own types.

use std::io::{self, BufRead, BufReader, Read, Write};

// ANCHOR: count-lines
/// Counts the lines `input` yields: a file, a socket, a byte slice. Errors
/// from the reader come back to the caller through `?`.
pub fn count_lines(input: impl Read) -> io::Result<usize> {
    let mut count = 0;
    for line in BufReader::new(input).lines() {
        line?;
        count += 1;
    }
    Ok(count)
}
// ANCHOR_END: count-lines

// ANCHOR: upper-writer
/// Upper-cases ASCII letters on their way to the writer it wraps.
pub struct UpperWriter<W> {
    inner: W,
}

impl<W: Write> UpperWriter<W> {
    pub fn new(inner: W) -> Self {
        Self { inner }
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for UpperWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Same length as `buf`, so the count the inner writer returns is
        // also the count of `buf` consumed.
        self.inner.write(&buf.to_ascii_uppercase())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
// ANCHOR_END: upper-writer

// ANCHOR: main
fn main() -> io::Result<()> {
    // A byte slice is a reader, as strings.NewReader gives one in Go.
    assert_eq!(count_lines(&b"one\ntwo\nthree\n"[..])?, 3);

    // A Vec<u8> is a writer, as a bytes.Buffer is in Go.
    let mut shout = UpperWriter::new(Vec::new());
    io::copy(&mut &b"hello, gopher"[..], &mut shout)?;
    assert_eq!(shout.into_inner(), b"HELLO, GOPHER");
    Ok(())
}
// ANCHOR_END: main

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that always fails, like Go's iotest.ErrReader.
    struct BrokenReader;

    impl Read for BrokenReader {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
    }

    #[test]
    fn counts_lines() {
        let cases: [(&str, &[u8], usize); 5] = [
            ("empty", b"", 0),
            ("no final newline", b"a\nb", 2),
            ("final newline", b"a\nb\n", 2),
            ("blank lines count", b"\n\n", 2),
            ("CRLF", b"a\r\nb\r\n", 2),
        ];
        for (case, input, want) in cases {
            assert_eq!(count_lines(input).unwrap(), want, "{case}");
        }
    }

    #[test]
    fn reader_errors_reach_the_caller() {
        let err = count_lines(BrokenReader).unwrap_err();
        assert_eq!(err.to_string(), "disk on fire");
    }

    #[test]
    fn lines_must_be_utf8() {
        // `lines()` yields Strings, so bytes that are not UTF-8 are an error;
        // Go's bufio.Scanner hands out bytes and counts them as a line.
        let err = count_lines(&b"caf\xe9\n"[..]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn upper_writer() {
        let cases = [("", ""), ("go", "GO"), ("Grüße", "GRüßE"), ("a-1", "A-1")];
        for (input, want) in cases {
            let mut w = UpperWriter::new(Vec::new());
            write!(w, "{input}").unwrap();
            assert_eq!(
                String::from_utf8(w.into_inner()).unwrap(),
                want,
                "{input:?}"
            );
        }
    }
}
// ANCHOR_END: tests
