module example.com/gotorust/error-handling/user-cli

go 1.27

require example.com/gotorust/error-handling/user-store v0.0.0

replace example.com/gotorust/error-handling/user-store => ../user-store
