module example.com/gotorust/cancellation/deadline

go 1.27
