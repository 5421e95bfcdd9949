module example.com/gotorust/channels-and-select/kinds

go 1.27
