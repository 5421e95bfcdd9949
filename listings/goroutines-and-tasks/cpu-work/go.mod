module example.com/gotorust/goroutines-and-tasks/cpu-work

go 1.27
