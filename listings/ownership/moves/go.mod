module example.com/gotorust/ownership/moves

go 1.27
