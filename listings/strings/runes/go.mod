module example.com/gotorust/strings/runes

go 1.27
