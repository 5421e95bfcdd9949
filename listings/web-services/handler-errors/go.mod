module example.com/gotorust/web-services/handler-errors

go 1.27
