profile < @[kstack = count() >
