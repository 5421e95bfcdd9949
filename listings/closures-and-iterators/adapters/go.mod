module example.com/gotorust/closures-and-iterators/adapters

go 1.27
