// a constant product beyond 64 bits
profile { @ = sum(4294967296 * 4294967296) }
