module example.com/gotorust/closures-and-iterators/custom-iterator

go 1.27
