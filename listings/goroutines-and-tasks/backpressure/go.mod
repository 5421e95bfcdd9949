module example.com/gotorust/goroutines-and-tasks/backpressure

go 1.27
