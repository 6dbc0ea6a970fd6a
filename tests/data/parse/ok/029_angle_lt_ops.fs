profile < $x = pid < 5; $y = pid <= 5; $z = 1 << 3; @ = count() >
