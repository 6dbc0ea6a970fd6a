profile < @[kstack] = count() >
