offcpu < @[kstack] = delta >= 1ms >
