module example.com/gotorust/strings/indexing

go 1.27
