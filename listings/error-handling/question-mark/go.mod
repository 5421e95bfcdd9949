module example.com/gotorust/error-handling/question-mark

go 1.27
