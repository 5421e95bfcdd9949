module example.com/gotorust/crates-and-modules/features

go 1.27
