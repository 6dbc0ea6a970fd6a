profile hz 49 < @[comm, ustack] = sum(period) >
