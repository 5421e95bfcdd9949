module example.com/gotorust/ownership/grow-while-iterating

go 1.27
