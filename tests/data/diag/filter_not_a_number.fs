// A filter and an `if` condition must be numbers or comparisons.
profile /comm/ < @a = count() >
profile < if (kstack) { @b = count() } >
