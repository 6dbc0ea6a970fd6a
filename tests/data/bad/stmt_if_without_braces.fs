// an `if` without braces
profile { if (pid > 100) @ = count() }
