module example.com/gotorust/shared-state/maps

go 1.27
