// A local keeps one unit.
bio < $x = bytes; $x = 1ms; @ = sum($x) >
