// A modifier that needs a value, written without one.
offcpu min < @[kstack] = sum(delta) >
