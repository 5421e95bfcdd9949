// Package checksum calls the Rust crate ffi-checksum through cgo: the Go
// side of the "Migrating over FFI" chapter. The Rust static library must be
// built first, with `cargo build -p ffi-checksum` from the top of the book,
// which writes target/debug/libffi_checksum.a. The path below assumes
// cargo's default target directory (<repo>/target); with CARGO_TARGET_DIR
// set elsewhere, adjust it or set CGO_LDFLAGS.
package checksum

// ANCHOR: preamble

/*
#cgo CFLAGS: -I${SRCDIR}/include
#cgo LDFLAGS: ${SRCDIR}/../../../target/debug/libffi_checksum.a -lgcc_s -lutil -lrt -lpthread -lm -ldl
#include "checksum.h"
*/
import "C"

// ANCHOR_END: preamble

import (
	"errors"
	"fmt"
	"unsafe"
)

// ANCHOR: errors
// ErrNullPointer and ErrPanic mirror the library's status codes.
var (
	ErrNullPointer = errors.New("checksum: null pointer")
	ErrPanic       = errors.New("checksum: the Rust library panicked")
)

// statusError turns a status code from the library into a Go error.
func statusError(status C.int32_t) error {
	switch status {
	case C.CKS_OK:
		return nil
	case C.CKS_NULL_POINTER:
		return ErrNullPointer
	case C.CKS_PANIC:
		return ErrPanic
	default:
		return fmt.Errorf("checksum: status %d", int32(status))
	}
}

// ANCHOR_END: errors

// ANCHOR: wrappers
// bytesArg returns the (pointer, length) pair C expects for a Go slice.
// The pointer is only valid during the call: cgo lets C read Go memory
// while the call lasts, but not keep it.
func bytesArg(data []byte) (*C.uint8_t, C.size_t) {
	return (*C.uint8_t)(unsafe.SliceData(data)), C.size_t(len(data))
}

// CRC32 returns the CRC-32 (IEEE) of data, computed in Rust.
func CRC32(data []byte) (uint32, error) {
	ptr, n := bytesArg(data)
	var out C.uint32_t
	if err := statusError(C.cks_crc32(ptr, n, &out)); err != nil {
		return 0, err
	}
	return uint32(out), nil
}

// Hex returns the lowercase hexadecimal of data. Go allocates the buffer
// and Rust writes into it; when the first guess is too small, the library
// says how much it needs and the call is repeated once.
func Hex(data []byte) (string, error) {
	ptr, n := bytesArg(data)
	buf := make([]byte, 16)
	for {
		var written C.size_t
		status := C.cks_hex(ptr, n, (*C.char)(unsafe.Pointer(unsafe.SliceData(buf))), C.size_t(len(buf)), &written)
		if status == C.CKS_BUFFER_TOO_SMALL {
			buf = make([]byte, int(written))
			continue
		}
		if err := statusError(status); err != nil {
			return "", err
		}
		return string(buf[:written]), nil
	}
}

// Report returns the library's summary of data. The C string is allocated
// by Rust, copied into a Go string, and handed back to Rust to free: Go's
// garbage collector never sees it, and C.free must not touch it.
func Report(data []byte) (string, error) {
	ptr, n := bytesArg(data)
	report := C.cks_report(ptr, n)
	if report == nil {
		return "", ErrNullPointer
	}
	defer C.cks_report_free(report)
	return C.GoString(report), nil
}

// ANCHOR_END: wrappers
