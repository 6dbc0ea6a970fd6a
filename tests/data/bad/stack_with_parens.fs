// `kstack()`
profile { @[kstack()] = count() }
