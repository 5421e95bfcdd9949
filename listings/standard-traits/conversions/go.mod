module example.com/gotorust/standard-traits/conversions

go 1.27
