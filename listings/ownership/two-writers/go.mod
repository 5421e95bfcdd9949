module example.com/gotorust/ownership/two-writers

go 1.27
