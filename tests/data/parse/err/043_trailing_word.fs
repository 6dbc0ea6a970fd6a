profile < @[kstack] = count() > END < print(@) > BEGIN { } x
