profile < $x = pid > 5 >
