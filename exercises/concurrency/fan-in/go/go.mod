module example.com/gotorust/exercises/fan-in

go 1.27
