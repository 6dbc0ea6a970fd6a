// `$x++`: flamescript has no `++`
profile { $x++ }
