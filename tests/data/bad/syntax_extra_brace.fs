// a stray `}`
profile { @[comm] = count() }}
