// `print(@, 10)`
profile { @[comm] = count() } END { print(@, 10) }
