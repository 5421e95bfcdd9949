module example.com/gotorust/slices-and-maps/maps

go 1.27
