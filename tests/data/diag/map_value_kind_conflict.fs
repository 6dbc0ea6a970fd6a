// One map, two kinds of value: the second use points at the first.
profile < @x[kstack] = count() >
offcpu < @x[kstack] = sum(delta) >
