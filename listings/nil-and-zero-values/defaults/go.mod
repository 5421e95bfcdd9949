module example.com/gotorust/nil-and-zero-values/defaults

go 1.27
