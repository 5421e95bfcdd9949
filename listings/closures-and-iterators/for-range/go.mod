module example.com/gotorust/closures-and-iterators/for-range

go 1.27
