// `@x = @x + 1`
profile { @x = @x + 1 }
