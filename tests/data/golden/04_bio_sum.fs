bio < @[kstack] = sum(bytes) >
