profile < $x = (pid > 5); @[$x] = count() >
