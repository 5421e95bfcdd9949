module example.com/gotorust/exercises/single-flight

go 1.27
