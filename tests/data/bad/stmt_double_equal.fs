// `==` where `=` was meant
profile { @[comm] == count() }
