// A bare-word modifier given a value.
pagefault user 5 < @[ustack] = count() >
