module example.com/gotorust/ffi/checksum

go 1.27
