// Two modifiers of one exclusive group.
pagefault user kernel < @[ustack] = count() >
