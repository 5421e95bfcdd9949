module example.com/gotorust/traits/embedding

go 1.27
