module example.com/gotorust/goroutines-and-tasks/spawn

go 1.27
