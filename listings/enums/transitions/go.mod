module example.com/gotorust/enums/transitions

go 1.27
