// a local that changes unit
offcpu { $x = delta; $x = 4KiB; @ = sum($x) }
