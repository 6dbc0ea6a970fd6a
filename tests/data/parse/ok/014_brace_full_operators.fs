profile { $x = pid > 5; $y = pid >= 5; $z = pid >> 1 }
