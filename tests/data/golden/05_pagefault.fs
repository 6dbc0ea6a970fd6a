pagefault user < @[ustack] = count() >
