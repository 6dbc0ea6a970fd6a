// Stacks are only map keys: not operands, not values, not locals.
profile < @a = kstack >
profile < @b[comm] = sum(ustack + 1) >
profile < $s = kstack >
