profile < @[kstack] = count() > END < print(@) >
