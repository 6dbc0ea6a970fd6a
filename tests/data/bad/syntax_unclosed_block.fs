// a block never closed
profile { @[comm] = count()
