module example.com/gotorust/cancellation/drop-costs

go 1.27
