module example.com/gotorust/standard-traits/macros

go 1.27
