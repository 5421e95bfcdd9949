module example.com/gotorust/goroutines-and-tasks/idle-tasks

go 1.27
