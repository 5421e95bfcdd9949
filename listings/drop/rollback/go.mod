module example.com/gotorust/drop/rollback

go 1.27
