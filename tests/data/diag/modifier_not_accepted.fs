// A probe that takes no modifiers at all.
bio fast < @[kstack] = sum(bytes) >
