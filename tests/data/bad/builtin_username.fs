// `username` is not a builtin
profile { @[username] = count() }
