module example.com/gotorust/exercises/shapes

go 1.27
