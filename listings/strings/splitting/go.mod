module example.com/gotorust/strings/splitting

go 1.27
