module example.com/gotorust/exercises/tally

go 1.27
