// C casts are not supported
profile { @ = sum((uint32)pid) }
