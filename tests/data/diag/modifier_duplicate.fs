// The same modifier twice.
offcpu min 1ms min 2ms < @[kstack] = sum(delta) >
