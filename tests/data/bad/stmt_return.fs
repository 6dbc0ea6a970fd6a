// `return` is not a statement
profile { return; }
