module example.com/gotorust/web-services/missing-field

go 1.27
