module example.com/gotorust/strings/kinds

go 1.27
