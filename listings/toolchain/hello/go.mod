module example.com/gotorust/toolchain/hello

go 1.27
