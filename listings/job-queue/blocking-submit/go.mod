module example.com/gotorust/job-queue/blocking-submit

go 1.27
