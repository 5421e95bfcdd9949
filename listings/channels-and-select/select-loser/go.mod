module example.com/gotorust/channels-and-select/select-loser

go 1.27
