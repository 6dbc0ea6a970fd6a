offcpu min 1ms max 2s / pid != 0 / < @[kstack] = sum(delta) >
pagefault kernel < @[kstack] = count() >
