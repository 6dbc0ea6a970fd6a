// One map, different keys: a different number of keys, then a different key type.
profile < @x[pid] = count() >
offcpu < @x[pid, comm] = count() >
bio < @x[comm] = count() >
