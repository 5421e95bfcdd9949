module example.com/gotorust/job-queue/server

go 1.27
