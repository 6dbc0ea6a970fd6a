// a fractional number
profile { @ = sum(1.5) }
