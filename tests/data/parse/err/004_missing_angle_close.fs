profile < @[kstack] = count()
