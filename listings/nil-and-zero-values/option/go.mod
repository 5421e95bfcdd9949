module example.com/gotorust/nil-and-zero-values/option

go 1.27
