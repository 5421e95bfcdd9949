module example.com/gotorust/shared-state/async-mutex

go 1.27
