module example.com/gotorust/slices-and-maps/slice-functions

go 1.27
