offcpu min 1.5ms < @[kstack] = sum(delta) >
