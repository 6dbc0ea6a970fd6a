bio < @[comm,kstack] = sum(bytes) >
