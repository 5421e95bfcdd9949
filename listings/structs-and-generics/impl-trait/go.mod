module example.com/gotorust/structs-and-generics/impl-trait

go 1.27
