module example.com/gotorust/sharp-edges/blocking-in-async

go 1.27
