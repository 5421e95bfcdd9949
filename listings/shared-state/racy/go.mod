module example.com/gotorust/shared-state/racy

go 1.27
