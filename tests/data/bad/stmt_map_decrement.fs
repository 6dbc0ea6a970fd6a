// `@x--`
profile { @x-- }
