module example.com/gotorust/cancellation/token

go 1.27
