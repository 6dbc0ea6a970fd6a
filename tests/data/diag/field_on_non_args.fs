// Only `args` has fields.
profile < @[comm.len] = count() >
