/* Calls every function of include/checksum.h the way a C (or cgo) caller
 * would, so that tests/header.rs can compile it with -Werror against the
 * header, link it with libffi_checksum.a and run it. Exit status 0 means
 * every check passed; otherwise it prints the first one that failed. */
#include <stdio.h>
#include <string.h>

#include "checksum.h"

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "check failed: %s (line %d)\n", #cond, __LINE__);       \
      return 1;                                                                \
    }                                                                          \
  } while (0)

int main(void) {
  const uint8_t data[] = "123456789";
  const size_t len = sizeof data - 1;

  uint32_t crc = 0;
  CHECK(cks_crc32(data, len, &crc) == CKS_OK);
  CHECK(crc == 0xcbf43926u);
  CHECK(cks_crc32(NULL, 1, &crc) == CKS_NULL_POINTER);

  char small[4];
  size_t written = 0;
  CHECK(cks_hex(data, len, small, sizeof small, &written) ==
        CKS_BUFFER_TOO_SMALL);
  CHECK(written == 2 * len);

  char hex[2 * sizeof data];
  CHECK(cks_hex(data, len, hex, sizeof hex, &written) == CKS_OK);
  CHECK(written == 18 && memcmp(hex, "313233343536373839", written) == 0);

  char *report = cks_report(data, len);
  CHECK(report != NULL);
  CHECK(strcmp(report, "9 bytes, crc32 cbf43926") == 0);
  cks_report_free(report);

  puts("ok");
  return 0;
}
