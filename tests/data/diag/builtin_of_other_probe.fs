// A builtin that exists, but in another probe.
offcpu < @[kstack] = sum(bytes) >
