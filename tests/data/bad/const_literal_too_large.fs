// a literal beyond 64 bits
profile { @ = sum(99999999999999999999) }
