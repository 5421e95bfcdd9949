module example.com/gotorust/slices-and-maps/append

go 1.27
