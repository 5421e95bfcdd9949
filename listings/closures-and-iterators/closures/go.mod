module example.com/gotorust/closures-and-iterators/closures

go 1.27
