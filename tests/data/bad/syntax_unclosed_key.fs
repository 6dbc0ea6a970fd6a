// a map key never closed
profile { @[comm = count() }
