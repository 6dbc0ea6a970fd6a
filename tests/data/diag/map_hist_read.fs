// A histogram cannot be read as a number.
offcpu < @h = hist(delta); @x = @h + 1 >
