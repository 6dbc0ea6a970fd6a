profile hz 99 100 < @[kstack] = count() >
