module example.com/gotorust/standard-traits/equality

go 1.27
