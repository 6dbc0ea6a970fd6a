// `curtask` is not a builtin
profile { @[curtask] = count() }
