// Aggregations are only the whole right side of a map assignment.
offcpu < @a = sum(delta) + 1 >
offcpu < $x = count() >
