module example.com/gotorust/sharp-edges/detached-task

go 1.27
