module example.com/gotorust/standard-traits/iterator

go 1.27
