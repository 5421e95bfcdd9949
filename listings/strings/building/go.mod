module example.com/gotorust/strings/building

go 1.27
