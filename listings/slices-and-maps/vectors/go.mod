module example.com/gotorust/slices-and-maps/vectors

go 1.27
