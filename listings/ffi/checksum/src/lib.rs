//! A checksum library written in safe Rust, with a small C ABI on top
//! (`ffi.rs`) so that an existing Go program can call it through cgo: the
//! first step of the incremental migration in the "Migrating over FFI"
//! chapter. The safe functions here are what Rust callers use; only the
//! `ffi` module knows about raw pointers.

pub mod ffi;

// ANCHOR: core
/// CRC-32 with the IEEE polynomial, the checksum of zip, PNG and Ethernet,
/// and of Go's `hash/crc32.ChecksumIEEE`, which the Go tests compare with.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            // All ones when the low bit is set, all zeros otherwise: the
            // table-free form of the reflected CRC step.
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Lowercase hexadecimal of `bytes`, two characters per byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// A one-line summary of `bytes`, such as `9 bytes, crc32 cbf43926`.
pub fn report(bytes: &[u8]) -> String {
    format!("{} bytes, crc32 {:08x}", bytes.len(), crc32(bytes))
}
// ANCHOR_END: core

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answers() {
        // (case, input, crc32, hex)
        let cases: [(&str, &[u8], u32, &str); 4] = [
            ("empty input", b"", 0, ""),
            (
                "the standard check value",
                b"123456789",
                0xcbf4_3926,
                "313233343536373839",
            ),
            ("one zero byte", &[0], 0xd202_ef8d, "00"),
            ("high bytes", &[0xff, 0x10], 0xcf4a_ffe9, "ff10"),
        ];
        for (case, input, want_crc, want_hex) in cases {
            assert_eq!(crc32(input), want_crc, "crc32: {case}");
            assert_eq!(hex(input), want_hex, "hex: {case}");
        }
    }

    #[test]
    fn report_names_length_and_checksum() {
        assert_eq!(report(b"123456789"), "9 bytes, crc32 cbf43926");
    }
}
