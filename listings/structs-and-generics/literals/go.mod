module example.com/gotorust/structs-and-generics/literals

go 1.27
