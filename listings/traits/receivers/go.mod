module example.com/gotorust/traits/receivers

go 1.27
