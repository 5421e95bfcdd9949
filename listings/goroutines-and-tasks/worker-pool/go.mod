module example.com/gotorust/goroutines-and-tasks/worker-pool

go 1.27
