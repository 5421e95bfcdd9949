module example.com/gotorust/goroutines-and-tasks/runtime-model

go 1.27
