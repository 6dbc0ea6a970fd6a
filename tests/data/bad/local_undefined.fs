// a local read before it is assigned
profile { @ = sum($unset + 1) }
