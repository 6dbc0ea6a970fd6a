// one map with two key types
profile { @[comm] = count(); @[pid, tid] = count() }
