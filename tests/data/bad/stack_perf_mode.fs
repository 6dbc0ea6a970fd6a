// `ustack(perf)`
profile { @[ustack(perf)] = count() }
