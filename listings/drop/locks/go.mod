module example.com/gotorust/drop/locks

go 1.27
