module example.com/gotorust/structs-and-generics/associated-types

go 1.27
