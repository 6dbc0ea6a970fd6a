// a stack summed
profile { @[comm] = sum(kstack) }
