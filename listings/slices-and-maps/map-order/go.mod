module example.com/gotorust/slices-and-maps/map-order

go 1.27
