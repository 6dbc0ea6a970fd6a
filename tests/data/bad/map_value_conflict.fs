// one map with two kinds of value
profile { @a = count(); @a = sum(pid) }
