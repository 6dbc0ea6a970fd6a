// an unclosed string
profile /comm == "bash/ { @ = count() }
