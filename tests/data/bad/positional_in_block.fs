// `$1` inside a block
profile { @[$1] = count() }
