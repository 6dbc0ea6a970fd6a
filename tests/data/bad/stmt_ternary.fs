// the ternary operator
profile { @ = sum(pid > 100 ? 1 : 0) }
