module example.com/gotorust/drop/scope-order

go 1.27
