module example.com/gotorust/shipping/static-server

go 1.27
