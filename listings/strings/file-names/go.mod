module example.com/gotorust/strings/file-names

go 1.27
