// a filter after the block
profile { @[comm] = count() } /pid == 1/
