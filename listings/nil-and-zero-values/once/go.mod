module example.com/gotorust/nil-and-zero-values/once

go 1.27
