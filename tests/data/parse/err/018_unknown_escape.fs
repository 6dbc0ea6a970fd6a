BEGIN { print("a\qb") }
