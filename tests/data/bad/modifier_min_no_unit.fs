// `min 1`: a duration needs a unit
offcpu min 1 < @[kstack] = sum(delta) >
