// A duration modifier given a plain number: the help shows how to write the unit.
futex min 1000 < @[ustack] = sum(delta) >
