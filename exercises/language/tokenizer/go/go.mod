module example.com/gotorust/exercises/tokenizer

go 1.27
