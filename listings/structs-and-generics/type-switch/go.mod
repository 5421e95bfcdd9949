module example.com/gotorust/structs-and-generics/type-switch

go 1.27
