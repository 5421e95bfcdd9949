module example.com/gotorust/nil-and-zero-values/nil-map

go 1.27
