module example.com/gotorust/goroutines-and-tasks/send-static

go 1.27
