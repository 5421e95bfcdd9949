module example.com/gotorust/sharp-edges/owned-results

go 1.27
