profile < @[kstack] = sum(period >> 2) >
