package checksum

import (
	"hash/crc32"
	"testing"
)

// ANCHOR: tests
func TestCRC32MatchesTheStandardLibrary(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
	}{
		{"nil slice", nil},
		{"empty slice", []byte{}},
		{"check value", []byte("123456789")},
		{"high bytes", []byte{0xff, 0x10, 0x80}},
		{"a larger buffer", make([]byte, 1<<16)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CRC32(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if want := crc32.ChecksumIEEE(tc.in); got != want {
				t.Errorf("CRC32 = %08x, hash/crc32 says %08x", got, want)
			}
		})
	}
}

func TestHexGrowsTheBufferWhenTold(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, ""},
		{"fits the first buffer", []byte{0xff, 0x10}, "ff10"},
		{"needs a second call", []byte("123456789"), "313233343536373839"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Hex(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Hex(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestReportIsCopiedAndFreed(t *testing.T) {
	// Many round trips: each report is allocated by Rust, copied into
	// Go memory, and freed by Rust before the next call.
	for range 1000 {
		got, err := Report([]byte("123456789"))
		if err != nil {
			t.Fatal(err)
		}
		if want := "9 bytes, crc32 cbf43926"; got != want {
			t.Fatalf("Report = %q, want %q", got, want)
		}
	}
}

// ANCHOR_END: tests
