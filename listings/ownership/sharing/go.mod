module example.com/gotorust/ownership/sharing

go 1.27
