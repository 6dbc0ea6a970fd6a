// a string summed
profile { @[pid] = sum(comm) }
