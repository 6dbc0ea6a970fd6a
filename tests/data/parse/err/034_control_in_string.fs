BEGIN { $x = "bell" }
