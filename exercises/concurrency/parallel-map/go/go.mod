module example.com/gotorust/exercises/parallel-map

go 1.27
