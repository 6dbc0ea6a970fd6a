// An integer modifier given a duration.
profile hz 10ms < @[kstack] = count() >
