// An unknown probe with a close name: did-you-mean and the list of probes.
ofcpu < @[kstack] = count() >
