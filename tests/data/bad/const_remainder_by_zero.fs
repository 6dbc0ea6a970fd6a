// a remainder by zero
profile { @[comm] = sum(pid % 0) }
