module example.com/gotorust/strings/boundaries

go 1.27
