//! The C ABI of the checksum library, declared for C and cgo in
//! `include/checksum.h`. Every function here follows the same rules:
//!
//! - it borrows the caller's memory only for the duration of the call and
//!   keeps no pointer to it afterwards (cgo requires this of Go memory);
//! - it reports failure with a status code, never by unwinding: each body
//!   runs inside [`guard`], which turns a panic into `CKS_PANIC`;
//! - what Rust allocates, Rust frees: a string from [`cks_report`] goes back
//!   through [`cks_report_free`], never to C's `free`.

use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

// ANCHOR: status
/// Status codes shared with the header. Zero is success, as in C.
pub const CKS_OK: i32 = 0;
pub const CKS_NULL_POINTER: i32 = -1;
pub const CKS_BUFFER_TOO_SMALL: i32 = -2;
pub const CKS_PANIC: i32 = -99;
// ANCHOR_END: status

// ANCHOR: guard
/// Runs `body` and turns a panic into `CKS_PANIC`. Since Rust 1.81 a panic
/// that reaches an `extern "C"` boundary aborts the whole process, Go
/// runtime and all; catching it here turns a bug into an error code the
/// caller can log.
pub fn guard(body: impl FnOnce() -> i32) -> i32 {
    // AssertUnwindSafe: after a panic we return an error code and never look
    // at the state `body` was changing.
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(CKS_PANIC)
}
// ANCHOR_END: guard

// ANCHOR: input
/// Borrows the caller's `(data, len)` pair as a slice for the duration of a
/// call. A null pointer is accepted for an empty input, which is what cgo
/// passes for an empty Go slice.
///
/// # Safety
/// When `len > 0`, `data` must point to `len` readable bytes that stay
/// valid and unchanged until the call returns.
unsafe fn input<'a>(data: *const u8, len: usize) -> Option<&'a [u8]> {
    if len == 0 {
        return Some(&[]);
    }
    if data.is_null() {
        return None;
    }
    // SAFETY: non-null, and the caller promises `len` readable bytes.
    Some(unsafe { std::slice::from_raw_parts(data, len) })
}
// ANCHOR_END: input

// ANCHOR: crc32
/// Writes the CRC-32 of `data[..len]` to `*out`.
///
/// # Safety
/// `data` as for [`input`]; `out` must be null or point to a writable
/// `uint32_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cks_crc32(data: *const u8, len: usize, out: *mut u32) -> i32 {
    guard(|| {
        // SAFETY: forwarded from this function's contract.
        let Some(bytes) = (unsafe { input(data, len) }) else {
            return CKS_NULL_POINTER;
        };
        if out.is_null() {
            return CKS_NULL_POINTER;
        }
        // SAFETY: non-null, and the caller promises it is writable.
        unsafe { out.write(crate::crc32(bytes)) };
        CKS_OK
    })
}
// ANCHOR_END: crc32

// ANCHOR: hex
/// Writes the hexadecimal of `data[..len]` into the caller's buffer
/// `out[..cap]` (no terminating NUL) and its length to `*written`. When
/// `cap` is too small nothing is written to `out`, `*written` is set to
/// the length needed, and the result is `CKS_BUFFER_TOO_SMALL`: the caller
/// allocates, so the caller decides what to do.
///
/// # Safety
/// `data` as for [`input`]; `out` must point to `cap` writable bytes;
/// `written` must point to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cks_hex(
    data: *const u8,
    len: usize,
    out: *mut c_char,
    cap: usize,
    written: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from this function's contract.
        let Some(bytes) = (unsafe { input(data, len) }) else {
            return CKS_NULL_POINTER;
        };
        if written.is_null() || (out.is_null() && cap > 0) {
            return CKS_NULL_POINTER;
        }
        let text = crate::hex(bytes);
        // SAFETY: checked non-null above; the caller promises it is writable.
        unsafe { written.write(text.len()) };
        if text.len() > cap {
            return CKS_BUFFER_TOO_SMALL;
        }
        // SAFETY: `out` has room for `cap >= text.len()` bytes, and a Rust
        // string cannot overlap memory the caller owns.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), out.cast::<u8>(), text.len()) };
        CKS_OK
    })
}
// ANCHOR_END: hex

// ANCHOR: report
/// Returns a summary of `data[..len]` as a NUL-terminated string that Rust
/// allocated, or null on failure. The caller owns it and must give it back
/// to [`cks_report_free`] exactly once.
///
/// # Safety
/// `data` as for [`input`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cks_report(data: *const u8, len: usize) -> *mut c_char {
    let mut result = std::ptr::null_mut();
    guard(|| {
        // SAFETY: forwarded from this function's contract.
        let Some(bytes) = (unsafe { input(data, len) }) else {
            return CKS_NULL_POINTER;
        };
        let text = CString::new(crate::report(bytes)).expect("a report has no NUL byte");
        // Ownership leaves Rust here and comes back in cks_report_free.
        result = text.into_raw();
        CKS_OK
    });
    result
}

/// Frees a string returned by [`cks_report`]. Null is ignored, like
/// C's `free(NULL)`.
///
/// # Safety
/// `report` must be null or a pointer from `cks_report` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cks_report_free(report: *mut c_char) {
    if !report.is_null() {
        // SAFETY: the pointer came from CString::into_raw in cks_report,
        // and the caller promises this is the only time it comes back.
        drop(unsafe { CString::from_raw(report) });
    }
}
// ANCHOR_END: report

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn crc32_through_the_c_abi() {
        let data = b"123456789";
        let mut out = 0u32;
        let status = unsafe { cks_crc32(data.as_ptr(), data.len(), &mut out) };
        assert_eq!((status, out), (CKS_OK, 0xcbf4_3926));

        let status = unsafe { cks_crc32(std::ptr::null(), 0, &mut out) };
        assert_eq!((status, out), (CKS_OK, 0), "null with length 0 is empty");

        let status = unsafe { cks_crc32(std::ptr::null(), 3, &mut out) };
        assert_eq!(status, CKS_NULL_POINTER, "null with a length is refused");
    }

    #[test]
    fn hex_into_a_caller_buffer() {
        // (case, capacity, status, bytes written, buffer afterwards)
        let cases: [(&str, usize, i32, usize, &[u8]); 3] = [
            ("room to spare", 6, CKS_OK, 4, b"ff10.."),
            ("exact fit", 4, CKS_OK, 4, b"ff10"),
            (
                "too small leaves the buffer alone",
                3,
                CKS_BUFFER_TOO_SMALL,
                4,
                b"...",
            ),
        ];
        for (case, cap, want_status, want_written, want_buf) in cases {
            let mut buf = vec![b'.'; cap];
            let mut written = 0usize;
            let status = unsafe {
                cks_hex(
                    [0xff, 0x10].as_ptr(),
                    2,
                    buf.as_mut_ptr().cast(),
                    cap,
                    &mut written,
                )
            };
            assert_eq!(status, want_status, "{case}");
            assert_eq!(written, want_written, "{case}");
            assert_eq!(buf, want_buf, "{case}");
        }
    }

    #[test]
    fn report_is_owned_by_the_caller_until_freed() {
        let data = b"123456789";
        let report = unsafe { cks_report(data.as_ptr(), data.len()) };
        assert!(!report.is_null());
        let text = unsafe { CStr::from_ptr(report) }
            .to_str()
            .unwrap()
            .to_owned();
        unsafe { cks_report_free(report) };
        assert_eq!(text, "9 bytes, crc32 cbf43926");

        assert!(unsafe { cks_report(std::ptr::null(), 1) }.is_null());
        unsafe { cks_report_free(std::ptr::null_mut()) };
    }

    #[test]
    fn a_panic_becomes_a_status_code() {
        let status = guard(|| panic!("a bug inside the library"));
        assert_eq!(status, CKS_PANIC);
        assert_eq!(guard(|| CKS_OK), CKS_OK);
    }
}
// ANCHOR_END: tests
