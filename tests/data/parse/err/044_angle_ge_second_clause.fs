profile < @[kstack] = count() >
END < $n = @x >= 10; print($n) >
