offcpu < @[kstack] = sum(delta) >
