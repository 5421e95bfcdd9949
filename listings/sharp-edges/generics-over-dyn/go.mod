module example.com/gotorust/sharp-edges/generics-over-dyn

go 1.27
