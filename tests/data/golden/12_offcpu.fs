offcpu min 1ms max 10s / comm != "swapper" / < @[comm, kstack, ustack] = sum(delta); @states[state] = count() >
