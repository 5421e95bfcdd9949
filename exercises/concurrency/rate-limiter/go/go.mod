module example.com/gotorust/exercises/rate-limiter

go 1.27
