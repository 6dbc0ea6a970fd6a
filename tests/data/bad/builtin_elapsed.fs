// `elapsed` is not a builtin
profile { @[elapsed] = count() }
