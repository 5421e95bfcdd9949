module example.com/gotorust/traits/stringer

go 1.27
