module example.com/gotorust/sharp-edges/unwrap-in-handlers

go 1.27
