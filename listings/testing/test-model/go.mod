module example.com/gotorust/testing/test-model

go 1.27
