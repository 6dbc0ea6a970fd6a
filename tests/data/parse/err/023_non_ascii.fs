BEGIN { $x = café }
