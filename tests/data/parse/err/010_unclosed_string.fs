BEGIN { print("hello) }
