module example.com/gotorust/ownership/borrowing

go 1.27
