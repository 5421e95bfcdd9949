module example.com/gotorust/exercises/kv-store

go 1.27
