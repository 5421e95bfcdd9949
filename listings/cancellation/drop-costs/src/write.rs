//! A record written under a time-out. `write_all` forgets how far it got
//! when it is dropped; `write_all_buf` advances the caller's buffer as it
//! goes; a token checked between records never cuts one.

use std::time::Duration;

use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::time::timeout;
use tokio_util::sync::CancellationToken;

// ANCHOR: write-all
/// Writes `record`, giving up after `limit`. On a time-out the peer may
/// have received part of the record, and nothing here says how much.
pub async fn write_record<W: AsyncWrite + Unpin>(
    out: &mut W,
    record: &[u8],
    limit: Duration,
) -> bool {
    timeout(limit, out.write_all(record)).await.is_ok()
}
// ANCHOR_END: write-all

// ANCHOR: write-all-buf
/// Writes what is left in `rest`, giving up after `limit`. `write_all_buf`
/// moves `rest` past every byte it writes, so after a time-out `rest` holds
/// exactly what has not gone out, and the next call carries on from there.
pub async fn write_rest<W: AsyncWrite + Unpin>(
    out: &mut W,
    rest: &mut &[u8],
    limit: Duration,
) -> bool {
    timeout(limit, out.write_all_buf(rest)).await.is_ok()
}
// ANCHOR_END: write-all-buf

// ANCHOR: safe-points
/// Writes records until `stop` is cancelled. The token is looked at only
/// between records, so the peer never receives half of one; it returns how
/// many records went out.
pub async fn write_records<W: AsyncWrite + Unpin>(
    out: &mut W,
    records: &[&[u8]],
    stop: &CancellationToken,
) -> std::io::Result<usize> {
    let mut written = 0;
    for record in records {
        if stop.is_cancelled() {
            break;
        }
        out.write_all(record).await?;
        written += 1;
    }
    Ok(written)
}
// ANCHOR_END: safe-points

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, duplex};

    const RECORD: &[u8] = b"0123456789abcdef0123456789abcdef";

    /// Bytes as text, so that a failed assertion prints something readable.
    fn text(bytes: &[u8]) -> &str {
        std::str::from_utf8(bytes).expect("the records are ASCII")
    }

    /// The pipe holds 8 bytes and nobody reads it, so the 32-byte record
    /// cannot go out whole within the second.
    #[tokio::test(start_paused = true)]
    async fn a_dropped_write_all_leaves_part_of_the_record_with_the_peer() {
        let (mut near, mut far) = duplex(8);
        let whole = write_record(&mut near, RECORD, Duration::from_secs(1)).await;
        assert!(!whole, "the write should have timed out");
        drop(near);
        let mut got = Vec::new();
        far.read_to_end(&mut got).await.unwrap();
        assert_eq!(text(&got), text(&RECORD[..8]), "the peer has 8 bytes only");
    }

    #[tokio::test(start_paused = true)]
    async fn write_all_buf_keeps_what_is_left_and_resumes() {
        let (mut near, mut far) = duplex(8);
        let mut rest = RECORD;
        assert!(!write_rest(&mut near, &mut rest, Duration::from_secs(1)).await);
        assert_eq!(text(rest), text(&RECORD[8..]), "rest starts after 8 bytes");

        let reader = tokio::spawn(async move {
            let mut got = Vec::new();
            far.read_to_end(&mut got).await.map(|_| got)
        });
        assert!(write_rest(&mut near, &mut rest, Duration::from_secs(1)).await);
        assert!(rest.is_empty());
        drop(near);
        assert_eq!(
            text(&reader.await.unwrap().unwrap()),
            text(RECORD),
            "nothing lost"
        );
    }

    /// Record 1 fills the pipe and record 2 waits for room when the token
    /// is cancelled; the writer finishes record 2 and stops before 3.
    #[tokio::test(start_paused = true)]
    async fn a_token_checked_between_records_never_cuts_one() {
        let records: [&[u8]; 4] = [b"record 1", b"record 2", b"record 3", b"record 4"];
        let (mut near, mut far) = duplex(8);
        let stop = CancellationToken::new();
        let writer = tokio::spawn({
            let stop = stop.clone();
            async move { write_records(&mut near, &records, &stop).await }
        });
        // On the paused clock this sleep ends only when the writer waits.
        tokio::time::sleep(Duration::from_millis(1)).await;
        stop.cancel();
        let mut got = Vec::new();
        far.read_to_end(&mut got).await.unwrap();
        assert_eq!(writer.await.unwrap().unwrap(), 2);
        assert_eq!(
            text(&got),
            "record 1record 2",
            "two whole records, no third"
        );
    }
}
