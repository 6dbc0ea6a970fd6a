// `func` is not a builtin
profile { @[func] = count() }
