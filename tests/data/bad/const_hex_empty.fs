// `0x` without digits
profile { @ = sum(0x) }
