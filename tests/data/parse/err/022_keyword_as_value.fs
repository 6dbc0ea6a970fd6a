BEGIN { $x = else }
