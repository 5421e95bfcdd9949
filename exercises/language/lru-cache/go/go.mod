module example.com/gotorust/exercises/lru-cache

go 1.27
