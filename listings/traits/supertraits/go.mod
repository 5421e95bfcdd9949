module example.com/gotorust/traits/supertraits

go 1.27
