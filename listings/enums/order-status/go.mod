module example.com/gotorust/enums/order-status

go 1.27
