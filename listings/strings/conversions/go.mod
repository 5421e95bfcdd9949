module example.com/gotorust/strings/conversions

go 1.27
