// One map summing a size in one clause and a duration in another.
bio < @[kstack] = sum(bytes) >
offcpu < @[kstack] = sum(delta) >
