module example.com/gotorust/structs-and-generics/dyn-compat

go 1.27
