module example.com/gotorust/drop/what-runs

go 1.27
