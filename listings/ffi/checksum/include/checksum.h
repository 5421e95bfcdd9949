/* checksum.h: the C interface of the Rust crate ffi-checksum (src/ffi.rs),
 * written by hand and checked by tests/header.rs, which compiles a C program
 * against this header and the static library and runs it.
 *
 * Memory rules: every function borrows its pointer arguments only until it
 * returns. A string from cks_report belongs to the caller and must be given
 * back to cks_report_free, never to free(). */
#ifndef CHECKSUM_H
#define CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* ANCHOR: declarations */
#define CKS_OK 0
#define CKS_NULL_POINTER (-1)
#define CKS_BUFFER_TOO_SMALL (-2)
#define CKS_PANIC (-99)

/* Writes the CRC-32 (IEEE) of data[0..len) to *out. */
int32_t cks_crc32(const uint8_t *data, size_t len, uint32_t *out);

/* Writes the lowercase hex of data[0..len) into out[0..cap), without a NUL,
 * and its length to *written. If cap is too small, writes nothing to out,
 * sets *written to the size needed and returns CKS_BUFFER_TOO_SMALL. */
int32_t cks_hex(const uint8_t *data, size_t len, char *out, size_t cap,
                size_t *written);

/* Returns a NUL-terminated summary of data[0..len), or NULL on failure.
 * Free it with cks_report_free. */
char *cks_report(const uint8_t *data, size_t len);
void cks_report_free(char *report);
/* ANCHOR_END: declarations */

#endif
