// two maps that copy each other
profile { @x = @y; @y = @x }
