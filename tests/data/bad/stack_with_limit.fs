// `ustack(5)`: a frame limit
profile { @[ustack(5)] = count() }
