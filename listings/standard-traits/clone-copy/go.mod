module example.com/gotorust/standard-traits/clone-copy

go 1.27
