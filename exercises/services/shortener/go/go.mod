module example.com/gotorust/exercises/shortener

go 1.27

require github.com/mattn/go-sqlite3 v1.14.53
