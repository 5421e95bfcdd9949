module example.com/gotorust/crates-and-modules/visibility

go 1.27
