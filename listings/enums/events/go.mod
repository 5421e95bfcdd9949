module example.com/gotorust/enums/events

go 1.27
