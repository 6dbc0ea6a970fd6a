// a misspelt builtin
offcpu { @ = sum(dleta) }
