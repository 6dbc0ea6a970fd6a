// `count(pid)`
profile { @[comm] = count(pid) }
