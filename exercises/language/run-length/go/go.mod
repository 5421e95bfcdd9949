module example.com/gotorust/exercises/run-length

go 1.27
