module example.com/gotorust/traits/reader-writer

go 1.27
