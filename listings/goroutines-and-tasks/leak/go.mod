module example.com/gotorust/goroutines-and-tasks/leak

go 1.27
