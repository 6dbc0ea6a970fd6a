// A map may be read before the clause that gives it a value, through a chain of copies.
profile < @z = @y; @y = @x >
profile < @x = count(); @w = pid; @w = @w + 1 >
