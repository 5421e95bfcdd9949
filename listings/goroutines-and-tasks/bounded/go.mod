module example.com/gotorust/goroutines-and-tasks/bounded

go 1.27

require golang.org/x/sync v0.25.0
