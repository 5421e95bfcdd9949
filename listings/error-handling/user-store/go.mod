module example.com/gotorust/error-handling/user-store

go 1.27
