// an expression that does nothing
profile { pid + 1 }
