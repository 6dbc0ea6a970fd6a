profile < @[kstack] = >
