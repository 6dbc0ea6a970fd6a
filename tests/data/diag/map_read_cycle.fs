// Two maps that only copy each other never get a value: each read is reported.
// See: #19
profile < @x = @y; @y = @x >
