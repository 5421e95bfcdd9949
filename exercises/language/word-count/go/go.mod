module example.com/gotorust/exercises/word-count

go 1.27
