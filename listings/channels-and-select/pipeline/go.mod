module example.com/gotorust/channels-and-select/pipeline

go 1.27
