module example.com/gotorust/standard-traits/printing

go 1.27
