module example.com/gotorust/drop/files

go 1.27
