module example.com/gotorust/structs-and-generics/method-calls

go 1.27
