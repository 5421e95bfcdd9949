module example.com/gotorust/ownership/returning-references

go 1.27
