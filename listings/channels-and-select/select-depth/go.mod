module example.com/gotorust/channels-and-select/select-depth

go 1.27
