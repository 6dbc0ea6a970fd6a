// Aggregating a string.
offcpu < @[kstack] = sum(comm) >
