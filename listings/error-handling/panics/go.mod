module example.com/gotorust/error-handling/panics

go 1.27
