module example.com/gotorust/channels-and-select/select

go 1.27
