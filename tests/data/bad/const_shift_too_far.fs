// a shift of 64 bits or more
profile { @[comm] = sum(1 << 70) }
