// a divisor that is zero once computed
profile { @[comm] = sum(pid / (2 - 2)) }
