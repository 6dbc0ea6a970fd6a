// An unknown builtin with no close match: the help lists what the probe provides.
bio < @[kstack] = sum(qwerty) >
