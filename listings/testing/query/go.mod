module example.com/gotorust/testing/query

go 1.27
