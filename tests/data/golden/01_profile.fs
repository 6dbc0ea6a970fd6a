profile hz 99 < @[kstack, ustack] = count() >
