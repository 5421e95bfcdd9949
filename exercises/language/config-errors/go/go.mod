module example.com/gotorust/exercises/config-errors

go 1.27
