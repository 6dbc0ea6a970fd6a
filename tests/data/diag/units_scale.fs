// One dimension at two scales: µs plus ns.
offcpu < @[kstack] = sum(delta / 1000 + delta) >
