// `uid` is not a builtin
profile { @[uid] = count() }
