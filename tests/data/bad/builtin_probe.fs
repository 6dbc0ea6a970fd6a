// `probe` is not a builtin
profile { @[probe] = count() }
