module example.com/gotorust/slices-and-maps/sets

go 1.27
