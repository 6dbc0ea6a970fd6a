// minutes are not a unit
offcpu min 5min < @[kstack] = sum(delta) >
