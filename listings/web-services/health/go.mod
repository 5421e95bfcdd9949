module example.com/gotorust/web-services/health

go 1.27
